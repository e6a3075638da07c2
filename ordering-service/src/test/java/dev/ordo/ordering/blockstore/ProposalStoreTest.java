package dev.ordo.ordering.blockstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProposalStoreTest {
  private static final long MIB = 1 << 20;

  @TempDir
  Path dir;

  private static ByteBuffer proposal(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private List<String> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static String segmentName(long firstIndex) {
    return String.format("%019d.segment", firstIndex);
  }

  @Test
  void readsBackFromTheCacheAndFromDiskAfterReopen() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      store.write(1, 1, proposal("block one"));
      store.write(2, 1, proposal("block two"));
      store.flush();
      assertEquals("block one", text(store.read(1, 1)));
      assertEquals(18, store.cachedBytes());
    }
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      assertArrayEquals(new long[] {1, 2}, store.indexRange());
      assertEquals("block two", text(store.read(2, 1)));
      assertEquals("block one", text(store.read(1, 1)));
      assertEquals(0, store.cachedBytes(), "a reopened store reads from disk");
      store.write(3, 2, proposal("block three"));
    }
    assertEquals(List.of(segmentName(1)), segments(), "a reopened store appends to its last segment");
  }

  @Test
  void largeProposalsSurviveTheStagingBufferIntact() throws IOException {
    byte[] large = new byte[700_000]; // several passes through the 256 KiB staging buffer
    new Random(7).nextBytes(large);
    try (ProposalStore store = ProposalStore.open(dir, 0, 64 * MIB)) {
      store.write(1, 1, ByteBuffer.wrap(large, 3, large.length - 3));
      store.write(2, 1, proposal("small"));
      ByteBuffer back = store.read(1, 1);
      byte[] read = new byte[back.remaining()];
      back.get(read);
      assertArrayEquals(java.util.Arrays.copyOfRange(large, 3, large.length), read);
      assertEquals("small", text(store.read(2, 1)));
    }
  }

  @Test
  void theCacheKeepsTheNewestWithinItsBudgetAndOlderOnesComeFromDisk() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, 20, MIB)) {
      store.write(1, 1, proposal("0123456789"));
      store.write(2, 1, proposal("abcdefghij"));
      store.write(3, 1, proposal("ABCDEFGHIJ"));
      assertEquals(20, store.cachedBytes());
      assertEquals("0123456789", text(store.read(1, 1)), "evicted from the heap, read from its segment");
      assertEquals("ABCDEFGHIJ", text(store.read(3, 1)));
    }
  }

  @Test
  void proposalsNoLongerNeededLeaveTheHeapButStayOnDisk() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      store.write(1, 1, proposal("0123456789"));
      store.write(2, 1, proposal("abcdefghij"));
      store.write(3, 1, proposal("ABCDEFGHIJ"));
      store.uncacheBelow(3);
      assertEquals(10, store.cachedBytes());
      assertEquals("abcdefghij", text(store.read(2, 1)));
      store.uncacheBelow(2); // nothing left below 2
      assertEquals(10, store.cachedBytes());
    }
  }

  @Test
  void aProposalOfAnotherTermIsNotReadInPlaceOfTheEntry() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      store.write(5, 2, proposal("term two"));
      NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.read(5, 3));
      assertTrue(e.getMessage().contains("is of term 2, not 3"), e.getMessage());
      assertThrows(NoSuchFileException.class, () -> store.read(6, 2));
    }
  }

  @Test
  void truncationDropsTheTailAcrossSegmentsAndARewriteReplacesIt() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, MIB, 10)) { // every proposal fills a segment
      for (int i = 1; i <= 4; i++) {
        store.write(i, 1, proposal("old proposal " + i));
      }
      store.flush();
      assertEquals(4, segments().size());
      store.truncateFrom(3);
      assertArrayEquals(new long[] {1, 2}, store.indexRange());
      assertThrows(NoSuchFileException.class, () -> store.read(3, 1));
      assertEquals(List.of(segmentName(1), segmentName(2)), segments());
      // A write at or below the last index replaces it and everything after it, as Ratis's log does.
      store.write(2, 2, proposal("new 2"));
      store.flush();
      assertArrayEquals(new long[] {1, 2}, store.indexRange());
      assertEquals("new 2", text(store.read(2, 2)));
      assertThrows(NoSuchFileException.class, () -> store.read(2, 1));
    }
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      assertEquals("new 2", text(store.read(2, 2)), "the rewrite is what a restart finds");
      assertEquals("old proposal 1", text(store.read(1, 1)));
    }
  }

  @Test
  void truncationInsideASegmentCutsTheFileAndAppendsAfterTheCut() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      for (int i = 1; i <= 4; i++) {
        store.write(i, 1, proposal("p" + i));
      }
      store.truncateFrom(3);
      store.write(3, 2, proposal("q3"));
      store.flush();
    }
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      assertArrayEquals(new long[] {1, 3}, store.indexRange());
      assertEquals("q3", text(store.read(3, 2)));
      assertThrows(NoSuchFileException.class, () -> store.read(4, 1));
    }
  }

  @Test
  void purgeRemovesOnlySegmentsWhollyBelowTheIndex() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, MIB, 40)) { // two 32-byte records per segment
      for (int i = 1; i <= 6; i++) {
        store.write(i, 1, proposal("proposal" + i).limit(8)); // segments start at 1, 3 and 5
      }
      store.flush();
      assertEquals(List.of(segmentName(1), segmentName(3), segmentName(5)), segments());
      store.purgeBelow(4); // 1-2 are below 4; 3-4 are not all below it
      assertEquals(List.of(segmentName(3), segmentName(5)), segments());
      assertArrayEquals(new long[] {3, 6}, store.indexRange());
      assertThrows(NoSuchFileException.class, () -> store.read(2, 1));
      assertEquals("proposal", text(store.read(3, 1)));
      store.purgeBelow(100); // the last segment takes the next writes and stays
      assertEquals(List.of(segmentName(5)), segments());
      assertEquals(16, store.cachedBytes(), "purged proposals leave the heap too");
    }
  }

  @Test
  void aTornTailIsCutOnOpenAndACorruptRecordIsAnErrorNotWrongBytes() throws IOException {
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      store.write(1, 1, proposal("a whole proposal"));
      store.write(2, 1, proposal("another proposal"));
      store.write(3, 1, proposal("torn by a crash"));
      store.flush();
    }
    Path segment = dir.resolve(segmentName(1));
    long recordBytes = 16 + 8 + "a whole proposal".length();
    try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      file.truncate(file.size() - 3); // the last append did not finish before a crash
    }
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      assertArrayEquals(new long[] {1, 2}, store.indexRange());
      assertEquals(2 * recordBytes, Files.size(segment), "the torn record is cut");
      store.write(3, 1, proposal("written again"));
      assertEquals("written again", text(store.read(3, 1)));
    }
    try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      file.write(ByteBuffer.wrap(new byte[] {'X'}), recordBytes + 30); // a flipped byte in record 2
    }
    try (ProposalStore store = ProposalStore.open(dir, 0, MIB)) {
      // Opening cuts at the first bad record, so record 2 and everything after it are gone.
      assertArrayEquals(new long[] {1, 1}, store.indexRange());
      assertThrows(NoSuchFileException.class, () -> store.read(2, 1));
    }
    try (ProposalStore store = ProposalStore.open(dir, 0, MIB)) {
      store.write(2, 1, proposal("another proposal"));
      try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
        file.write(ByteBuffer.wrap(new byte[] {'X'}), recordBytes + 30); // damaged while the store is open
      }
      IOException corrupt = assertThrows(IOException.class, () -> store.read(2, 1));
      assertTrue(corrupt.getMessage().contains("torn or corrupt"), corrupt.getMessage());
    }
  }

  @Test
  void unexpectedFilesAreLeftAloneAndBadArgumentsRejected() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not a proposal");
    try (ProposalStore store = ProposalStore.open(dir, MIB, MIB)) {
      assertEquals(0, store.indexRange().length);
      assertThrows(IllegalArgumentException.class, () -> store.write(-1, 1, proposal("x")));
      store.write(1, 1, proposal("x"));
    }
    assertTrue(Files.exists(dir.resolve("notes.txt")));
    ProposalStore closed = ProposalStore.open(dir, MIB, MIB);
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.read(1, 1));
    assertThrows(IllegalArgumentException.class, () -> ProposalStore.open(dir, -1, MIB));
    assertThrows(IllegalArgumentException.class, () -> ProposalStore.open(dir, MIB, 0));
  }
}
