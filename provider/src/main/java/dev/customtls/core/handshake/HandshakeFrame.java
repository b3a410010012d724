package dev.customtls.core.handshake;

import dev.customtls.core.constants.HandshakeType;

import java.util.Arrays;

/**
 * One complete handshake message (RFC 8446 section 4, {@code struct Handshake}): its type and the exact
 * bytes received (4-byte header plus body), which go into the transcript hash as they are and are decoded
 * in place from {@link #BODY_OFFSET}.
 *
 * <p>The array is owned by the frame's consumer; the reassembler keeps no reference to it.
 *
 * @param type the {@link HandshakeType} code
 * @param raw the header and body exactly as received
 */
public record HandshakeFrame(int type, byte[] raw) {

    /** Where the body starts in {@link #raw()}: after msg_type and the uint24 length. */
    public static final int BODY_OFFSET = HandshakeReassembler.HEADER_LENGTH;

    /** The body length announced in the header. */
    public int length() {
        return raw.length - BODY_OFFSET;
    }

    /** A copy of the message body, without the 4-byte header (decoders read it in place instead). */
    public byte[] body() {
        return Arrays.copyOfRange(raw, BODY_OFFSET, raw.length);
    }

    /** Type and length only: message contents never appear in logs. */
    @Override
    public String toString() {
        return "HandshakeFrame[" + HandshakeType.name(type) + ", " + length() + " bytes]";
    }
}
