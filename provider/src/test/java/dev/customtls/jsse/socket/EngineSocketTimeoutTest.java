package dev.customtls.jsse.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.customtls.jsse.socket.TlsFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Read timeouts, and peers that stall or misbehave. */
@Timeout(120)
class EngineSocketTimeoutTest {

    static java.util.stream.Stream<javax.net.ssl.SSLSocketFactory> clients() {
        return java.util.stream.Stream.of(OUR_CLIENT, TlsFixture.CUSTOM_CLIENT);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("clients")
    void readTimeoutKeepsPartialRecordAndSocketStaysUsable(javax.net.ssl.SSLSocketFactory client) throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(SUN_SERVER);
             SplitRelay relay = new SplitRelay(server.getLocalPort())) {
            Future<Long> echo = EngineSocketEchoTest.echoServer(server);
            try (SSLSocket c = (SSLSocket) client.createSocket("localhost", relay.port())) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                out.write('a');
                assertEquals('a', in.read()); // handshake and NewSessionTicket are through

                byte[] msg = data(1000, 7);
                relay.armSplit(10);
                out.write(msg);
                c.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, () -> in.read(new byte[2000]));
                assertThrows(SocketTimeoutException.class, in::read, "a second timeout keeps it too");
                relay.release();
                assertArrayEquals(msg, readFully(in, msg.length));

                out.write("still usable".getBytes());
                assertArrayEquals("still usable".getBytes(), readFully(in, 12));
                assertEquals(0, in.available());
            }
            await(echo);
        }
    }

    @Test
    void handshakeWithSilentServerTimesOutAndCanBeRetried() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<Socket> accepted = async(raw::accept);
            try (SSLSocket c = (SSLSocket) OUR_CLIENT.createSocket("localhost", raw.getLocalPort())) {
                c.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, c::startHandshake);
                assertFalse(c.isClosed());
                assertThrows(SocketTimeoutException.class, c::startHandshake, "still usable, still waiting");
                assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
            } finally {
                await(accepted).close();
            }
        }
    }

    /** A server socket whose handshakes are bounded by a read timeout: every client is dealt with. */
    @Test
    void stallingAndGarbageClientsNeverHangTheServer() throws Exception {
        BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
        try (SSLServerSocket server = (SSLServerSocket) EngineSocketEchoTest.listen(OUR_SERVER)) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (SSLSocket s = (SSLSocket) server.accept()) {
                        s.setSoTimeout(400);
                        try {
                            s.startHandshake();
                            OutputStream out = s.getOutputStream();
                            out.write("hello".getBytes());
                            out.flush();
                            outcomes.add("ok");
                        } catch (IOException e) {
                            outcomes.add(e);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            int port = server.getLocalPort();

            // Connects and sends nothing.
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(s.isConnected());
                assertInstanceOf(SocketTimeoutException.class, outcomes.poll(10, TimeUnit.SECONDS));
            }
            // Sends half a ClientHello and stalls.
            byte[] hello = clientHello();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
                assertInstanceOf(SocketTimeoutException.class, outcomes.poll(10, TimeUnit.SECONDS));
            }
            // Sends only a record header and stalls.
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(Arrays.copyOf(hello, 5));
                assertInstanceOf(SocketTimeoutException.class, outcomes.poll(10, TimeUnit.SECONDS));
            }
            // Sends garbage.
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                assertInstanceOf(SSLException.class, outcomes.poll(10, TimeUnit.SECONDS));
            }
            // Connects and hangs up.
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.shutdownOutput();
                assertInstanceOf(SSLHandshakeException.class, outcomes.poll(10, TimeUnit.SECONDS));
            }
            // Sends a ClientHello, then hangs up.
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(hello);
                s.shutdownOutput();
                assertInstanceOf(SSLException.class, outcomes.poll(10, TimeUnit.SECONDS));
            }
            // The server still serves a proper client.
            try (SSLSocket c = (SSLSocket) SUN_CLIENT.createSocket("localhost", port)) {
                assertArrayEquals("hello".getBytes(), readFully(c.getInputStream(), 5));
                assertEquals("ok", outcomes.poll(10, TimeUnit.SECONDS));
            }
        }
    }

    /** A real TLS 1.3 ClientHello record, from a SunJSSE client engine. */
    static byte[] clientHello() throws Exception {
        SSLEngine e = CLIENT_CONTEXT.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        assertTrue(b.length > 100);
        return b;
    }
}
