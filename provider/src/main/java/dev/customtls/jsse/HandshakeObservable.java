package dev.customtls.jsse;

import dev.customtls.core.handshake.HandshakeListener;

/**
 * Implemented by the {@code Custom} provider's engines and sockets: lets a demo or a diagnostic tool watch
 * the handshake as it happens. A socket that implements it forwards the listener to its engine.
 *
 * <p>Install the listener before the handshake starts (before {@code startHandshake()} or the first read or
 * write); messages already exchanged are not replayed. The demo installs it on a client socket right after
 * {@code connect} and on a server socket right after {@code accept}. Only public handshake content is
 * reported, never keys or secrets (see {@link HandshakeListener}).
 */
public interface HandshakeObservable {

    /**
     * Sets the listener told about every handshake message sent and received and about notable steps.
     *
     * @param listener the listener, or {@code null} to stop observing
     */
    void setHandshakeListener(HandshakeListener listener);
}
