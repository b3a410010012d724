package dev.customtls.jsse.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Future;

import static dev.customtls.jsse.socket.TlsFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** TLS over an existing socket: STARTTLS-style client and a server that sniffed the first bytes. */
@Timeout(120)
class EngineSocketLayeredTest {

    private static final SSLSocketFactory SUN_SERVER_SIDE_SOCKETS = SERVER_CONTEXT.getSocketFactory();

    /** Plain text first, then TLS over the same connection; both ends layered. */
    @Test
    void startTlsOverPlainConnection() throws Exception {
        for (SSLSocketFactory serverSide : List.of(SUN_SERVER_SIDE_SOCKETS, OUR_SERVER_SIDE_SOCKETS)) {
            try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                Future<Void> server = async(() -> {
                    try (Socket plain = raw.accept()) {
                        assertArrayEquals("STARTTLS\n".getBytes(), readFully(plain.getInputStream(), 9));
                        plain.getOutputStream().write("GO\n".getBytes());
                        try (SSLSocket tls = (SSLSocket) serverSide.createSocket(plain, null, true)) {
                            InputStream in = tls.getInputStream();
                            byte[] got = readFully(in, 5);
                            tls.getOutputStream().write(got);
                            assertEquals(-1, in.read());
                        }
                        assertTrue(plain.isClosed(), "autoClose");
                    }
                    return null;
                });
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), raw.getLocalPort());
                plain.getOutputStream().write("STARTTLS\n".getBytes());
                assertArrayEquals("GO\n".getBytes(), readFully(plain.getInputStream(), 3));
                try (SSLSocket tls = (SSLSocket) OUR_CLIENT.createSocket(plain, "localhost", raw.getLocalPort(), true)) {
                    assertTrue(tls.isConnected());
                    assertEquals(plain.getPort(), tls.getPort());
                    tls.getOutputStream().write("hello".getBytes());
                    assertArrayEquals("hello".getBytes(), readFully(tls.getInputStream(), 5));
                    assertEquals("localhost", tls.getSession().getPeerHost());
                }
                assertTrue(plain.isClosed(), "autoClose");
                await(server);
            }
        }
    }

    /** With autoClose false, closing TLS leaves the plain connection usable on both ends. */
    @Test
    void tlsSessionThenPlainTextAgain() throws Exception {
        for (SSLSocketFactory serverSide : List.of(SUN_SERVER_SIDE_SOCKETS, OUR_SERVER_SIDE_SOCKETS)) {
            try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                Future<Void> server = async(() -> {
                    try (Socket plain = raw.accept()) {
                        SSLSocket tls = (SSLSocket) serverSide.createSocket(plain, null, false);
                        InputStream in = tls.getInputStream();
                        assertEquals('t', in.read());
                        assertEquals(-1, in.read()); // the client's close_notify
                        tls.close(); // answers with ours
                        assertFalse(plain.isClosed());
                        plain.getOutputStream().write("plain again".getBytes());
                    }
                    return null;
                });
                try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), raw.getLocalPort())) {
                    plain.setSoTimeout(10_000);
                    SSLSocket tls = (SSLSocket) OUR_CLIENT.createSocket(plain, "localhost", raw.getLocalPort(), false);
                    tls.getOutputStream().write('t');
                    tls.close(); // sends close_notify, waits for the server's
                    assertTrue(tls.isClosed());
                    assertFalse(plain.isClosed());
                    assertArrayEquals("plain again".getBytes(), readFully(plain.getInputStream(), 11));
                }
                await(server);
            }
        }
    }

    /** createSocket(Socket, InputStream consumed, autoClose): the sniffed bytes are replayed first. */
    @Test
    void serverReplaysConsumedBytes() throws Exception {
        for (SSLSocketFactory serverSide : List.of(SUN_SERVER_SIDE_SOCKETS, OUR_SERVER_SIDE_SOCKETS)) {
            for (int sniffed : new int[] {1, 5, 11}) {
                try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                    Future<Void> server = async(() -> {
                        Socket plain = raw.accept();
                        byte[] head = readFully(plain.getInputStream(), sniffed);
                        assertEquals(22, head[0], "a TLS handshake record");
                        try (SSLSocket tls = (SSLSocket) serverSide.createSocket(plain,
                                new ByteArrayInputStream(head), true)) {
                            assertFalse(tls.getUseClientMode());
                            InputStream in = tls.getInputStream();
                            OutputStream out = tls.getOutputStream();
                            byte[] got = readFully(in, 4);
                            out.write(got);
                        }
                        return null;
                    });
                    try (SSLSocket c = (SSLSocket) SUN_CLIENT.createSocket("localhost", raw.getLocalPort())) {
                        c.getOutputStream().write("ping".getBytes());
                        assertArrayEquals("ping".getBytes(), readFully(c.getInputStream(), 4));
                    }
                    await(server);
                }
            }
        }
    }

    @Test
    void layeringOverUnconnectedSocketFails() {
        assertThrows(java.net.SocketException.class,
                () -> OUR_CLIENT.createSocket(new Socket(), "localhost", 443, true));
    }
}
