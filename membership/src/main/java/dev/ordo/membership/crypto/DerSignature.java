package dev.ordo.membership.crypto;

import java.math.BigInteger;

/**
 * Strict DER decoding of an ECDSA signature, {@code SEQUENCE { INTEGER r, INTEGER s }}.
 *
 * <p>It accepts exactly the canonical encodings of pairs with {@code 0 <= r, s < n}: definite
 * minimal lengths (short form, or {@code 0x81 LL} only for a sequence of 128 bytes or more),
 * minimal non-negative integers, nothing after the sequence — the same set Bouncy Castle's
 * {@code StandardDSAEncoding} accepts, which decodes into ASN.1 objects and re-encodes them to
 * compare, at several times the cost on a path that runs for every signature a node checks.
 */
final class DerSignature {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private DerSignature() {
    }

    /** (r, s), or {@code null} if {@code der} is not the canonical encoding of a pair below {@code n}. */
    static BigInteger[] decode(BigInteger n, byte[] der) {
        if (der.length < 2 || (der[0] & 0xff) != SEQUENCE) {
            return null;
        }
        int length = der[1] & 0xff;
        int position = 2;
        if (length == 0x81) {
            if (der.length < 3 || (der[2] & 0xff) < 0x80) {
                return null;
            }
            length = der[2] & 0xff;
            position = 3;
        } else if (length > 0x7f) {
            return null;
        }
        if (position + length != der.length) {
            return null;
        }
        int[] next = new int[1];
        BigInteger r = integer(der, position, der.length, n, next);
        if (r == null) {
            return null;
        }
        BigInteger s = integer(der, next[0], der.length, n, next);
        if (s == null || next[0] != der.length) {
            return null;
        }
        return new BigInteger[] {r, s};
    }

    /** The INTEGER at {@code from}, if minimal, non-negative and below {@code n}; its end in {@code next[0]}. */
    private static BigInteger integer(byte[] der, int from, int end, BigInteger n, int[] next) {
        if (end - from < 3 || (der[from] & 0xff) != INTEGER) {
            return null;
        }
        int length = der[from + 1] & 0xff;
        int start = from + 2;
        // A long-form length means at least 128 bytes: never an integer below any curve order.
        if (length == 0 || length > 0x7f || start + length > end) {
            return null;
        }
        if ((der[start] & 0x80) != 0) {
            return null;
        }
        if (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0) {
            return null;
        }
        BigInteger value = new BigInteger(1, der, start, length);
        if (value.compareTo(n) >= 0) {
            return null;
        }
        next[0] = start + length;
        return value;
    }
}
