package dev.ordo.contracts.state;

import java.util.Comparator;

/**
 * The order of keys in Fabric's state database: lexicographic over UTF-8 bytes, which equals
 * Unicode code point order. Java's {@link String#compareTo} orders UTF-16 units and disagrees
 * for characters above U+FFFF against U+E000–U+FFFF, so every range scan, every read/write-set
 * sort and every store must use this order instead.
 */
public final class KeyOrder implements Comparator<String> {

  /** The one instance. */
  public static final KeyOrder INSTANCE = new KeyOrder();

  private KeyOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (ca == cb) {
        i++;
        j++;
        continue;
      }
      int pa = a.codePointAt(i);
      int pb = b.codePointAt(j);
      if (pa != pb) {
        return Integer.compare(pa, pb);
      }
      i += Character.charCount(pa);
      j += Character.charCount(pb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
