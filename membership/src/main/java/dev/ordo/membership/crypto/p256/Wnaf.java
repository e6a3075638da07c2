package dev.ordo.membership.crypto.p256;

import java.math.BigInteger;

/**
 * Width-w non-adjacent form: a scalar as Σ d_i·2^i with every non-zero digit odd, |d_i| &lt;
 * 2^(w−1), and at least w − 1 zeros after each non-zero digit (so about one addition per
 * w + 1 bits). Variable time.
 */
final class Wnaf {
    private Wnaf() {
    }

    /**
     * The 257 digits of a scalar in [0, 2^256): {@code digits[i]} for i from 0 to 256 (a carry
     * out of bit 255 becomes digit 256).
     */
    static short[] recode(BigInteger k, int width) {
        return recode(words(k), 0, 256, width);
    }

    /** The scalar's 64-bit words, least significant first (four words: 256 bits). */
    static long[] words(BigInteger k) {
        if (k.signum() < 0 || k.bitLength() > 256) {
            throw new IllegalArgumentException("scalar out of range");
        }
        long[] words = new long[4];
        byte[] bytes = k.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            int bit = (bytes.length - 1 - i) * 8;
            if (bit < 256) {
                words[bit >>> 6] |= (bytes[i] & 0xFFL) << (bit & 63);
            }
        }
        return words;
    }

    /**
     * The width-w NAF of bits {@code from} up to {@code from + bits − 1} of the number in
     * {@code words}: {@code bits + 1} digits (a carry out of the top bit becomes digit
     * {@code bits}).
     */
    static short[] recode(long[] words, int from, int bits, int width) {
        if (width < 2 || width > 15) {
            throw new IllegalArgumentException("width must be between 2 and 15");
        }
        short[] digits = new short[bits + 1];
        int half = 1 << (width - 1);
        int carry = 0;
        int i = 0;
        while (i < bits || carry != 0) {
            int bit = i < bits ? (int) (words[(from + i) >>> 6] >>> ((from + i) & 63)) & 1 : 0;
            if (bit == carry) {
                // bit + carry is 0 or 2: digit 0, the carry (if any) moves on.
                i++;
                continue;
            }
            // bit + carry is 1: the window value is odd and below 2^width.
            int window = window(words, from, bits, i, width) + carry;
            if (window >= half) {
                digits[i] = (short) (window - (half << 1));
                carry = 1;
            } else {
                digits[i] = (short) window;
                carry = 0;
            }
            // The next width − 1 digits are zero; a carry only arises when the window lay
            // wholly below bit `bits`, so it lands at position `bits` at the latest.
            i += width;
        }
        return digits;
    }

    /** Bits i up to i + width − 1 of the piece, zero at and above {@code bits}. */
    private static int window(long[] words, int from, int bits, int i, int width) {
        if (i >= bits) {
            return 0;
        }
        int position = from + i;
        int word = position >>> 6;
        int shift = position & 63;
        long value = words[word] >>> shift;
        if (shift != 0 && word + 1 < words.length) {
            value |= words[word + 1] << (64 - shift);
        }
        int available = Math.min(width, bits - i);
        return (int) (value & ((1L << available) - 1));
    }
}
