package dev.customtls.jsse.socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

import static dev.customtls.jsse.socket.TlsFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Sessions, listeners and settings, compared with SunJSSE's sockets where it matters. */
@Timeout(120)
class EngineSocketSessionTest {

    static List<EngineSocketEchoTest.Pair> pairs() {
        return EngineSocketEchoTest.pairs();
    }

    /** Records the events it hears. */
    static final class Recorder implements HandshakeCompletedListener {
        final List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void handshakeCompleted(HandshakeCompletedEvent event) {
            events.add(event);
        }

        void awaitOne() throws InterruptedException {
            for (int i = 0; i < 200 && events.isEmpty(); i++) {
                Thread.sleep(10); // SunJSSE calls listeners on a separate thread
            }
            Thread.sleep(50);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void listenersAreCalledOnceWithTheSession(EngineSocketEchoTest.Pair pair) throws Exception {
        Recorder serverEvents = new Recorder();
        try (ServerSocket server = EngineSocketEchoTest.listen(pair.server())) {
            Future<SSLSession> serverSide = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.addHandshakeCompletedListener(serverEvents);
                    InputStream in = s.getInputStream();
                    int b;
                    while ((b = in.read()) >= 0) {
                        s.getOutputStream().write(b);
                    }
                    return s.getSession();
                }
            });
            Recorder events = new Recorder();
            Recorder removed = new Recorder();
            try (SSLSocket c = EngineSocketEchoTest.connect(pair.client(), server)) {
                c.addHandshakeCompletedListener(events);
                c.addHandshakeCompletedListener(removed);
                c.removeHandshakeCompletedListener(removed);
                assertThrows(IllegalArgumentException.class, () -> c.removeHandshakeCompletedListener(removed));
                assertThrows(IllegalArgumentException.class, () -> c.addHandshakeCompletedListener(null));
                assertNull(c.getHandshakeSession(), "no handshake yet");
                c.startHandshake();
                for (int i = 0; i < 3; i++) { // NewSessionTicket and echoes go through the socket
                    c.getOutputStream().write(i);
                    assertEquals(i, c.getInputStream().read());
                }
                c.startHandshake(); // TLS 1.3: a KeyUpdate, not a new handshake
                c.getOutputStream().write(9);
                assertEquals(9, c.getInputStream().read());
                assertNull(c.getHandshakeSession(), "handshake over");
                events.awaitOne();
                assertEquals(1, events.events.size());
                HandshakeCompletedEvent e = events.events.get(0);
                assertSame(c, e.getSocket());
                assertEquals(c.getSession().getCipherSuite(), e.getCipherSuite());
                assertArrayEquals(c.getSession().getId(), e.getSession().getId());
                assertEquals(0, removed.events.size());
                c.shutdownOutput();
                assertEquals(-1, c.getInputStream().read());
            }
            SSLSession serverSession = await(serverSide);
            serverEvents.awaitOne();
            assertEquals(1, serverEvents.events.size());
            assertEquals(serverSession.getCipherSuite(), serverEvents.events.get(0).getCipherSuite());
        }
    }

    /**
     * Each side's session names its peer as SunJSSE's does: the client the host and port it connected to, the
     * server the client's address and port (from the accepted connection).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void sessionsNameThePeer(EngineSocketEchoTest.Pair pair) throws Exception {
        try (ServerSocket server = EngineSocketEchoTest.listen(pair.server())) {
            Future<SSLSession> serverSide = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                    SSLSession session = s.getSession();
                    assertEquals(-1, s.getInputStream().read());
                    return session;
                }
            });
            int clientPort;
            try (SSLSocket c = EngineSocketEchoTest.connect(pair.client(), server)) {
                c.startHandshake();
                clientPort = c.getLocalPort();
                assertEquals("localhost", c.getSession().getPeerHost());
                assertEquals(server.getLocalPort(), c.getSession().getPeerPort());
                c.shutdownOutput();
                SSLSession serverSession = await(serverSide);
                assertEquals(InetAddress.getLoopbackAddress().getHostAddress(), serverSession.getPeerHost());
                assertEquals(clientPort, serverSession.getPeerPort());
            }
        }
    }

    /** getSession() runs the handshake; when it fails it returns the null session and the socket is closed. */
    @Test
    void getSessionOnFailureReturnsNullSession() throws Exception {
        SSLSocketFactory ours = new EngineSocketFactory(new SunJsseEngineSource(UNTRUSTING_CONTEXT));
        for (SSLSocketFactory f : List.of(ours, UNTRUSTING_CONTEXT.getSocketFactory())) {
            try (ServerSocket server = EngineSocketEchoTest.listen(OUR_SERVER)) {
                Future<Exception> serverSide = async(() -> {
                    try (SSLSocket s = (SSLSocket) server.accept()) {
                        s.startHandshake();
                        return null;
                    } catch (IOException e) {
                        return e;
                    }
                });
                SSLSocket c = EngineSocketEchoTest.connect(f, server);
                SSLSession s = c.getSession();
                assertEquals("SSL_NULL_WITH_NULL_NULL", s.getCipherSuite(), f.getClass().getName());
                assertEquals("NONE", s.getProtocol());
                assertFalse(s.isValid());
                assertThrows(javax.net.ssl.SSLPeerUnverifiedException.class, s::getPeerCertificates);
                assertTrue(c.isClosed(), "a failed handshake closes the socket");
                assertThrows(IOException.class, c::startHandshake);
                c.close();
                assertInstanceOf(SSLException.class, await(serverSide), "server sees the client's alert");
            }
        }
    }

    /** The server socket's settings reach every accepted socket. */
    @Test
    void serverSocketSettingsPropagateToAcceptedSockets() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) EngineSocketEchoTest.listen(OUR_SERVER)) {
            server.setEnabledCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"});
            server.setEnabledProtocols(new String[] {"TLSv1.3"});
            SSLParameters p = server.getSSLParameters();
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            p.setUseCipherSuitesOrder(true);
            p.setNeedClientAuth(true);
            server.setSSLParameters(p);
            assertTrue(server.getNeedClientAuth());
            assertFalse(server.getUseClientMode());
            assertArrayEquals(new String[] {"TLSv1.3"}, server.getEnabledProtocols());

            Future<SSLSocket> accepted = async(() -> {
                SSLSocket s = (SSLSocket) server.accept();
                s.startHandshake();
                return s;
            });
            try (SSLSocket c = (SSLSocket) SUN_CLIENT.createSocket("localhost", server.getLocalPort())) {
                SSLParameters cp = c.getSSLParameters();
                cp.setApplicationProtocols(new String[] {"http/1.1", "h2"});
                c.setSSLParameters(cp);
                c.startHandshake();
                try (SSLSocket s = await(accepted)) {
                    assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"},
                            s.getEnabledCipherSuites());
                    assertTrue(s.getNeedClientAuth());
                    assertTrue(s.getSSLParameters().getUseCipherSuitesOrder());
                    assertEquals("TLS_AES_256_GCM_SHA384", s.getSession().getCipherSuite());
                    assertEquals("h2", s.getApplicationProtocol(), "server order wins");
                    assertEquals("h2", c.getApplicationProtocol());
                    assertEquals("CN=client", ((java.security.cert.X509Certificate)
                            s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName());
                }
            }
        }
    }

    @Test
    void clientSettingsSurviveConnectOfAnUnconnectedSocket() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) EngineSocketEchoTest.listen(SUN_SERVER)) {
            Future<String> serverSide = async(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setHandshakeApplicationProtocolSelector((sock, offered) -> offered.contains("b") ? "b" : null);
                    s.startHandshake();
                    return s.getSession().getCipherSuite();
                }
            });
            try (SSLSocket c = (SSLSocket) OUR_CLIENT.createSocket()) {
                c.setEnabledCipherSuites(new String[] {"TLS_CHACHA20_POLY1305_SHA256"});
                SSLParameters p = c.getSSLParameters();
                p.setApplicationProtocols(new String[] {"a", "b"});
                c.setSSLParameters(p);
                c.connect(new java.net.InetSocketAddress("localhost", server.getLocalPort()));
                assertArrayEquals(new String[] {"TLS_CHACHA20_POLY1305_SHA256"}, c.getEnabledCipherSuites());
                c.startHandshake();
                assertEquals("b", c.getApplicationProtocol());
                assertEquals("TLS_CHACHA20_POLY1305_SHA256", c.getSession().getCipherSuite());
                assertThrows(IllegalArgumentException.class, () -> c.setUseClientMode(false));
            }
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", await(serverSide));
        }
    }

    @Test
    void unsupportedOperationsAndStates() throws Exception {
        SSLSocket c = (SSLSocket) OUR_CLIENT.createSocket();
        assertThrows(SocketException.class, c::startHandshake);
        assertEquals("SSL_NULL_WITH_NULL_NULL", c.getSession().getCipherSuite());
        assertThrows(SocketException.class, () -> c.sendUrgentData(1));
        assertThrows(SocketException.class, () -> c.setOOBInline(true));
        assertThrows(IllegalArgumentException.class, () -> c.setEnabledCipherSuites(new String[] {"NOPE"}));
        assertTrue(c.getUseClientMode());
        c.close();
        assertTrue(c.isClosed());
        Socket plain = new Socket();
        plain.close();
    }
}
