package dev.customtls.core.client.tls12;

import dev.customtls.core.handshake.HandshakeFrame;

/** A state of the TLS 1.2 client handshake (RFC 5246 section 7.3, figures 1 and 2). */
sealed interface Tls12ClientState permits ExpectCertificate, ExpectCertificateStatus, ExpectServerKeyExchange, ExpectCertificateRequestOrDone,
        ExpectServerHelloDone, ExpectNewSessionTicket, ExpectFinished, Connected {

    /** Handles one message and returns the next state. */
    Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame);

    default String name() {
        return "TLS 1.2 client " + getClass().getSimpleName();
    }
}
