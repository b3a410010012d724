package dev.customtls.jsse.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.customtls.jsse.socket.TlsFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** available(), closing from another thread, TLS 1.2 (closure and renegotiation). */
@Timeout(120)
class EngineSocketEdgeCaseTest {

    static final SSLContext SERVER_12 = context("TLSv1.2", SERVER.toKeyStore("server"), PKI.trustStore());
    static final SSLContext CLIENT_12 = context("TLSv1.2", null, PKI.trustStore());

    static List<EngineSocketEchoTest.Pair> tls12Pairs() {
        SSLSocketFactory ourClient = new EngineSocketFactory(new SunJsseEngineSource(CLIENT_12));
        SSLServerSocketFactory ourServer = new EngineServerSocketFactory(new SunJsseEngineSource(SERVER_12));
        return List.of(
                new EngineSocketEchoTest.Pair("1.2 ours->sun", ourClient, SERVER_12.getServerSocketFactory()),
                new EngineSocketEchoTest.Pair("1.2 sun->ours", CLIENT_12.getSocketFactory(), ourServer),
                new EngineSocketEchoTest.Pair("1.2 ours->ours", ourClient, ourServer),
                new EngineSocketEchoTest.Pair("1.2 sun->sun", CLIENT_12.getSocketFactory(),
                        SERVER_12.getServerSocketFactory()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12Pairs")
    void tls12EchoCloseAndRenegotiate(EngineSocketEchoTest.Pair pair) throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(pair.server())) {
            Future<Long> echo = EngineSocketEchoTest.echoServer(server);
            try (SSLSocket c = EngineSocketEchoTest.connect(pair.client(), server)) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                byte[] msg = data(70_000, 3);
                out.write(msg);
                assertArrayEquals(msg, readFully(in, msg.length));
                assertEquals("TLSv1.2", c.getSession().getProtocol());
                c.startHandshake(); // renegotiation, carried on by the reads below
                for (int i = 0; i < 5; i++) {
                    out.write(msg, 0, 1000);
                    assertArrayEquals(java.util.Arrays.copyOf(msg, 1000), readFully(in, 1000));
                }
            }
            // The client's close_notify ends the echo loop.
            await(echo);
        }
    }

    /** TLS 1.2 renegotiation started while one thread writes and another reads (echoed) data. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12Pairs")
    void tls12RenegotiationDuringFullDuplex(EngineSocketEchoTest.Pair pair) throws Exception {
        byte[] msg = data(4 << 20, 11);
        try (ServerSocket server = EngineSocketEchoTest.listen(pair.server())) {
            Future<Long> echo = EngineSocketEchoTest.echoServer(server);
            try (SSLSocket c = EngineSocketEchoTest.connect(pair.client(), server)) {
                c.startHandshake();
                Future<Void> writer = async(() -> {
                    writeChunks(c.getOutputStream(), msg, 4000);
                    return null;
                });
                Future<byte[]> reader = async(() -> readFully(c.getInputStream(), msg.length));
                Thread.sleep(20);
                c.startHandshake();
                await(writer);
                assertArrayEquals(sha256(msg), sha256(await(reader)));
                // Let the renegotiation finish before closing: echo single bytes until it has.
                for (int i = 0; i < 1000 && c.getHandshakeSession() != null; i++) {
                    c.getOutputStream().write(i);
                    assertEquals(i & 0xff, c.getInputStream().read());
                }
                assertNull(c.getHandshakeSession(), "renegotiation completed");
            }
            try {
                await(echo);
            } catch (IOException e) {
                // The data went through intact; SunJSSE's engine (also with SunJSSE's own sockets) may
                // still consider the renegotiation open when the close_notify arrives.
                assertTrue(e instanceof javax.net.ssl.SSLException || e instanceof java.net.SocketException, e.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tls12Pairs")
    void tls12ServerCloseReadsAsEndOfStream(EngineSocketEchoTest.Pair pair) throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(pair.server())) {
            Future<Void> serverSide = async(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write("abc".getBytes());
                }
                return null;
            });
            try (SSLSocket c = EngineSocketEchoTest.connect(pair.client(), server)) {
                InputStream in = c.getInputStream();
                assertArrayEquals("abc".getBytes(), readFully(in, 3));
                assertEquals(-1, in.read());
            }
            await(serverSide);
        }
    }

    @Test
    void availableCountsDecryptedBytes() throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(SUN_SERVER)) {
            Future<Long> echo = EngineSocketEchoTest.echoServer(server);
            try (SSLSocket c = EngineSocketEchoTest.connect(OUR_CLIENT, server)) {
                InputStream in = c.getInputStream();
                assertEquals(0, in.available());
                c.getOutputStream().write(data(100, 1));
                assertEquals(data(100, 1)[0] & 0xff, in.read());
                assertEquals(99, in.available());
                assertEquals(99, readFully(in, 99).length);
                assertEquals(0, in.available());
            }
            await(echo);
        }
    }

    /** close() from another thread ends a blocked read, after the handshake and during it. */
    @Test
    void closeFromAnotherThreadUnblocksReader() throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(SUN_SERVER)) {
            Future<Long> echo = EngineSocketEchoTest.echoServer(server);
            SSLSocket c = EngineSocketEchoTest.connect(OUR_CLIENT, server);
            c.startHandshake();
            Future<Integer> reader = async(() -> {
                try {
                    return c.getInputStream().read();
                } catch (IOException e) {
                    return -2;
                }
            });
            Thread.sleep(200);
            c.close();
            int r = reader.get(10, TimeUnit.SECONDS);
            assertTrue(r == -1 || r == -2, "ended: " + r);
            await(echo);
        }
        try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<Socket> accepted = async(raw::accept);
            SSLSocket c = (SSLSocket) OUR_CLIENT.createSocket("localhost", raw.getLocalPort());
            Future<Exception> handshake = async(() -> {
                try {
                    c.startHandshake();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(200);
            long t0 = System.nanoTime();
            c.close();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "close does not wait for the handshake");
            assertNotNull(handshake.get(10, TimeUnit.SECONDS));
            await(accepted).close();
        }
    }

    @Test
    void serverSocketFactoryVariantsAndUnboundServerSocket() throws Exception {
        try (SSLServerSocket s = (SSLServerSocket) OUR_SERVER.createServerSocket()) {
            assertFalse(s.isBound());
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Future<Long> echo = EngineSocketEchoTest.echoServer(s);
            try (SSLSocket c = (SSLSocket) SUN_CLIENT.createSocket(InetAddress.getLoopbackAddress(), s.getLocalPort())) {
                c.getOutputStream().write(5);
                assertEquals(5, c.getInputStream().read());
            }
            await(echo);
        }
        try (ServerSocket s = OUR_SERVER.createServerSocket(0)) {
            assertTrue(s.getLocalPort() > 0);
        }
        try (ServerSocket s = OUR_SERVER.createServerSocket(0, 10)) {
            assertTrue(s.getLocalPort() > 0);
        }
        assertTrue(OUR_SERVER.getDefaultCipherSuites().length > 0);
        assertTrue(OUR_CLIENT.getSupportedCipherSuites().length >= OUR_CLIENT.getDefaultCipherSuites().length);
    }

    @Test
    void clientFactoryVariants() throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(SUN_SERVER)) {
            for (int i = 0; i < 3; i++) {
                Future<Long> echo = EngineSocketEchoTest.echoServer(server);
                InetAddress lo = InetAddress.getLoopbackAddress();
                Socket c = switch (i) {
                    case 0 -> OUR_CLIENT.createSocket(InetAddress.getByName("localhost"), server.getLocalPort());
                    case 1 -> OUR_CLIENT.createSocket("localhost", server.getLocalPort(), lo, 0);
                    default -> OUR_CLIENT.createSocket(lo, server.getLocalPort(), lo, 0);
                };
                try (c) {
                    c.getOutputStream().write(i);
                    assertEquals(i, c.getInputStream().read());
                }
                await(echo);
            }
        }
    }
}
