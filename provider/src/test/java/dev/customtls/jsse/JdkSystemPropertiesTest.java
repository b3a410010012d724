package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.pki.TestPki;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * System properties SunJSSE users set and {@code Custom} reads the same way (docs/compatibility.md):
 * {@code jdk.tls.server.newSessionTicketCount}, {@code javax.net.ssl.keyStore*} / {@code trustStore*} for the
 * {@code Default} context, and {@code com.sun.net.ssl.requireCloseNotify}.
 */
@Isolated("sets JVM-wide system properties")
class JdkSystemPropertiesTest {
    private static final TestPki PKI = TestPki.create("Properties CA");
    private static final KeyStore KEYS = PKI.issue(TestPki.KeyType.EC_P256, "localhost").toKeyStore("key");

    private static SSLContext context() throws Exception {
        return EngineSmokeTest.context("Custom", TestPki.KeyType.EC_P256);
    }

    /** NewSessionTicket messages a client receives in one connection to a server of {@code serverCtx}. */
    private static int ticketsReceived(SSLContext clientCtx, SSLContext serverCtx) throws Exception {
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        AtomicInteger tickets = new AtomicInteger();
        ((HandshakeObservable) client).setHandshakeListener(new HandshakeListener() {
            @Override
            public void step(String description) {
                // Post-handshake messages are reported as steps (they are not part of the transcript).
                if (description.startsWith("NewSessionTicket received")) {
                    tickets.incrementAndGet();
                }
            }
        });
        SSLEngine server = serverCtx.createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        pair.transfer(new byte[] {1}, false); // delivers what the server still holds
        return tickets.get();
    }

    @Test
    void newSessionTicketCountSetsTheTicketsPerHandshake() throws Exception {
        SSLContext client = context();
        assertEquals(1, ticketsReceived(client, context()), "SunJSSE's default: one");
        assertEquals(3, ticketsReceived(client,
                TemporaryProperties.with(Map.of("jdk.tls.server.newSessionTicketCount", "3"), JdkSystemPropertiesTest::context)));
        assertEquals(0, ticketsReceived(client,
                TemporaryProperties.with(Map.of("jdk.tls.server.newSessionTicketCount", "0"), JdkSystemPropertiesTest::context)));
        assertEquals(1, ticketsReceived(client,
                TemporaryProperties.with(Map.of("jdk.tls.server.newSessionTicketCount", "11"), JdkSystemPropertiesTest::context)),
                "out of SunJSSE's range 0-10: the default");
    }

    @Test
    void defaultContextReadsTheKeyAndTrustStoreProperties(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.p12");
        Path trust = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(keys)) {
            KEYS.store(out, TestPki.PASSWORD);
        }
        try (OutputStream out = Files.newOutputStream(trust)) {
            PKI.trustStore().store(out, TestPki.PASSWORD);
        }
        String password = new String(TestPki.PASSWORD);
        SSLContext defaults = TemporaryProperties.with(Map.of("javax.net.ssl.keyStore", keys.toString(), "javax.net.ssl.keyStorePassword",
                password, "javax.net.ssl.keyStoreType", "PKCS12", "javax.net.ssl.trustStore", trust.toString(),
                "javax.net.ssl.trustStorePassword", password, "javax.net.ssl.trustStoreType", "PKCS12"),
                () -> SSLContext.getInstance("Default", new CustomProvider()));
        // The Default context both serves with the key store's certificate and trusts the trust store's CA.
        EnginePair pair = new EnginePair(engine(defaults, true), engine(defaults, false));
        pair.handshake();
        assertEquals("CN=localhost", pair.client.getSession().getPeerPrincipal().getName());
    }

    private static SSLEngine engine(SSLContext ctx, boolean client) {
        SSLEngine e = client ? ctx.createSSLEngine("localhost", 443) : ctx.createSSLEngine();
        e.setUseClientMode(client);
        return e;
    }

    /**
     * After the handshake the server ends the TCP stream without a close_notify: a truncation. By default a
     * socket reads it as the end of the stream (as SunJSSE); with {@code com.sun.net.ssl.requireCloseNotify}
     * the read fails.
     */
    @Test
    void requireCloseNotifyTurnsAMissingCloseNotifyIntoAnError() throws Exception {
        SSLContext ctx = context();
        assertEquals(-1, readAfterTruncation(ctx.getSocketFactory()));
        SSLSocketFactory strict = TemporaryProperties.with(Map.of("com.sun.net.ssl.requireCloseNotify", "true"), ctx::getSocketFactory);
        assertThrows(SSLProtocolException.class, () -> readAfterTruncation(strict));
    }

    /** Connects to a server that completes the handshake, sends one byte, then closes its TCP socket only. */
    private static int readAfterTruncation(SSLSocketFactory clientFactory) throws Exception {
        SSLContext serverCtx = context();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<?> server = pool.submit(() -> {
                try (Socket tcp = listener.accept()) {
                    SSLSocket tls = (SSLSocket) serverCtx.getSocketFactory().createSocket(tcp, "localhost",
                            tcp.getPort(), false);
                    tls.setUseClientMode(false);
                    tls.getOutputStream().write(42);
                    tls.getOutputStream().flush();
                    // tcp closes here, tls never sends its close_notify
                }
                return null;
            });
            try (SSLSocket client = (SSLSocket) clientFactory.createSocket("localhost", listener.getLocalPort())) {
                InputStream in = client.getInputStream();
                assertEquals(42, in.read());
                server.get(30, TimeUnit.SECONDS);
                return in.read();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
