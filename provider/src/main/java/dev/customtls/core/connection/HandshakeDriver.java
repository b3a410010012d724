package dev.customtls.core.connection;

import dev.customtls.core.handshake.HandshakeFrame;

/**
 * One side's handshake state machine, driven by {@link TlsConnection}. Implementations hold the current
 * state object and swap it on every transition.
 */
public interface HandshakeDriver {

    /** Starts the handshake: a client queues its ClientHello; a server does nothing. */
    void start();

    /** Handles one complete handshake message received while the handshake runs. */
    void handle(HandshakeFrame frame);

    /** Handles a handshake message received after the handshake completed (NewSessionTicket, KeyUpdate...). */
    void handlePostHandshake(HandshakeFrame frame);

    /** Whether handling this message may be slow (signatures, key agreement, certificate checks). */
    default boolean isExpensive(HandshakeFrame frame) {
        switch (frame.type()) {
            case dev.customtls.core.constants.HandshakeType.CLIENT_HELLO:
            case dev.customtls.core.constants.HandshakeType.SERVER_HELLO:
            case dev.customtls.core.constants.HandshakeType.CERTIFICATE:
            case dev.customtls.core.constants.HandshakeType.CERTIFICATE_VERIFY:
                return true;
            default:
                return false;
        }
    }
}
