package dev.ordo.contracts.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

  private static final int[] INTERESTING = {
      0x00, 0x01, 'a', 'z', 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
      0x10000, 0x1F600, 0x10FFFF};

  @Test
  void agreesWithUtf8ByteOrder() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String a = randomKey(random);
      String b = random.nextInt(4) == 0 ? a + randomKey(random) : randomKey(random);
      int expected = Integer.signum(Arrays.compareUnsigned(
          a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
      assertEquals(expected, Integer.signum(KeyOrder.INSTANCE.compare(a, b)), a + " vs " + b);
    }
  }

  private static String randomKey(Random random) {
    StringBuilder key = new StringBuilder();
    int length = random.nextInt(4);
    for (int i = 0; i < length; i++) {
      key.appendCodePoint(INTERESTING[random.nextInt(INTERESTING.length)]);
    }
    return key.toString();
  }
}
