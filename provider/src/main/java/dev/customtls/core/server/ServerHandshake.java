package dev.customtls.core.server;

import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.HandshakeDriver;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
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
    final dev.customtls.core.connection.HandshakeIo io;

    private ServerState state = new ExpectClientHello(null);
    /** TLS 1.2 hook: set when TLS 1.2 is negotiated; from then on it drives the handshake. */
    private dev.customtls.core.server.tls12.Tls12ServerHandshake tls12;

    CipherSuite suite;
    Hkdf hkdf;
    HandshakeSecret handshakeSecret;
    byte[] clientHandshakeSecret;
    byte[] clientApplicationSecret;
    byte[] resumptionMasterSecret;
    byte[] exporterMasterSecret;
    dev.customtls.core.keyschedule.MasterSecret masterSecret;

    // Resumption and 0-RTT (RFC 8446 sections 2.2, 2.3, 4.6.1): see PskAcceptance and TicketIssuer.
    dev.customtls.core.session.ServerTicketPolicy ticketPolicy;
    java.util.function.LongSupplier clock = System::currentTimeMillis;

    public ServerHandshake(TlsConnection conn, ConnectionCallbacks callbacks) {
        this.conn = conn;
        this.config = conn.config();
        this.crypto = conn.crypto();
        this.callbacks = callbacks;
        this.session = conn.session();
        this.transcript = new TranscriptHash(crypto);
        this.io = new dev.customtls.core.connection.HandshakeIo(conn, transcript::add);
    }

    byte[] randomBytes(int n) {
        return io.randomBytes(n);
    }

    /** Sets the ticket and 0-RTT policy; without it the server neither issues nor accepts tickets. */
    public void setTicketPolicy(dev.customtls.core.session.ServerTicketPolicy policy) {
        this.ticketPolicy = policy;
    }

    /** The clock tickets are issued and checked against (tests move it). */
    public void setClock(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void start() {
        // The server waits for the ClientHello.
    }

    void send(HandshakeMessage message) {
        io.send(message);
    }

    void received(HandshakeMessage message, HandshakeFrame frame) {
        io.received(message, frame);
    }

    void step(String description) {
        io.step(description);
    }

    /** Whether step descriptions are wanted (see {@link dev.customtls.core.connection.HandshakeIo#observed()}). */
    boolean observed() {
        return io.observed();
    }

    /** TLS 1.2 hook: the client does not offer TLS 1.3 (or we do not enable it); the TLS 1.2 states take over. */
    void enterTls12(dev.customtls.core.message.ClientHello ch, HandshakeFrame frame) {
        tls12 = new dev.customtls.core.server.tls12.Tls12ServerHandshake(conn, callbacks);
        tls12.clientHello(ch, frame);
    }

    @Override
    public boolean isExpensive(HandshakeFrame frame) {
        return tls12 != null ? tls12.isExpensive(frame) : HandshakeDriver.super.isExpensive(frame);
    }

    @Override
    public void handle(HandshakeFrame frame) {
        if (tls12 != null) {
            tls12.handle(frame);
            return;
        }
        state = state.handle(this, frame);
    }

    @Override
    public void handlePostHandshake(HandshakeFrame frame) {
        if (tls12 != null) {
            tls12.handlePostHandshake(frame);
            return;
        }
        if (!(state instanceof ServerConnected)) {
            throw TlsAlertException.unexpectedMessage("Post-handshake message before the handshake completed");
        }
        state = state.handle(this, frame);
    }
}
