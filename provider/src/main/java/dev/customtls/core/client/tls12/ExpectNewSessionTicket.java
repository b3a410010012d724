package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.Tls12NewSessionTicket;

/**
 * RFC 5077 section 3.3: the server echoed session_ticket, so a NewSessionTicket comes before its
 * change_cipher_spec (which is accepted only after it).
 *
 * @param resumed whether this is an abbreviated handshake (we answer the server's Finished with ours)
 */
record ExpectNewSessionTicket(boolean resumed) implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        Tls12NewSessionTicket nst = hs.expect(frame, HandshakeType.NEW_SESSION_TICKET, Tls12NewSessionTicket.class, name());
        hs.received(nst, frame);
        if (nst.ticket().length > 0) {
            hs.pendingTicket = nst.ticket();
            hs.pendingTicketLifetime = nst.lifetimeHint();
        }
        hs.step("NewSessionTicket received (" + nst.ticket().length + " bytes, lifetime hint " + nst.lifetimeHint() + " s)");
        hs.expectServerChangeCipherSpec();
        return new ExpectFinished(resumed);
    }
}
