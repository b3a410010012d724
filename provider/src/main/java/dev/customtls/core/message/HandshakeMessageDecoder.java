package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

/** Decodes a complete TLS 1.3 handshake message body by its type (RFC 8446 section 4). */
public final class HandshakeMessageDecoder {
    private HandshakeMessageDecoder() {
    }

    /**
     * @param type the {@link HandshakeType} code
     * @param body the message body, without its four-byte header; consumed exactly
     * @return the decoded message
     * @throws TlsAlertException {@code unexpected_message} for a type that is unknown or not a TLS 1.3
     *         message (RFC 8446 section 4: "an unexpected message ... MUST abort the handshake with an
     *         unexpected_message alert"), otherwise the alert of the message's own decoder
     */
    public static HandshakeMessage decode(int type, byte[] body) {
        return decode(type, body, 0, body.length);
    }

    /** As {@link #decode(int, byte[])}, for the body at {@code buf[off, off+len)} (read in place, not kept). */
    public static HandshakeMessage decode(int type, byte[] buf, int off, int len) {
        TlsReader r = new TlsReader(buf, off, len);
        return switch (type) {
            case HandshakeType.CLIENT_HELLO -> ClientHello.decode(r);
            case HandshakeType.SERVER_HELLO -> ServerHello.decode(r);
            case HandshakeType.NEW_SESSION_TICKET -> NewSessionTicket.decode(r);
            case HandshakeType.END_OF_EARLY_DATA -> EndOfEarlyData.decode(r);
            case HandshakeType.ENCRYPTED_EXTENSIONS -> EncryptedExtensions.decode(r);
            case HandshakeType.CERTIFICATE -> CertificateMessage.decode(r);
            case HandshakeType.COMPRESSED_CERTIFICATE -> CompressedCertificate.decode(r);
            case HandshakeType.CERTIFICATE_REQUEST -> CertificateRequest.decode(r);
            case HandshakeType.CERTIFICATE_VERIFY -> CertificateVerify.decode(r);
            case HandshakeType.FINISHED -> Finished.decode(r);
            case HandshakeType.KEY_UPDATE -> KeyUpdate.decode(r);
            default -> throw TlsAlertException.unexpectedMessage("Unexpected handshake message "
                    + HandshakeType.name(type));
        };
    }
}
