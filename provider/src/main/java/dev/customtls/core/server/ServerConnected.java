package dev.customtls.core.server;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.message.KeyUpdate;

/** Established: only KeyUpdate may arrive from a client (RFC 8446 section 4.6). */
record ServerConnected() implements ServerState {

    @Override
    public ServerState handle(ServerHandshake hs, HandshakeFrame frame) {
        if (frame.type() == HandshakeType.KEY_UPDATE) {
            KeyUpdate ku = HandshakeSupport.expect(frame, HandshakeType.KEY_UPDATE, KeyUpdate.class, name());
            hs.conn.keyUpdateReceived(ku);
            return this;
        }
        throw HandshakeSupport.unexpected(frame, name());
    }
}
