package dev.customtls.core.server;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.message.EndOfEarlyData;

/**
 * Accepted 0-RTT: early data records until EndOfEarlyData (RFC 8446 section 4.5), which switches the
 * read keys to the client handshake traffic secret.
 */
record ExpectEndOfEarlyData() implements ServerState {

    @Override
    public ServerState handle(ServerHandshake hs, HandshakeFrame frame) {
        EndOfEarlyData eoed = HandshakeSupport.expect(frame, HandshakeType.END_OF_EARLY_DATA, EndOfEarlyData.class, name());
        hs.received(eoed, frame);
        hs.conn.endOfEarlyData();
        hs.conn.setReadKeys(hs.suite, hs.hkdf, hs.clientHandshakeSecret, false);
        hs.step("EndOfEarlyData received; client handshake traffic keys installed");
        return new ExpectClientFinished();
    }
}
