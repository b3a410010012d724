package dev.customtls.core.client;

import dev.customtls.core.handshake.HandshakeFrame;

/** A state of the TLS 1.3 client handshake (RFC 8446 appendix A.1). */
sealed interface ClientState permits ExpectServerHello, ExpectEncryptedExtensions, ExpectCertificateOrRequest,
        ExpectServerCertificate, ExpectServerCertificateVerify, ExpectServerFinished, ClientConnected {

    /** Handles one message and returns the next state. */
    ClientState handle(ClientHandshake hs, HandshakeFrame frame);

    /** Short name for error messages. */
    default String name() {
        return getClass().getSimpleName();
    }
}
