package dev.customtls.bench.harness;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Drives a client and a server {@link SSLEngine} against each other in memory (no sockets, no threads):
 * each engine's {@code wrap} output is the other's {@code unwrap} input. Delegated tasks run on the calling
 * thread, for every provider alike.
 *
 * <p>One connection, counted the same way for every provider ({@code BENCHMARK-NOTES.md}):
 * {@link #establish} = handshake + the server's post-handshake NewSessionTicket delivered to and consumed
 * by the client + one application byte server to client (Conscrypt only flushes its TLS 1.3 tickets with
 * the server's first application write); {@link #close} = close_notify both ways.
 *
 * <p>Allocation-conscious: the network and application buffers are allocated once and reused for every
 * connection; the driver allocates nothing per connection (the engines do).
 */
public final class EnginePairDriver {

    private static final int NET_BUFFER = 64 * 1024;
    private static final int APP_BUFFER = 64 * 1024;
    private static final int MAX_ROUNDS = 64;

    private final ByteBuffer clientToServer = ByteBuffer.allocate(NET_BUFFER);
    private final ByteBuffer serverToClient = ByteBuffer.allocate(NET_BUFFER);
    private final ByteBuffer clientApp = ByteBuffer.allocate(APP_BUFFER);
    private final ByteBuffer serverApp = ByteBuffer.allocate(APP_BUFFER);
    private final ByteBuffer empty = ByteBuffer.allocate(0);
    private final ByteBuffer oneByte = ByteBuffer.allocate(1);
    private final HandshakeWire wire = new HandshakeWire();

    private long clientReceived;
    private long serverReceived;

    /** What the last {@link #establish} saw on the wire. */
    public HandshakeWire wire() {
        return wire;
    }

    /**
     * Handshakes, delivers the server's NewSessionTicket and one application byte to the client, and leaves
     * the connection open. The engines must be fresh (client and server mode already set).
     */
    public void establish(SSLEngine client, SSLEngine server) throws SSLException {
        clientToServer.clear();
        serverToClient.clear();
        clientApp.clear();
        serverApp.clear();
        clientReceived = 0;
        serverReceived = 0;
        wire.reset();

        client.beginHandshake();
        server.beginHandshake();
        boolean clientFlightSeen = false;
        boolean serverFlightSeen = false;
        for (int round = 0; ; round++) {
            boolean progress = pump(client, clientToServer, serverToClient, clientApp, true);
            if (!clientFlightSeen && clientToServer.position() > 0) {
                wire.readClientFlight(clientToServer);
                clientFlightSeen = true;
            }
            progress |= pump(server, serverToClient, clientToServer, serverApp, false);
            if (!serverFlightSeen && serverToClient.position() > 0) {
                wire.readServerFlight(serverToClient);
                serverFlightSeen = true;
            }
            if (idle(client) && idle(server) && clientToServer.position() == 0 && serverToClient.position() == 0) {
                break;
            }
            checkProgress(progress, round, "handshake", client, server);
        }

        oneByte.clear();
        oneByte.put(0, (byte) 0x2a);
        SSLEngineResult r = server.wrap(oneByte, serverToClient);
        if (r.bytesConsumed() != 1) {
            throw new IllegalStateException("server did not write the application byte: " + r);
        }
        settle(client, server, "application byte");
        if (clientReceived != 1) {
            throw new IllegalStateException("client received " + clientReceived + " application bytes, expected 1");
        }
    }

    /** Sends close_notify client to server, then server to client, and checks both engines are closed. */
    public void close(SSLEngine client, SSLEngine server) throws SSLException {
        client.closeOutbound();
        flushClose(client, clientToServer);
        settle(client, server, "client close_notify");
        server.closeOutbound();
        flushClose(server, serverToClient);
        settle(client, server, "server close_notify");
        if (!client.isOutboundDone() || !client.isInboundDone() || !server.isOutboundDone() || !server.isInboundDone()) {
            throw new IllegalStateException("connection not closed both ways: client out/in "
                    + client.isOutboundDone() + "/" + client.isInboundDone() + ", server out/in "
                    + server.isOutboundDone() + "/" + server.isInboundDone());
        }
    }

    /**
     * Wraps after {@code closeOutbound()} until the close_notify is out: not every engine reports
     * {@code NEED_WRAP} once its outbound side is closed.
     */
    private void flushClose(SSLEngine engine, ByteBuffer out) throws SSLException {
        for (int i = 0; i < MAX_ROUNDS && !engine.isOutboundDone(); i++) {
            SSLEngineResult r = engine.wrap(empty, out);
            requireNoOverflow(r, "wrap");
            if (r.bytesProduced() == 0) {
                break;
            }
        }
    }

    /** {@link #establish} then {@link #close}: one whole connection. */
    public void connect(SSLEngine client, SSLEngine server) throws SSLException {
        establish(client, server);
        close(client, server);
    }

    /** Pumps both engines until nothing is in flight and neither wants to wrap or run a task. */
    private void settle(SSLEngine client, SSLEngine server, String phase) throws SSLException {
        for (int round = 0; ; round++) {
            boolean progress = pump(client, clientToServer, serverToClient, clientApp, true);
            progress |= pump(server, serverToClient, clientToServer, serverApp, false);
            if (clientToServer.position() == 0 && serverToClient.position() == 0 && idle(client) && idle(server)) {
                return;
            }
            checkProgress(progress, round, phase, client, server);
        }
    }

    private static boolean idle(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED;
    }

    private static void checkProgress(boolean progress, int round, String phase, SSLEngine client, SSLEngine server) {
        if (!progress || round > MAX_ROUNDS) {
            throw new IllegalStateException("stalled during " + phase + ": client " + client.getHandshakeStatus()
                    + ", server " + server.getHandshakeStatus());
        }
    }

    /**
     * Runs one engine until it can do nothing more: delegated tasks, wraps while it asks to, unwraps while
     * input is consumed. {@code out} and {@code in} are network buffers in write mode.
     *
     * @return whether anything happened
     */
    private boolean pump(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer app, boolean isClient)
            throws SSLException {
        boolean progress = false;
        for (int i = 0; i < MAX_ROUNDS; i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                progress = true;
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                SSLEngineResult r = engine.wrap(empty, out);
                requireNoOverflow(r, "wrap");
                if (r.bytesProduced() > 0 || r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                    progress = true;
                    continue;
                }
                break;
            }
            if (in.position() == 0) {
                break;
            }
            in.flip();
            SSLEngineResult r = engine.unwrap(in, app);
            in.compact();
            requireNoOverflow(r, "unwrap");
            if (r.bytesProduced() > 0) {
                if (isClient) {
                    clientReceived += r.bytesProduced();
                } else {
                    serverReceived += r.bytesProduced();
                }
                app.clear();
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                if (engine.isInboundDone()) {
                    // BCJSSE's closeOutbound() closes both directions: it reads nothing more, so the
                    // peer's reply close_notify is dropped here
                    in.clear();
                    progress = true;
                }
                break; // else BUFFER_UNDERFLOW: wait for the peer
            }
            progress = true;
        }
        return progress;
    }

    private static void requireNoOverflow(SSLEngineResult r, String op) {
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new IllegalStateException(op + " overflowed the harness buffer: " + r);
        }
    }

    /** Application bytes the server received in the last connection (0 in these benchmarks). */
    public long serverReceived() {
        return serverReceived;
    }
}
