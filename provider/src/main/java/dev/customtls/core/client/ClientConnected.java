package dev.customtls.core.client;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.message.KeyUpdate;
import dev.customtls.core.message.NewSessionTicket;

/** The handshake is done; post-handshake messages (RFC 8446 section 4.6). */
record ClientConnected() implements ClientState {

    @Override
    public ClientState handle(ClientHandshake hs, HandshakeFrame frame) {
        switch (frame.type()) {
            case HandshakeType.NEW_SESSION_TICKET: {
                NewSessionTicket nst = HandshakeSupport.expect(frame, HandshakeType.NEW_SESSION_TICKET,
                        NewSessionTicket.class, name());
                if (hs.observed()) {
                    hs.step("NewSessionTicket received (lifetime " + nst.lifetime() + " s)");
                }
                hs.ticketReceived(nst);
                return this;
            }
            case HandshakeType.KEY_UPDATE: {
                KeyUpdate ku = HandshakeSupport.expect(frame, HandshakeType.KEY_UPDATE, KeyUpdate.class, name());
                hs.conn.keyUpdateReceived(ku);
                return this;
            }
            default:
                throw HandshakeSupport.unexpected(frame, name());
        }
    }
}
