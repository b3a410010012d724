package dev.customtls.core.handshake;

import dev.customtls.core.message.HandshakeMessage;

/**
 * Observes a connection's handshake as it happens, for demos and diagnostics. Called on the thread that
 * drives the connection; implementations must be quick and must not call back into the connection.
 * Nothing passed here is secret: no keys or secrets are ever reported.
 */
public interface HandshakeListener {

    /** A handshake message we are about to send. */
    default void messageSent(HandshakeMessage message) {
    }

    /** A handshake message received from the peer, after it was decoded (before it is checked). */
    default void messageReceived(HandshakeMessage message) {
    }

    /**
     * A step worth telling, in plain words, e.g. "server certificate chain verified by the trust manager",
     * "handshake traffic keys installed (TLS_AES_128_GCM_SHA256)".
     */
    default void step(String description) {
    }
}
