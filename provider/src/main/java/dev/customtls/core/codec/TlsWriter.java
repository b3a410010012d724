package dev.customtls.core.codec;

import java.util.Arrays;

/**
 * A growable big-endian writer for TLS structures, with nested length-prefixed vectors.
 *
 * <pre>
 * int mark = w.startVector16();
 * ... write the contents ...
 * w.endVector16(mark);
 * </pre>
 */
public final class TlsWriter {
    private byte[] buf;
    private int len;

    public TlsWriter() {
        this(256);
    }

    /**
     * @param initialCapacity a size hint: what the caller expects to write. The writer still grows past it
     *     as needed, so a wrong hint costs a copy, never correctness.
     */
    public TlsWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public TlsWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u24(int v) {
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public TlsWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public TlsWriter opaque8(byte[] b) {
        checkMax(b.length, 0xff);
        return u8(b.length).bytes(b);
    }

    public TlsWriter opaque16(byte[] b) {
        checkMax(b.length, 0xffff);
        return u16(b.length).bytes(b);
    }

    public TlsWriter opaque24(byte[] b) {
        checkMax(b.length, 0xffffff);
        return u24(b.length).bytes(b);
    }

    public int startVector8() {
        u8(0);
        return len;
    }

    public void endVector8(int mark) {
        int n = len - mark;
        checkMax(n, 0xff);
        buf[mark - 1] = (byte) n;
    }

    public int startVector16() {
        u16(0);
        return len;
    }

    public void endVector16(int mark) {
        int n = len - mark;
        checkMax(n, 0xffff);
        buf[mark - 2] = (byte) (n >>> 8);
        buf[mark - 1] = (byte) n;
    }

    public int startVector24() {
        u24(0);
        return len;
    }

    public void endVector24(int mark) {
        int n = len - mark;
        checkMax(n, 0xffffff);
        buf[mark - 3] = (byte) (n >>> 16);
        buf[mark - 2] = (byte) (n >>> 8);
        buf[mark - 1] = (byte) n;
    }

    private static void checkMax(int n, int max) {
        if (n > max) {
            throw new IllegalStateException("vector of " + n + " bytes exceeds its maximum " + max);
        }
    }

    public int length() {
        return len;
    }

    /**
     * The backing array, without a copy: bytes {@code [0, length())} are what has been written. It is only
     * valid until the next write or {@link #reset()}, and callers must not change it; use it to pass what was
     * written to a consumer that takes a slice (a digest, another buffer) without an intermediate array.
     */
    public byte[] array() {
        return buf;
    }

    /** A copy of what has been written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public void reset() {
        len = 0;
    }
}
