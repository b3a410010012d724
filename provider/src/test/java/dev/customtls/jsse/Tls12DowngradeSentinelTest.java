package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 section 4.1.3: a Custom client that offered TLS 1.3 and receives a TLS 1.2 ServerHello whose
 * random ends in {@code DOWNGRD\x01} aborts with illegal_parameter on that ServerHello. The server is a
 * real SunJSSE TLS 1.2 server; a man in the middle rewrites the last 8 bytes of its random (the Finished
 * would fail later anyway, so the point is that the client stops at the ServerHello).
 */
class Tls12DowngradeSentinelTest {

    @Test
    void clientAbortsOnSentinel() throws Exception {
        SSLEngine client = Tls12EngineTest.context("Custom", "TLS", TestPki.KeyType.EC_P256).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = Tls12EngineTest.context("SunJSSE", "TLSv1.2", TestPki.KeyType.EC_P256).createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {"TLSv1.2"});

        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer c2s = ByteBuffer.allocate(1 << 16);
        ByteBuffer s2c = ByteBuffer.allocate(1 << 16);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        client.beginHandshake();
        client.wrap(empty, c2s);
        c2s.flip();
        server.beginHandshake();
        while (c2s.hasRemaining()) {
            server.unwrap(c2s, app);
            runTasks(server);
        }
        while (server.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            server.wrap(empty, s2c);
            runTasks(server);
        }
        s2c.flip();
        byte[] flight = new byte[s2c.remaining()];
        s2c.get(flight);
        // First record, first message: the ServerHello. Random at 5 (record) + 4 (header) + 2 (version).
        assertEquals(22, flight[0]);
        assertEquals(2, flight[5]);
        byte[] sentinel = {'D', 'O', 'W', 'N', 'G', 'R', 'D', 1};
        System.arraycopy(sentinel, 0, flight, 5 + 4 + 2 + 24, 8);

        ByteBuffer in = ByteBuffer.wrap(flight);
        SSLException failure = null;
        try {
            for (int i = 0; i < 20 && in.hasRemaining(); i++) {
                client.unwrap(in, app);
                runTasks(client);
            }
            client.wrap(empty, ByteBuffer.allocate(1 << 16));
        } catch (SSLException e) {
            failure = e;
        }
        assertNotNull(failure, "the client must abort");
        assertTrue(failure instanceof SSLHandshakeException, failure.toString());
        assertTrue(failure.getMessage().contains("illegal_parameter"), failure.getMessage());
        assertTrue(failure.getMessage().contains("downgrade"), failure.getMessage());
    }

    private static void runTasks(SSLEngine e) {
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
        }
    }
}
