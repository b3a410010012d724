package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.keyschedule.Tls12Prf;

/**
 * Decodes a complete TLS 1.2 handshake message body by its type (RFC 5246 section 7.4; RFC 8422; RFC
 * 5077). The ClientKeyExchange form depends on the negotiated key exchange, which the caller passes.
 */
public final class Tls12MessageDecoder {
    private Tls12MessageDecoder() {
    }

    /**
     * @param type the {@link HandshakeType} code
     * @param body the body without its header; consumed exactly
     * @param keyExchange the negotiated key exchange (for ClientKeyExchange), or null before it is known
     * @throws TlsAlertException {@code unexpected_message} for a type TLS 1.2 does not define (RFC 5246
     *     section 7.4: messages out of order are fatal unexpected_message), otherwise the decoder's alert;
     *     a Finished whose verify_data is not 12 bytes is a {@code decode_error} (section 7.4.9)
     */
    public static HandshakeMessage decode(int type, byte[] body, CipherSuite.KeyExchangeKind keyExchange) {
        return decode(type, body, 0, body.length, keyExchange);
    }

    /** As {@link #decode(int, byte[], CipherSuite.KeyExchangeKind)}, for the body at {@code buf[off, off+len)}. */
    public static HandshakeMessage decode(int type, byte[] buf, int off, int len,
                                          CipherSuite.KeyExchangeKind keyExchange) {
        TlsReader r = new TlsReader(buf, off, len);
        return switch (type) {
            case HandshakeType.HELLO_REQUEST -> HelloRequest.decode(r);
            case HandshakeType.CLIENT_HELLO -> ClientHello.decode(r);
            case HandshakeType.SERVER_HELLO -> ServerHello.decode(r);
            case HandshakeType.NEW_SESSION_TICKET -> Tls12NewSessionTicket.decode(r);
            case HandshakeType.CERTIFICATE -> Tls12Certificate.decode(r);
            case HandshakeType.CERTIFICATE_STATUS -> CertificateStatus.decode(r);
            case HandshakeType.SERVER_KEY_EXCHANGE -> ServerKeyExchange.decode(r);
            case HandshakeType.CERTIFICATE_REQUEST -> Tls12CertificateRequest.decode(r);
            case HandshakeType.SERVER_HELLO_DONE -> ServerHelloDone.decode(r);
            case HandshakeType.CERTIFICATE_VERIFY -> CertificateVerify.decode(r);
            case HandshakeType.CLIENT_KEY_EXCHANGE -> ClientKeyExchange.decode(r, keyExchange);
            case HandshakeType.FINISHED -> {
                if (len != Tls12Prf.VERIFY_DATA_LENGTH) {
                    throw TlsAlertException.decodeError("TLS 1.2 Finished of " + len + " bytes (must be 12)");
                }
                yield Finished.decode(r);
            }
            default -> throw TlsAlertException.unexpectedMessage("Unexpected handshake message "
                    + HandshakeType.name(type) + " in TLS 1.2");
        };
    }
}
