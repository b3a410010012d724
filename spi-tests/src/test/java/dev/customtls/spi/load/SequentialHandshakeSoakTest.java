package dev.customtls.spi.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LoadSettings#SEQUENTIAL} handshakes one after another between {@code Custom} engines in memory
 * (the handshake, one message each way, close_notify both ways; half of them full handshakes, half resumed
 * with a ticket): zero failures, and the heap after a full
 * collection returns to its level after the warm-up. The session caches are bounded (as SunJSSE's, by
 * {@code setSessionCacheSize}); the warm-up fills them, so what remains is a leak.
 */
class SequentialHandshakeSoakTest {
    private static final int CACHE = 500;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void sequentialHandshakesLeakNothing() throws Exception {
        SSLContext server = LoadSettings.serverContext();
        SSLContext client = LoadSettings.clientContext();
        server.getServerSessionContext().setSessionCacheSize(CACHE);
        client.getClientSessionContext().setSessionCacheSize(CACHE);
        int warmUp = Math.min(2 * CACHE, LoadSettings.SEQUENTIAL / 2);
        for (int i = 0; i < warmUp; i++) {
            connection(client, server, i);
        }
        long heapBefore = LoadSettings.usedHeapAfterGc();
        int threadsBefore = LoadSettings.liveThreads();
        long start = System.nanoTime();
        int n = LoadSettings.SEQUENTIAL - warmUp;
        for (int i = 0; i < n; i++) {
            connection(client, server, i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d sequential handshakes in %.1f s (%.0f/s)%n", n, seconds, n / seconds);
        ConcurrentConnectionsLoadTest.assertNoLeak(heapBefore, threadsBefore);
    }

    /** One whole connection; any failure throws. */
    private static void connection(SSLContext clientContext, SSLContext serverContext, int id) throws SSLException {
        // Even connections go to one peer and resume its tickets; odd ones to a peer never seen before (a
        // full handshake; the bounded cache drops their tickets long before a port comes round again).
        SSLEngine c = clientContext.createSSLEngine("localhost", id % 2 == 0 ? 443 : 1024 + (id / 2) % 60000);
        c.setUseClientMode(true);
        SSLEngine s = serverContext.createSSLEngine();
        s.setUseClientMode(false);
        ByteBuffer c2s = ByteBuffer.allocate(1 << 16);
        ByteBuffer s2c = ByteBuffer.allocate(1 << 16);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        c.beginHandshake();
        s.beginHandshake();
        for (int i = 0; i < 100; i++) {
            step(c, c2s, s2c, app);
            step(s, s2c, c2s, app);
            if (c.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                    && s.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && c2s.position() == 0 && s2c.position() == 0) {
                break;
            }
        }
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, c.getHandshakeStatus(), "connection " + id);
        byte[] msg = LoadSettings.message(id);
        assertEquals(SSLEngineResult.Status.OK, c.wrap(ByteBuffer.wrap(msg), c2s).getStatus());
        c2s.flip();
        app.clear();
        s.unwrap(c2s, app);
        c2s.compact();
        app.flip();
        byte[] got = new byte[app.remaining()];
        app.get(got);
        assertArrayEquals(msg, got, "connection " + id);
        c.closeOutbound();
        step(c, c2s, s2c, app);
        step(s, s2c, c2s, app);
        // TLS 1.3 closure is a half-close (RFC 8446 section 6.1; SunJSSE's engine alike): the client's close_notify
        // ends the server's input only, and the server closes its own side when it is done.
        assertTrue(s.isInboundDone() && !s.isOutboundDone(), "half-closed " + id);
        s.closeOutbound();
        step(s, s2c, c2s, app);
        step(c, c2s, s2c, app);
        assertTrue(c.isOutboundDone() && s.isInboundDone() && s.isOutboundDone() && c.isInboundDone(), "closed " + id);
    }

    /** Wraps what {@code e} has to send into {@code out}, then unwraps all of {@code in}. */
    private static void step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        for (int i = 0; i < 16 && e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
            e.wrap(ByteBuffer.allocate(0), out);
        }
        if (e.isOutboundDone() && e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            e.wrap(ByteBuffer.allocate(0), out);
        }
        in.flip();
        for (int i = 0; i < 64 && in.hasRemaining(); i++) {
            app.clear();
            SSLEngineResult r = e.unwrap(in, app);
            Runnable t;
            while ((t = e.getDelegatedTask()) != null) {
                t.run();
            }
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        for (int i = 0; i < 16 && e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
            e.wrap(ByteBuffer.allocate(0), out);
        }
    }
}
