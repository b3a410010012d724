package dev.customtls.core.server.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;

/**
 * The TLS 1.2 connection is established. Renegotiation is refused: a ClientHello is answered with a fatal
 * handshake_failure (RFC 5746 section 4.4 lets a server decline; this is what SunJSSE does with
 * {@code jdk.tls.rejectClientInitiatedRenegotiation=true}). Any other message is unexpected_message.
 */
record Connected() implements Tls12ServerState {

    @Override
    public Tls12ServerState handle(Tls12ServerHandshake hs, HandshakeFrame frame) {
        if (frame.type() == HandshakeType.CLIENT_HELLO) {
            throw TlsAlertException.handshakeFailure("Client-initiated renegotiation is not supported");
        }
        throw TlsAlertException.unexpectedMessage("Unexpected " + HandshakeType.name(frame.type())
                + " on an established TLS 1.2 connection");
    }
}
