package dev.customtls.crypto;

import dev.customtls.core.error.TlsAlertException;

import java.math.BigInteger;

/** Fixed-length big-endian and little-endian encodings of non-negative integers, and an all-zero test. */
public final class FixedLength {

    private FixedLength() {
    }

    /** {@code value} as an unsigned big-endian integer of exactly {@code length} bytes (left-padded). */
    public static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        int n = raw.length - start;
        if (n > length || value.signum() < 0) {
            throw TlsAlertException.internalError("integer does not fit its field", null);
        }
        byte[] out = new byte[length];
        System.arraycopy(raw, start, out, length - n, n);
        return out;
    }

    /** Left-pads (or strips leading zero bytes from) a big-endian value to exactly {@code length} bytes. */
    public static byte[] resize(byte[] value, int length) {
        if (value.length == length) {
            return value;
        }
        return toBytes(new BigInteger(1, value), length);
    }

    /** The little-endian encoding of {@code value} in exactly {@code length} bytes (RFC 7748 section 5). */
    public static byte[] toLittleEndian(BigInteger value, int length) {
        byte[] be = toBytes(value, length);
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            byte t = be[i];
            be[i] = be[j];
            be[j] = t;
        }
        return be;
    }

    /** Decodes a little-endian unsigned integer. */
    public static BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[le.length - 1 - i] = le[i];
        }
        return new BigInteger(1, be);
    }

    /** Constant-time test for an all-zero array (RFC 7748 section 6.1, RFC 8446 section 7.4.2). */
    public static boolean isAllZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
