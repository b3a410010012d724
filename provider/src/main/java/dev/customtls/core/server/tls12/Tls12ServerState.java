package dev.customtls.core.server.tls12;

import dev.customtls.core.handshake.HandshakeFrame;

/** A state of the TLS 1.2 server handshake (RFC 5246 section 7.3). */
sealed interface Tls12ServerState permits ExpectClientCertificate, ExpectClientKeyExchange, ExpectCertificateVerify,
        ExpectClientFinished, Connected {

    Tls12ServerState handle(Tls12ServerHandshake hs, HandshakeFrame frame);

    default String name() {
        return "TLS 1.2 server " + getClass().getSimpleName();
    }
}
