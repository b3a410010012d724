package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.Finished;

/**
 * Waiting for the server's Finished (RFC 5246 section 7.4.9), which must follow its change_cipher_spec
 * (section 7.1: unexpected_message otherwise). In an abbreviated handshake we then send ours.
 */
record ExpectFinished(boolean resumed) implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        if (hs.conn.awaitingChangeCipherSpec()) {
            throw TlsAlertException.unexpectedMessage("Received " + HandshakeType.name(frame.type())
                    + " before the server's change_cipher_spec");
        }
        Finished fin = hs.expect(frame, HandshakeType.FINISHED, Finished.class, name());
        hs.checkServerFinished(fin);
        hs.received(fin, frame);
        hs.step("Server Finished verified");
        if (resumed) {
            hs.sendChangeCipherSpecAndFinished();
            hs.step("Client ChangeCipherSpec and Finished sent");
        }
        hs.complete();
        return new Connected();
    }
}
