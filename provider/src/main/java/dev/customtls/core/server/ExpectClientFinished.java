package dev.customtls.core.server;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.keyschedule.KeyingMaterialExporter;
import dev.customtls.core.keyschedule.TrafficSecrets;
import dev.customtls.core.message.Finished;

import java.util.Arrays;

/** Waiting for the client's Finished (RFC 8446 section 4.4.4); then the connection is established. */
record ExpectClientFinished() implements ServerState {

    @Override
    public ServerState handle(ServerHandshake hs, HandshakeFrame frame) {
        Finished fin = HandshakeSupport.expect(frame, HandshakeType.FINISHED, Finished.class, name());
        byte[] expected = TrafficSecrets.verifyData(hs.hkdf, hs.clientHandshakeSecret, hs.transcript.current());
        HandshakeSupport.checkFinished(expected, fin.verifyData(), "client");
        hs.received(fin, frame);
        hs.conn.peerFinishedReceived();
        hs.conn.setReadKeys(hs.suite, hs.hkdf, hs.clientApplicationSecret, true);
        hs.resumptionMasterSecret = hs.masterSecret.resumptionMasterSecret(hs.transcript.finish());
        Arrays.fill(hs.clientApplicationSecret, (byte) 0);
        Arrays.fill(hs.clientHandshakeSecret, (byte) 0);
        hs.session.setExporter(KeyingMaterialExporter.tls13(hs.hkdf, hs.exporterMasterSecret));
        hs.exporterMasterSecret = null;
        hs.step("Client Finished verified; handshake complete");
        hs.conn.handshakeComplete();
        TicketIssuer.issue(hs); // RFC 8446 section 4.6.1: tickets after the client Finished
        return new ServerConnected();
    }
}
