package dev.customtls.jsse.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
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
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.customtls.jsse.socket.TlsFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Data transfer and closure, with our sockets against SunJSSE's and against themselves. */
class EngineSocketEchoTest {

    /** A client and a server socket factory; SunJSSE with SunJSSE checks the test itself. */
    record Pair(String name, SSLSocketFactory client, SSLServerSocketFactory server) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Pair OURS_TO_SUN = new Pair("ours->sun", OUR_CLIENT, SUN_SERVER);
    static final Pair SUN_TO_OURS = new Pair("sun->ours", SUN_CLIENT, OUR_SERVER);
    static final Pair OURS_TO_OURS = new Pair("ours->ours", OUR_CLIENT, OUR_SERVER);
    static final Pair SUN_TO_SUN = new Pair("sun->sun", SUN_CLIENT, SUN_SERVER);
    // The Custom provider end to end: its sockets over its own engine.
    static final Pair CUSTOM_TO_SUN = new Pair("custom->sun", TlsFixture.CUSTOM_CLIENT, SUN_SERVER);
    static final Pair SUN_TO_CUSTOM = new Pair("sun->custom", SUN_CLIENT, TlsFixture.CUSTOM_SERVER);
    static final Pair CUSTOM_TO_CUSTOM = new Pair("custom->custom", TlsFixture.CUSTOM_CLIENT, TlsFixture.CUSTOM_SERVER);

    static List<Pair> pairs() {
        return List.of(OURS_TO_SUN, SUN_TO_OURS, OURS_TO_OURS, SUN_TO_SUN, CUSTOM_TO_SUN, SUN_TO_CUSTOM, CUSTOM_TO_CUSTOM);
    }

    static Stream<Arguments> echoCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Pair p : pairs()) {
            for (int size : new int[] {1, 1000, 16383, 16384, 16385, 1 << 20}) {
                b.add(Arguments.of(p, size));
            }
        }
        b.add(Arguments.of(OURS_TO_SUN, 20 << 20));
        b.add(Arguments.of(SUN_TO_OURS, 20 << 20));
        b.add(Arguments.of(OURS_TO_OURS, 20 << 20));
        b.add(Arguments.of(CUSTOM_TO_SUN, 20 << 20));
        b.add(Arguments.of(SUN_TO_CUSTOM, 20 << 20));
        b.add(Arguments.of(CUSTOM_TO_CUSTOM, 20 << 20));
        return b.build();
    }

    static ServerSocket listen(SSLServerSocketFactory f) throws IOException {
        return f.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    static SSLSocket connect(SSLSocketFactory f, ServerSocket server) throws IOException {
        return (SSLSocket) f.createSocket("localhost", server.getLocalPort());
    }

    /** Echoes what it reads until end of stream, then closes. */
    static Future<Long> echoServer(ServerSocket server) {
        return async(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[32 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    total += n;
                }
                return total;
            }
        });
    }

    /** Reads until end of stream or error, then closes; returns the byte count. */
    static Future<Long> drainServer(ServerSocket server) {
        return async(() -> {
            long total = 0;
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[32 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                }
            } catch (IOException e) {
                // The client may close abruptly.
            }
            return total;
        });
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("echoCases")
    void echoesDataIntactThenHalfCloses(Pair pair, int size) throws Exception {
        byte[] data = data(size, size);
        try (ServerSocket server = listen(pair.server())) {
            Future<Long> echo = echoServer(server);
            try (SSLSocket c = connect(pair.client(), server)) {
                Future<Void> writer = async(() -> {
                    writeChunks(c.getOutputStream(), data, 7919);
                    c.shutdownOutput();
                    return null;
                });
                InputStream in = c.getInputStream();
                byte[] got = readFully(in, size);
                await(writer);
                assertArrayEquals(sha256(data), sha256(got));
                assertEquals(-1, in.read(), "end of stream after the server's close_notify");
            }
            assertEquals(size, (long) await(echo));
        }
    }

    /**
     * The request/response pattern of RFC 8446 section 6.1 half-close: the client sends its request and
     * shuts its output down (close_notify); the server reads to the end of the stream and only then writes
     * its answer, which the client still reads.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void serverAnswersAfterTheClientShutsItsOutputDown(Pair pair) throws Exception {
        byte[] request = data(50_000, 11);
        try (ServerSocket server = listen(pair.server())) {
            Future<Long> answering = async(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        got.write(buf, 0, n);
                    }
                    assertFalse(s.isOutputShutdown(), "the client's close_notify leaves our output open");
                    OutputStream out = s.getOutputStream();
                    out.write(sha256(got.toByteArray()));
                    out.write(data(100_000, 12));
                    out.flush();
                    return (long) got.size();
                }
            });
            try (SSLSocket c = connect(pair.client(), server)) {
                writeChunks(c.getOutputStream(), request, 4096);
                c.shutdownOutput();
                assertTrue(c.isOutputShutdown());
                InputStream in = c.getInputStream();
                assertArrayEquals(sha256(request), readFully(in, 32), "the server read the whole request");
                assertArrayEquals(sha256(data(100_000, 12)), sha256(readFully(in, 100_000)));
                assertEquals(-1, in.read(), "end of stream after the server's close_notify");
            }
            assertEquals(request.length, (long) await(answering));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void clientCloseIsSeenAsEndOfStreamByServer(Pair pair) throws Exception {
        try (ServerSocket server = listen(pair.server())) {
            Future<Integer> serverSide = async(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    assertEquals('x', in.read());
                    return in.read();
                }
            });
            SSLSocket c = connect(pair.client(), server);
            c.getOutputStream().write('x');
            c.close();
            assertTrue(c.isClosed());
            assertEquals(-1, (int) await(serverSide));
            assertThrows(SocketException.class, c::getInputStream);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void serverCloseIsSeenAsEndOfStreamByClient(Pair pair) throws Exception {
        try (ServerSocket server = listen(pair.server())) {
            Future<Void> serverSide = async(() -> {
                Socket s = server.accept();
                s.getOutputStream().write("bye".getBytes());
                s.close();
                return null;
            });
            try (SSLSocket c = connect(pair.client(), server)) {
                InputStream in = c.getInputStream();
                assertArrayEquals("bye".getBytes(), readFully(in, 3));
                assertEquals(-1, in.read());
                assertEquals(-1, in.read(), "stays at end of stream");
                await(serverSide);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void writeAfterCloseFails(Pair pair) throws Exception {
        try (ServerSocket server = listen(pair.server())) {
            Future<Long> echo = drainServer(server);
            SSLSocket c = connect(pair.client(), server);
            OutputStream out = c.getOutputStream();
            out.write(1);
            c.close();
            assertThrows(SocketException.class, () -> out.write(2));
            await(echo);
        }
    }

    /** After the handshake, a TCP end of stream without close_notify reads as end of stream (SunJSSE default). */
    @Test
    void endOfStreamWithoutCloseNotifyAfterHandshakeReadsAsEnd() throws Exception {
        for (SSLSocketFactory client : List.of(OUR_CLIENT, SUN_CLIENT)) {
            try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Future<Void> serverSide = async(() -> {
                    Socket plain = raw.accept();
                    SSLSocket tls = (SSLSocket) OUR_SERVER_SIDE_SOCKETS.createSocket(plain, null, false);
                    tls.getOutputStream().write('z');
                    plain.close(); // no close_notify
                    return null;
                });
                try (SSLSocket c = (SSLSocket) client.createSocket("localhost", raw.getLocalPort())) {
                    assertEquals('z', c.getInputStream().read());
                    await(serverSide);
                    assertEquals(-1, c.getInputStream().read(), client.getClass().getName());
                }
            }
        }
    }

    /** A TCP end of stream during the handshake is an SSLHandshakeException, as in SunJSSE. */
    @Test
    void endOfStreamDuringHandshakeFailsTheHandshake() throws Exception {
        for (SSLSocketFactory client : List.of(OUR_CLIENT, SUN_CLIENT)) {
            try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Future<Void> serverSide = async(() -> {
                    try (Socket plain = raw.accept()) {
                        plain.getInputStream().read(new byte[100]);
                    }
                    return null;
                });
                try (SSLSocket c = (SSLSocket) client.createSocket("localhost", raw.getLocalPort())) {
                    assertThrows(SSLHandshakeException.class, c::startHandshake, client.getClass().getName());
                }
                await(serverSide);
            }
        }
    }

    /** shutdownInput before the peer's close_notify reports possible truncation, as SunJSSE does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void shutdownInputBeforeCloseNotifyThrows(Pair pair) throws Exception {
        try (ServerSocket server = listen(pair.server())) {
            Future<Long> echo = drainServer(server);
            try (SSLSocket c = connect(pair.client(), server)) {
                c.startHandshake();
                InputStream in = c.getInputStream();
                assertThrows(javax.net.ssl.SSLException.class, c::shutdownInput);
                assertTrue(c.isInputShutdown());
                assertEquals(-1, in.read());
                c.shutdownInput(); // a second time is a no-op
            }
            await(echo);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void unconnectedSocketConnectsLater(Pair pair) throws Exception {
        try (ServerSocket server = listen(pair.server())) {
            Future<Long> echo = echoServer(server);
            try (SSLSocket c = (SSLSocket) pair.client().createSocket()) {
                assertFalse(c.isConnected());
                assertThrows(SocketException.class, c::getInputStream);
                c.setEnabledProtocols(new String[] {"TLSv1.3"});
                c.connect(new java.net.InetSocketAddress("localhost", server.getLocalPort()), 5000);
                c.getOutputStream().write(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, readFully(c.getInputStream(), 3));
                assertEquals("TLSv1.3", c.getSession().getProtocol());
                assertEquals("localhost", c.getSession().getPeerHost());
            }
            await(echo);
        }
    }

    /**
     * InputStream.read(b, off, len) stores the n bytes it read at b[off, off+n) and leaves the rest of b as it
     * was, also for reads larger than a record (where our engine could open a record straight into b).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void largeReadsLeaveTheRestOfTheArrayAlone(Pair pair) throws Exception {
        byte[] data = data(100_000, 3);
        try (ServerSocket server = listen(pair.server())) {
            Future<Long> echo = echoServer(server);
            try (SSLSocket c = connect(pair.client(), server)) {
                Future<Void> writer = async(() -> {
                    writeChunks(c.getOutputStream(), data, 16384);
                    c.shutdownOutput();
                    return null;
                });
                InputStream in = c.getInputStream();
                byte[] b = new byte[40_000];
                int got = 0;
                while (got < data.length) {
                    java.util.Arrays.fill(b, (byte) 0x33);
                    int n = in.read(b, 7, 32_768);
                    assertTrue(n > 0, "data before the end of the stream");
                    assertArrayEquals(java.util.Arrays.copyOfRange(data, got, got + n),
                            java.util.Arrays.copyOfRange(b, 7, 7 + n));
                    for (int i = 0; i < b.length; i++) {
                        if (i < 7 || i >= 7 + n) {
                            assertEquals((byte) 0x33, b[i], "byte " + i + " after a read of " + n);
                        }
                    }
                    got += n;
                }
                await(writer);
            }
            assertEquals(data.length, (long) await(echo));
        }
    }
}
