package dev.customtls.core.server;

import dev.customtls.core.handshake.HandshakeFrame;

/** A state of the TLS 1.3 server handshake (RFC 8446 appendix A.2). */
sealed interface ServerState permits ExpectClientHello, ExpectClientCertificate, ExpectClientCertificateVerify,
        ExpectClientFinished, ServerConnected, ExpectEndOfEarlyData {

    ServerState handle(ServerHandshake hs, HandshakeFrame frame);

    default String name() {
        return getClass().getSimpleName();
    }
}
