package dev.customtls.core.server;

import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.HandshakeDriver;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.handshake.TranscriptHash;
import dev.customtls.core.keyschedule.HandshakeSecret;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.session.TlsSession;

/** The TLS 1.3 server handshake: the state machine and the data its states share. */
public final class ServerHandshake implements HandshakeDriver {
    final TlsConnection conn;
    final TlsConfig config;
    final TlsCrypto crypto;
    final ConnectionCallbacks callbacks;
    final TlsSession session;
    final TranscriptHash transcript;

    private ServerState state = new ExpectClientHello(null);

    CipherSuite suite;
    Hkdf hkdf;
    HandshakeSecret handshakeSecret;
    byte[] clientHandshakeSecret;
    byte[] clientApplicationSecret;
    byte[] resumptionMasterSecret;
    byte[] exporterMasterSecret;
    dev.customtls.core.keyschedule.MasterSecret masterSecret;

    public ServerHandshake(TlsConnection conn, ConnectionCallbacks callbacks) {
        this.conn = conn;
        this.config = conn.config();
        this.crypto = conn.crypto();
        this.callbacks = callbacks;
        this.session = conn.session();
        this.transcript = new TranscriptHash(crypto);
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        crypto.secureRandom().nextBytes(b);
        return b;
    }

    @Override
    public void start() {
        // The server waits for the ClientHello.
    }

    void send(HandshakeMessage message) {
        byte[] raw = message.encode();
        transcript.add(raw);
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.messageSent(message);
        }
        conn.queueHandshake(raw);
    }

    void received(HandshakeMessage message, HandshakeFrame frame) {
        transcript.add(frame.raw());
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.messageReceived(message);
        }
    }

    void step(String description) {
        HandshakeListener l = conn.listener();
        if (l != null) {
            l.step(description);
        }
    }

    @Override
    public void handle(HandshakeFrame frame) {
        state = state.handle(this, frame);
    }

    @Override
    public void handlePostHandshake(HandshakeFrame frame) {
        if (!(state instanceof ServerConnected)) {
            throw TlsAlertException.unexpectedMessage("Post-handshake message before the handshake completed");
        }
        state = state.handle(this, frame);
    }
}
