package dev.customtls.core.message;

import dev.customtls.core.codec.TlsWriter;

/**
 * A TLS 1.3 handshake message (RFC 8446 section 4): {@code msg_type}, a 24-bit length, and the body.
 * Implementations are immutable records; byte arrays they hold are shared, not copied, and their
 * {@code toString()} prints lengths of opaque fields, never their content.
 */
public sealed interface HandshakeMessage permits ClientHello, ServerHello, EncryptedExtensions,
        CertificateMessage, CertificateRequest, CertificateVerify, Finished, KeyUpdate, NewSessionTicket,
        EndOfEarlyData, CompressedCertificate,
        // TLS 1.2 messages (RFC 5246 section 7.4), decoded by Tls12MessageDecoder:
        HelloRequest, ServerKeyExchange, ServerHelloDone, ClientKeyExchange, Tls12CertificateRequest,
        Tls12NewSessionTicket, Tls12Certificate, CertificateStatus {

    /** The {@link dev.customtls.core.constants.HandshakeType} code. */
    int type();

    /** Writes the body only, without the four-byte header. */
    void encodeBody(TlsWriter w);

    /** The whole message: type, uint24 length, body (the form that enters the transcript). */
    default byte[] encode() {
        TlsWriter w = new TlsWriter();
        encode(w);
        return w.toByteArray();
    }

    /** Writes the whole message (header and body) to {@code w}. */
    default void encode(TlsWriter w) {
        w.u8(type());
        int mark = w.startVector24();
        encodeBody(w);
        w.endVector24(mark);
    }
}
