package dev.customtls.core.server.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.Finished;

/**
 * Waiting for the client's Finished (RFC 5246 section 7.4.9), which must follow its change_cipher_spec
 * (unexpected_message otherwise). In a full handshake we answer with [NewSessionTicket], ChangeCipherSpec
 * and Finished.
 */
record ExpectClientFinished(boolean resumed) implements Tls12ServerState {

    @Override
    public Tls12ServerState handle(Tls12ServerHandshake hs, HandshakeFrame frame) {
        if (hs.conn.awaitingChangeCipherSpec()) {
            throw TlsAlertException.unexpectedMessage("Received " + HandshakeType.name(frame.type())
                    + " before the client's change_cipher_spec");
        }
        Finished fin = hs.expect(frame, HandshakeType.FINISHED, Finished.class, name());
        hs.checkClientFinished(fin);
        hs.received(fin, frame);
        hs.step("Client Finished verified");
        if (!resumed) {
            hs.sendTicketChangeCipherSpecAndFinished();
        }
        hs.complete();
        return new Connected();
    }
}
