package dev.customtls.core.handshake;

import dev.customtls.core.constants.HandshakeType;

/**
 * One complete handshake message (RFC 8446 section 4, {@code struct Handshake}): its type, its body, and
 * the exact bytes received (4-byte header plus body) for the transcript hash.
 *
 * <p>The arrays are owned by the frame's consumer; the reassembler keeps no reference to them.
 *
 * @param type the {@link HandshakeType} code
 * @param body the message body, without the 4-byte header
 * @param raw the header and body exactly as received
 */
public record HandshakeFrame(int type, byte[] body, byte[] raw) {

    /** The body length announced in the header. */
    public int length() {
        return body.length;
    }

    /** Type and length only: message contents never appear in logs. */
    @Override
    public String toString() {
        return "HandshakeFrame[" + HandshakeType.name(type) + ", " + body.length + " bytes]";
    }
}
