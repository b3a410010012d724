package dev.customtls.jsse;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/** Drives two engines against each other in memory, for tests of the adapter. */
final class EnginePair {
    final SSLEngine client;
    final SSLEngine server;
    private ByteBuffer c2s = ByteBuffer.allocate(1 << 17);
    private ByteBuffer s2c = ByteBuffer.allocate(1 << 17);
    int clientFinished;
    int serverFinished;
    /** Bytes each side produced while {@link #handshake()} ran. */
    long clientWrapped;
    long serverWrapped;
    /** The bytes each side produced while {@link #handshake()} ran, as sent. */
    final java.io.ByteArrayOutputStream clientSent = new java.io.ByteArrayOutputStream();
    final java.io.ByteArrayOutputStream serverSent = new java.io.ByteArrayOutputStream();
    /** Application data each side unwrapped while the handshake ran (e.g. re-sent early data). */
    final java.io.ByteArrayOutputStream clientReceived = new java.io.ByteArrayOutputStream();
    final java.io.ByteArrayOutputStream serverReceived = new java.io.ByteArrayOutputStream();

    EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
    }

    /** Runs until both sides finished the handshake. */
    void handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200; i++) {
            boolean progress = step(client, c2s, s2c, true) | step(server, s2c, c2s, false);
            if (client.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    && server.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    && clientFinished > 0 && serverFinished > 0) {
                return;
            }
            if (!progress) {
                throw new IllegalStateException("no progress: client " + client.getHandshakeStatus() + ", server "
                        + server.getHandshakeStatus());
            }
        }
        throw new IllegalStateException("handshake did not finish");
    }

    private boolean step(SSLEngine e, ByteBuffer out, ByteBuffer in, boolean isClient) throws SSLException {
        boolean progress = false;
        SSLEngineResult.HandshakeStatus hs = e.getHandshakeStatus();
        if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            Runnable t;
            while ((t = e.getDelegatedTask()) != null) {
                t.run();
            }
            return true;
        }
        // wrap
        SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
        count(r, isClient);
        if (isClient) {
            clientWrapped += r.bytesProduced();
        } else {
            serverWrapped += r.bytesProduced();
        }
        (isClient ? clientSent : serverSent).write(out.array(), out.position() - r.bytesProduced(), r.bytesProduced());
        progress |= r.bytesProduced() > 0;
        // unwrap everything available
        in.flip();
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        while (in.hasRemaining()) {
            r = e.unwrap(in, app);
            count(r, isClient);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
            progress = true;
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = e.getDelegatedTask()) != null) {
                    t.run();
                }
            }
        }
        in.compact();
        app.flip();
        (isClient ? clientReceived : serverReceived).write(app.array(), 0, app.limit());
        return progress;
    }

    private void count(SSLEngineResult r, boolean isClient) {
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            if (isClient) {
                clientFinished++;
            } else {
                serverFinished++;
            }
        }
    }

    /** Sends {@code data} from one side and returns what the other side read. */
    byte[] transfer(byte[] data, boolean fromClient) throws SSLException {
        SSLEngine from = fromClient ? client : server;
        SSLEngine to = fromClient ? server : client;
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer pending = fromClient ? c2s : s2c;
        pending.flip();
        ByteBuffer net = ByteBuffer.allocate(pending.remaining() + data.length + 64 * 1024);
        net.put(pending);
        pending.clear();
        while (src.hasRemaining()) {
            SSLEngineResult r = from.wrap(src, net);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("wrap " + r);
            }
        }
        net.flip();
        ByteBuffer app = ByteBuffer.allocate(data.length + 32 * 1024);
        while (net.hasRemaining()) {
            SSLEngineResult r = to.unwrap(net, app);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("unwrap " + r);
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = to.getDelegatedTask()) != null) {
                    t.run();
                }
            }
        }
        app.flip();
        byte[] out = new byte[app.remaining()];
        app.get(out);
        return out;
    }
}
