package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.interop.OpenSslProcess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One execution of a cell against one peer: the cell, the role, the files, {@code Custom}'s endpoint, and
 * every resource started for it (child processes, sockets), which {@link #close()} stops in reverse order:
 * processes forcibly. The runner closes it from outside when the cell overruns its time, which also
 * unblocks a worker stuck on a socket.
 */
final class CellRun implements AutoCloseable {

    static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final int START_ATTEMPTS = 5;

    private final Cell cell;
    private final Role role;
    private final PeerFiles files;
    private final CustomEndpoint custom;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    CellRun(Cell cell, Role role, PeerFiles files) {
        this.cell = cell;
        this.role = role;
        this.files = files;
        this.custom = new CustomEndpoint(cell, role);
    }

    Cell cell() {
        return cell;
    }

    Role role() {
        return role;
    }

    Feature feature() {
        return cell.feature();
    }

    PeerFiles files() {
        return files;
    }

    CustomEndpoint custom() {
        return custom;
    }

    /** Registers a resource to stop at the end of the cell; fails if the cell was already stopped. */
    synchronized <T extends AutoCloseable> T track(T resource) {
        if (closed) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
            throw new IllegalStateException("cell stopped");
        }
        resources.push(resource);
        return resource;
    }

    /** Starts a peer command (tracked). */
    OpenSslProcess start(List<String> command) throws IOException {
        return track(OpenSslProcess.command(command));
    }

    /**
     * Starts a peer server on a free port, retrying on another port when it does not print {@code ready}
     * (the port was taken in between). Returns the process and its port.
     */
    Started startServer(IntFunction<List<String>> command, String ready) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            OpenSslProcess p = start(command.apply(port));
            if (p.awaitOutput(ready, 1, CustomEndpoint.WAIT)) {
                return new Started(p, port);
            }
            last = p.describe();
            p.close();
        }
        throw new AssertionError("peer server did not start: " + last);
    }

    /** A peer server process and the port it listens on. */
    record Started(OpenSslProcess process, int port) {
    }

    /** A loopback listener for a Custom server (tracked). */
    ServerSocket listen() throws IOException {
        ServerSocket s = track(new ServerSocket());
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return s;
    }

    /** Accepts the peer client's connection and runs Custom's server handshake; verified. */
    EngineOverSocket accept(ServerSocket listener, Supplier<String> peerState) throws Exception {
        Socket s;
        try {
            s = listener.accept();
        } catch (IOException e) {
            throw new AssertionError("the peer client did not connect; " + peerState.get(), e);
        }
        EngineOverSocket conn = track(new EngineOverSocket(custom.newEngine(0), s, SOCKET_TIMEOUT_MILLIS));
        handshake(conn, peerState);
        return conn;
    }

    /** Connects Custom's client to the peer server on {@code port} and runs the handshake; verified. */
    EngineOverSocket connect(int port, Supplier<String> peerState) throws Exception {
        Socket s = track(new Socket());
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), SOCKET_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new AssertionError("cannot connect to the peer server; " + peerState.get(), e);
        }
        EngineOverSocket conn = track(new EngineOverSocket(custom.newEngine(port), s, SOCKET_TIMEOUT_MILLIS));
        handshake(conn, peerState);
        return conn;
    }

    private void handshake(EngineOverSocket conn, Supplier<String> peerState) throws Exception {
        try {
            conn.handshake();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("handshake failed: " + e + "; " + peerState.get(), e);
        }
        custom.verify(conn);
    }

    /** What ends one connection of a dialogue: Custom's orderly close and the peer's own checks. */
    interface Closing {
        void close(EngineOverSocket conn, int connection) throws Exception;
    }

    /**
     * Custom as the client of a peer that echoes: per connection, connect (resumed from the second on), a line
     * echoed (in KeyUpdate rows two more after Custom's KeyUpdate), then {@code closing}.
     */
    void clientDialogue(int port, int connections, Supplier<String> peerState, Closing closing) throws Exception {
        for (int c = 0; c < connections; c++) {
            EngineOverSocket conn = connect(port, peerState);
            if (c > 0) {
                Resumption.expectResumed(conn, role);
            }
            CustomEndpoint.echoedByPeer(conn, 1);
            if (feature() == Feature.KEY_UPDATE) {
                CustomEndpoint.requestKeyUpdate(conn);
                CustomEndpoint.echoedByPeer(conn, 2);
                CustomEndpoint.echoedByPeer(conn, 3);
            }
            closing.close(conn, c);
        }
    }

    /**
     * Custom as the server of a peer client that sends {@code lines} lines: per connection, accept (resumed from
     * the second on), echo each line (Custom's KeyUpdate before the second), then {@code closing}.
     */
    void serverDialogue(ServerSocket listener, int connections, int lines, Supplier<String> peerState,
                        Closing closing) throws Exception {
        for (int c = 0; c < connections; c++) {
            EngineOverSocket conn = accept(listener, peerState);
            if (c > 0) {
                Resumption.expectResumed(conn, role);
            }
            for (int i = 0; i < lines; i++) {
                if (i == 1 && feature() == Feature.KEY_UPDATE) {
                    CustomEndpoint.requestKeyUpdate(conn);
                }
                CustomEndpoint.echoForPeer(conn);
            }
            closing.close(conn, c);
        }
    }

    /** Custom closes first (close_notify) and expects the peer's close_notify; then the peer must exit. */
    static void closeAndAwait(EngineOverSocket conn, OpenSslProcess peer, Duration wait) throws Exception {
        try {
            conn.closeOrderly();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("orderly close failed: " + e + (peer == null ? "" : "; " + peer.describe()), e);
        }
        if (peer != null && !peer.awaitExit(wait)) {
            throw new AssertionError("the peer did not exit after the orderly close; " + peer.describe());
        }
    }

    /**
     * For console peers that do not answer a close_notify with their own: end the peer's input, so it sends
     * close_notify (and exits); Custom must see it as the end of the stream, then answers with its own.
     */
    static void peerClosesFirst(EngineOverSocket conn, OpenSslProcess peer, Duration wait) throws Exception {
        peer.closeInput();
        awaitPeerClose(conn, peer);
        if (!peer.awaitExit(wait)) {
            throw new AssertionError("the peer did not exit after the close; " + peer.describe());
        }
    }

    /** The peer closes (close_notify) on its own; Custom sees the end of the stream and answers. */
    static void awaitPeerClose(EngineOverSocket conn, OpenSslProcess peer) throws Exception {
        try {
            conn.read(1);
            throw new AssertionError("data instead of the peer's close; " + peer.describe());
        } catch (java.io.EOFException e) {
            if (!conn.engine().isInboundDone()) {
                throw new AssertionError("the peer closed the connection without close_notify; " + peer.describe());
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("no close_notify from the peer: " + e + "; " + peer.describe(), e);
        }
        try {
            conn.closeOrderly();
        } catch (IOException e) {
            // the peer may already have closed its socket after its close_notify
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        Deque<AutoCloseable> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(resources);
            resources.clear();
        }
        for (AutoCloseable r : toClose) {
            try {
                r.close();
            } catch (Exception ignored) {
                // best effort: the next resource must still be stopped
            }
        }
    }
}
