package dev.customtls.jsse.socket;

import static dev.customtls.jsse.socket.TlsFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.customtls.pki.TestPki;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a socket's connection keeps between calls: small buffers while it moves small messages (an idle
 * connection of a server with many of them holds about 12 KB of buffers, not three packet-sized ones), grown
 * only when a record does not fit, and small again after a handshake whose flight did not fit.
 */
@Timeout(60)
class EngineSocketBufferTest {

    /** Three buffers of the initial size. */
    private static final int SMALL = 3 * 4096;

    @Test
    void smallMessagesKeepSmallBuffers() throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(CUSTOM_SERVER)) {
            Future<Integer> serverSide = echoAndReport(server, 100);
            try (SSLSocket c = EngineSocketEchoTest.connect(CUSTOM_CLIENT, server)) {
                for (int i = 0; i < 100; i++) {
                    byte[] message = data(100, i);
                    c.getOutputStream().write(message);
                    assertArrayEquals(message, readFully(c.getInputStream(), 100));
                }
                assertTrue(((EngineSSLSocket) c).bufferCapacity() <= SMALL, "client: " + ((EngineSSLSocket) c).bufferCapacity());
            }
            int serverBuffers = await(serverSide);
            assertTrue(serverBuffers <= SMALL, "server: " + serverBuffers);
        }
    }

    @Test
    void buffersGrowForFullRecords() throws Exception {
        byte[] big = data(200_000, 7);
        try (ServerSocket server = EngineSocketEchoTest.listen(CUSTOM_SERVER)) {
            Future<Integer> serverSide = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    assertArrayEquals(sha256(big), sha256(readFully(s.getInputStream(), big.length)));
                    int capacity = ((EngineSSLSocket) s).bufferCapacity();
                    s.getOutputStream().write(1);
                    return capacity;
                }
            });
            try (SSLSocket c = EngineSocketEchoTest.connect(CUSTOM_CLIENT, server)) {
                c.getOutputStream().write(big);
                assertEquals(1, c.getInputStream().read());
                assertTrue(((EngineSSLSocket) c).bufferCapacity() > SMALL, "the writer's buffer grew for bulk data");
            }
            assertTrue(await(serverSide) > SMALL, "the reader's buffers grew for 16 KB records");
        }
    }

    @Test
    void buffersShrinkAfterALargeHandshakeFlight() throws Exception {
        // A leaf with many random names: its chain does not fit in the client's first buffer, even compressed.
        SecureRandom random = new SecureRandom();
        String[] names = new String[500];
        for (int i = 0; i < names.length; i++) {
            byte[] label = new byte[12];
            random.nextBytes(label);
            names[i] = HexFormat.of().formatHex(label) + ".example";
        }
        names[0] = "localhost";
        TestPki.Credential large = PKI.issue(TestPki.KeyType.EC_P256, names);
        assertTrue(large.certificate().getEncoded().length > 8000);
        SSLContext serverContext = customContext(large.toKeyStore("server"), PKI.trustStore());
        try (ServerSocket server = EngineSocketEchoTest.listen(serverContext.getServerSocketFactory())) {
            Future<Integer> serverSide = echoAndReport(server, 10);
            try (SSLSocket c = EngineSocketEchoTest.connect(CUSTOM_CLIENT, server)) {
                c.startHandshake();
                assertEquals(large.certificate(), c.getSession().getPeerCertificates()[0]);
                assertTrue(((EngineSSLSocket) c).bufferCapacity() <= SMALL,
                        "client after the handshake: " + ((EngineSSLSocket) c).bufferCapacity());
                for (int i = 0; i < 10; i++) {
                    byte[] message = data(100, i);
                    c.getOutputStream().write(message);
                    assertArrayEquals(message, readFully(c.getInputStream(), 100));
                }
            }
            assertTrue(await(serverSide) <= SMALL, "server: its flight was written in parts from a small buffer");
        }
    }

    /** Echoes {@code count} messages of 100 bytes, then reports its buffers' capacity. */
    private static Future<Integer> echoAndReport(ServerSocket server, int count) {
        return async(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < count; i++) {
                    out.write(readFully(in, 100));
                }
                int capacity = ((EngineSSLSocket) s).bufferCapacity();
                assertEquals(-1, in.read());
                return capacity;
            }
        });
    }
}
