package dev.customtls.core.codec;

import dev.customtls.core.error.TlsAlertException;

/**
 * A bounds-checked reader over a slice of a byte array, in TLS presentation-language order (big-endian).
 *
 * <p>Every read checks the remaining length first and fails with a {@code decode_error} alert, never with
 * an index exception. Variable-length vectors are read as sub-readers confined to their declared length.
 * The reader borrows the array: callers must not change it while reading, and byte arrays returned by
 * {@link #bytes(int)} are copies.
 */
public final class TlsReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public TlsReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public TlsReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("slice out of bounds");
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** Absolute position in the underlying array. */
    public int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw TlsAlertException.decodeError("Truncated " + what + ": need " + n + " bytes, have " + (limit - pos));
        }
    }

    public int u8() {
        need(1, "uint8");
        return buf[pos++] & 0xff;
    }

    public int u16() {
        need(2, "uint16");
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u24() {
        need(3, "uint24");
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    public long u32() {
        need(4, "uint32");
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** Reads {@code n} bytes into a new array. */
    public byte[] bytes(int n) {
        need(n, "opaque field");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n, "field");
        pos += n;
    }

    /** Reads {@code opaque x<0..2^8-1>}. */
    public byte[] opaque8() {
        return bytes(u8());
    }

    /** Reads {@code opaque x<0..2^16-1>}. */
    public byte[] opaque16() {
        return bytes(u16());
    }

    /** Reads {@code opaque x<0..2^24-1>}. */
    public byte[] opaque24() {
        return bytes(u24());
    }

    /** A sub-reader over a vector with a one-byte length prefix; this reader advances past it. */
    public TlsReader vector8() {
        return sub(u8());
    }

    /** A sub-reader over a vector with a two-byte length prefix; this reader advances past it. */
    public TlsReader vector16() {
        return sub(u16());
    }

    /** A sub-reader over a vector with a three-byte length prefix; this reader advances past it. */
    public TlsReader vector24() {
        return sub(u24());
    }

    /** A sub-reader over the next {@code n} bytes; this reader advances past them. */
    public TlsReader sub(int n) {
        need(n, "vector");
        TlsReader r = new TlsReader(buf, pos, n);
        pos += n;
        return r;
    }

    /** Fails with {@code decode_error} if any bytes are left: every structure must be consumed exactly. */
    public void ensureEmpty(String what) {
        if (pos != limit) {
            throw TlsAlertException.decodeError("Trailing " + (limit - pos) + " bytes after " + what);
        }
    }
}
