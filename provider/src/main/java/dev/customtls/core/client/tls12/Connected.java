package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;

/**
 * The TLS 1.2 connection is established. We never renegotiate: a HelloRequest is answered with a
 * no_renegotiation warning (RFC 5246 section 7.4.1.1, RFC 5746 section 4.2; as SunJSSE does when it will
 * not renegotiate), and the connection goes on. Any other handshake message is unexpected_message.
 */
record Connected() implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        if (frame.type() == HandshakeType.HELLO_REQUEST) {
            hs.decode(frame);
            hs.conn.sendWarningAlert(AlertDescription.NO_RENEGOTIATION);
            hs.step("HelloRequest refused with a no_renegotiation warning");
            return this;
        }
        throw TlsAlertException.unexpectedMessage("Unexpected " + HandshakeType.name(frame.type())
                + " on an established TLS 1.2 connection (renegotiation is not supported)");
    }
}
