package dev.customtls.core.handshake;

import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * Reassembles handshake messages from the content of handshake records (RFC 8446 section 5.1, RFC 5246
 * section 6.2.1): a message may span several records and one record may carry several messages. Not
 * thread-safe.
 *
 * <p>Every message header is checked against the size limit as soon as its four bytes are available and
 * before any of its body is buffered, so a peer cannot make us hold more than one oversized record.
 *
 * <p>In the common case (nothing buffered, whole messages in the record) nothing is buffered at all: the
 * messages are cut from the caller's record directly, each copied once into its frame. Only the part of a
 * record that does not complete a message is copied into the reassembly buffer.
 */
public final class HandshakeReassembler {
    /** Length of the handshake message header: type(1) and uint24 length. */
    public static final int HEADER_LENGTH = 4;
    /** The default limit, as SunJSSE's {@code jdk.tls.maxHandshakeMessageSize}. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 32768;
    private static final int MAX_UINT24 = 0xFFFFFF;
    private static final int INITIAL_CAPACITY = 1024;
    private static final int RETAINED_CAPACITY = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final int maxMessageSize;
    private byte[] buffer = EMPTY;
    /** Buffered bytes are {@code buffer[start, end)}. */
    private int start;
    private int end;
    /** Absolute index of the next message header not yet checked; may lie beyond {@code end}. */
    private int scan;
    /**
     * The last record added while nothing was buffered, read in place: {@code record[recordPos, recordEnd)}
     * not yet returned; null when none. While set, the buffer is empty.
     */
    private byte[] record;
    private int recordPos;
    private int recordEnd;
    /** Absolute index in {@code record} of the next message header not yet checked. */
    private int recordScan;

    /**
     * @param maxMessageSize the largest message body accepted, e.g. {@link #DEFAULT_MAX_MESSAGE_SIZE}
     * @throws IllegalArgumentException if not in {@code [1, 2^24-1]} (a configuration error)
     */
    public HandshakeReassembler(int maxMessageSize) {
        if (maxMessageSize < 1 || maxMessageSize > MAX_UINT24) {
            throw new IllegalArgumentException("maxMessageSize must be in [1, 2^24-1]: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Adds the content of one handshake record, {@code buf[off, off+len)}. When nothing is buffered the
     * bytes are read in place: the caller must leave them unchanged until {@link #next()} has returned null
     * (or until the next {@code add}); whatever does not complete a message is then copied.
     *
     * @throws TlsAlertException unexpected_message for a zero-length fragment (RFC 8446 section 5.1:
     *     "Implementations MUST NOT send zero-length fragments of Handshake types"); illegal_parameter when
     *     a message header announces more than the limit, raised before anything of this call is buffered
     */
    public void add(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw TlsAlertException.internalError("Handshake fragment out of bounds", null);
        }
        if (len == 0) {
            throw TlsAlertException.unexpectedMessage("Zero-length handshake fragment");
        }
        spill();
        int nextHeader = checkHeaders(buf, off, len);
        if (start == end) {
            record = buf;
            recordPos = off;
            recordEnd = off + len;
            recordScan = off + nextHeader;
            return;
        }
        append(buf, off, len);
        scan = start + nextHeader;
    }

    /** Copies what is left of the record read in place into the buffer (which is empty while it is set). */
    private void spill() {
        if (record == null) {
            return;
        }
        int n = recordEnd - recordPos;
        if (n > 0) {
            append(record, recordPos, n);
            scan = start + recordScan - recordPos;
        }
        record = null;
    }

    /**
     * Walks the message headers in the buffered bytes followed by the new ones, from the first header not
     * yet checked, and rejects any that announces more than {@code maxMessageSize}.
     *
     * @return the position of the next unchecked header, relative to {@code start}
     */
    private int checkHeaders(byte[] buf, int off, int len) {
        int buffered = end - start;
        int total = buffered + len;
        int pos = scan - start;
        while (total - pos >= HEADER_LENGTH) {
            int length = (byteAt(pos + 1, buf, off, buffered) << 16)
                    | (byteAt(pos + 2, buf, off, buffered) << 8)
                    | byteAt(pos + 3, buf, off, buffered);
            if (length > maxMessageSize) {
                throw TlsAlertException.illegalParameter("Handshake message of " + length
                        + " bytes exceeds the maximum of " + maxMessageSize);
            }
            pos += HEADER_LENGTH + length;
        }
        return pos;
    }

    /** Byte {@code i} of the buffered bytes followed by {@code buf[off...]}. */
    private int byteAt(int i, byte[] buf, int off, int buffered) {
        return (i < buffered ? buffer[start + i] : buf[off + i - buffered]) & 0xff;
    }

    private void append(byte[] buf, int off, int len) {
        int buffered = end - start;
        if (buffer.length - end < len) {
            int needed = buffered + len;
            if (needed <= buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, buffered);
            } else {
                int capacity = Math.max(needed, Math.max(INITIAL_CAPACITY, buffer.length * 2));
                byte[] grown = new byte[capacity];
                System.arraycopy(buffer, start, grown, 0, buffered);
                buffer = grown;
            }
            scan -= start;
            start = 0;
            end = buffered;
        }
        System.arraycopy(buf, off, buffer, end, len);
        end += len;
    }

    /** The next complete message, or null if none is buffered. */
    public HandshakeFrame next() {
        if (record != null) {
            HandshakeFrame frame = nextInRecord();
            if (frame != null) {
                return frame;
            }
            spill();
            return null;
        }
        int buffered = end - start;
        if (buffered < HEADER_LENGTH) {
            return null;
        }
        int length = ((buffer[start + 1] & 0xff) << 16) | ((buffer[start + 2] & 0xff) << 8)
                | (buffer[start + 3] & 0xff);
        if (buffered - HEADER_LENGTH < length) {
            return null;
        }
        int type = buffer[start] & 0xff;
        byte[] raw = Arrays.copyOfRange(buffer, start, start + HEADER_LENGTH + length);
        start += HEADER_LENGTH + length;
        if (start == end) {
            Arrays.fill(buffer, 0, end, (byte) 0);
            start = 0;
            end = 0;
            scan = 0;
            if (buffer.length > RETAINED_CAPACITY) {
                buffer = EMPTY;
            }
        }
        return new HandshakeFrame(type, raw);
    }

    /** The next complete message of the record read in place, or null. */
    private HandshakeFrame nextInRecord() {
        int available = recordEnd - recordPos;
        if (available < HEADER_LENGTH) {
            return null;
        }
        byte[] r = record;
        int length = ((r[recordPos + 1] & 0xff) << 16) | ((r[recordPos + 2] & 0xff) << 8) | (r[recordPos + 3] & 0xff);
        if (available - HEADER_LENGTH < length) {
            return null;
        }
        int type = r[recordPos] & 0xff;
        byte[] raw = Arrays.copyOfRange(r, recordPos, recordPos + HEADER_LENGTH + length);
        recordPos += HEADER_LENGTH + length;
        if (recordPos == recordEnd) {
            record = null;
        }
        return new HandshakeFrame(type, raw);
    }

    /**
     * True if nothing is buffered: every byte received has been returned by {@link #next()}. Keys may only
     * change on a record boundary that is also a message boundary (RFC 8446 section 5.1); the caller raises
     * unexpected_message when this is false at a key change. Complete but unread messages count as
     * buffered, because they arrived under the old key.
     */
    public boolean isAtMessageBoundary() {
        return end == start && record == null;
    }

    /** Bytes received and not yet returned as messages. */
    public int bufferedBytes() {
        return end - start + (record == null ? 0 : recordEnd - recordPos);
    }

    /** The largest message body accepted. */
    public int maxMessageSize() {
        return maxMessageSize;
    }
}
