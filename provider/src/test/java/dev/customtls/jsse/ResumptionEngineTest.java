package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resumption and 0-RTT through the engine adapter (RFC 8446 sections 2.2, 2.3). */
class ResumptionEngineTest {
    static final TestPki PKI = TestPki.create("Resumption CA");

    /**
     * Counts the client's trust decisions (a resumed handshake makes none) and shows each engine whose server
     * check it makes to {@link #onServerCheck}, while its handshake runs.
     */
    static final class CountingTrustManager extends X509ExtendedTrustManager {
        final X509ExtendedTrustManager delegate;
        final AtomicInteger serverChecks = new AtomicInteger();
        volatile java.util.function.Consumer<SSLEngine> onServerCheck = engine -> { };

        CountingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws java.security.cert.CertificateException {
            delegate.checkClientTrusted(c, a, s);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws java.security.cert.CertificateException {
            serverChecks.incrementAndGet();
            delegate.checkServerTrusted(c, a, s);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws java.security.cert.CertificateException {
            delegate.checkClientTrusted(c, a, e);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws java.security.cert.CertificateException {
            serverChecks.incrementAndGet();
            onServerCheck.accept(e);
            delegate.checkServerTrusted(c, a, e);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException {
            delegate.checkClientTrusted(c, a);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) throws java.security.cert.CertificateException {
            serverChecks.incrementAndGet();
            delegate.checkServerTrusted(c, a);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    static final class Side {
        final SSLContext ctx;
        final CountingTrustManager tm;

        Side(String provider) throws Exception {
            ctx = provider.equals("Custom") ? SSLContext.getInstance("TLSv1.3", new CustomProvider())
                    : SSLContext.getInstance("TLSv1.3", provider);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            KeyStore ks = PKI.issue(TestPki.KeyType.EC_P256, "localhost").toKeyStore("key");
            kmf.init(ks, TestPki.PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(PKI.trustStore());
            tm = new CountingTrustManager((X509ExtendedTrustManager) tmf.getTrustManagers()[0]);
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {tm}, null);
        }
    }

    static EnginePair connect(Side client, Side server, String suite, int earlyMax, byte[] early) throws Exception {
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        if (suite != null) {
            c.setEnabledCipherSuites(new String[] {suite});
        }
        if (early != null) {
            ((EarlyDataEngine) c).setEarlyData(ByteBuffer.wrap(early));
        }
        SSLEngine s = server.ctx.createSSLEngine();
        s.setUseClientMode(false);
        if (earlyMax > 0) {
            ((EarlyDataEngine) s).setEarlyDataEnabled(earlyMax);
        }
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        // Exchange data so the client reads the server's NewSessionTicket.
        assertArrayEquals("pong".getBytes(StandardCharsets.US_ASCII),
                pair.transfer("pong".getBytes(StandardCharsets.US_ASCII), false));
        return pair;
    }

    @ParameterizedTest
    @CsvSource({
            "Custom,Custom,TLS_AES_128_GCM_SHA256", "Custom,Custom,TLS_AES_256_GCM_SHA384",
            "Custom,Custom,TLS_CHACHA20_POLY1305_SHA256",
            "Custom,SunJSSE,TLS_AES_128_GCM_SHA256", "Custom,SunJSSE,TLS_AES_256_GCM_SHA384",
            "Custom,SunJSSE,TLS_CHACHA20_POLY1305_SHA256",
            "SunJSSE,Custom,TLS_AES_128_GCM_SHA256", "SunJSSE,Custom,TLS_AES_256_GCM_SHA384",
            "SunJSSE,Custom,TLS_CHACHA20_POLY1305_SHA256", "SunJSSE,SunJSSE,TLS_AES_128_GCM_SHA256"})
    void resumes(String clientProvider, String serverProvider, String suite) throws Exception {
        Side client = new Side(clientProvider);
        Side server = new Side(serverProvider);
        EnginePair first = connect(client, server, suite, 0, null);
        assertEquals(1, client.tm.serverChecks.get());
        byte[] firstId = first.client.getSession().getId();
        long created = first.client.getSession().getCreationTime();
        Thread.sleep(5);
        EnginePair second = connect(client, server, suite, 0, null);
        assertEquals(1, client.tm.serverChecks.get(), "the resumed handshake verified no certificate");
        assertEquals(suite, second.client.getSession().getCipherSuite());
        assertEquals("TLSv1.3", second.client.getSession().getProtocol());
        assertEquals(first.client.getSession().getPeerCertificates()[0],
                second.client.getSession().getPeerCertificates()[0]);
        // As SunJSSE: a resumed session has a new id and the original creation time, on both sides.
        assertFalse(java.util.Arrays.equals(firstId, second.client.getSession().getId()));
        assertEquals(created, second.client.getSession().getCreationTime());
        assertEquals(first.server.getSession().getCreationTime(), second.server.getSession().getCreationTime());
        assertEquals(1, second.clientFinished);
        assertEquals(1, second.serverFinished);
        assertArrayEquals(new byte[] {1, 2, 3}, second.transfer(new byte[] {1, 2, 3}, true));
    }

    @Test
    void earlyDataAcceptedThenReplayRefused() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 4096, null);
        byte[] request = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        EnginePair second = connect(client, server, null, 4096, request);
        assertEquals(EarlyDataEngine.EarlyDataStatus.ACCEPTED, ((EarlyDataEngine) second.client).earlyDataStatus());
        assertEquals(EarlyDataEngine.EarlyDataStatus.ACCEPTED, ((EarlyDataEngine) second.server).earlyDataStatus());
        ByteBuffer got = ((EarlyDataEngine) second.server).readEarlyData();
        byte[] b = new byte[got.remaining()];
        got.get(b);
        assertArrayEquals(request, b);
        assertEquals(1, client.tm.serverChecks.get());
    }

    @Test
    void earlyDataRejectedIsResentAsOneRtt() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 4096, null);
        byte[] request = "hello".getBytes(StandardCharsets.US_ASCII);
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        ((EarlyDataEngine) c).setEarlyData(ByteBuffer.wrap(request));
        SSLEngine s = server.ctx.createSSLEngine();
        s.setUseClientMode(false); // 0-RTT not enabled on this connection
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals(EarlyDataEngine.EarlyDataStatus.REJECTED, ((EarlyDataEngine) c).earlyDataStatus());
        assertTrue(c.getSession().getPeerCertificates().length > 0);
        assertArrayEquals(request, pair.serverReceived.toByteArray());
        assertFalse(((EarlyDataEngine) s).readEarlyData().hasRemaining());
    }

    // ---------------------------------------------------------------------------------------------
    // Fallbacks and failures

    @Test
    void expiredTicketMeansFullHandshake() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        server.ctx.getServerSessionContext().setSessionTimeout(1); // ticket lifetime 1 s
        connect(client, server, null, 0, null);
        Thread.sleep(1_100);
        EnginePair second = connect(client, server, null, 0, null);
        assertEquals(2, client.tm.serverChecks.get(), "full handshake after expiry");
        assertTrue(second.client.getSession().getPeerCertificates().length > 0);
    }

    /** Replaces the client's stored ticket for localhost:8443 by {@code change(ticket)}. */
    static void rewriteTicket(Side client, java.util.function.UnaryOperator<dev.customtls.core.session.ClientTicket> change) {
        CustomSessionContext ctx = (CustomSessionContext) client.ctx.getClientSessionContext();
        dev.customtls.core.session.ClientTicket t = ctx.takeTicket("localhost:8443",
                java.util.List.of(dev.customtls.core.constants.CipherSuite.values()), "", null, System.currentTimeMillis());
        ctx.addTicket("localhost:8443", null, change.apply(t));
    }

    static dev.customtls.core.session.ClientTicket copy(dev.customtls.core.session.ClientTicket t, byte[] ticket, String sni) {
        return new dev.customtls.core.session.ClientTicket(ticket, t.psk(), t.lifetimeSeconds(), t.ageAdd(),
                t.receivedAtMillis(), t.maxEarlyData(), t.cipherSuite(), t.sessionId(), t.sessionCreationTime(),
                t.peerCertificates(), t.localCertificates(), sni, t.applicationProtocol());
    }

    @Test
    void tamperedTicketMeansFullHandshake() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 0, null);
        rewriteTicket(client, t -> {
            byte[] bad = t.ticket().clone();
            bad[bad.length / 2] ^= 1;
            return copy(t, bad, t.serverName());
        });
        EnginePair second = connect(client, server, null, 0, null);
        assertEquals(2, client.tm.serverChecks.get(), "the server ignored the PSK");
        assertTrue(second.client.getSession().getPeerCertificates().length > 0);
    }

    @Test
    void ticketForAnotherServerNameMeansFullHandshake() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 0, null); // no SNI ("localhost" has no dot)
        rewriteTicket(client, t -> copy(t, t.ticket(), "other.example.com"));
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName("other.example.com")));
        c.setSSLParameters(p);
        SSLEngine s = server.ctx.createSSLEngine();
        s.setUseClientMode(false);
        new EnginePair(c, s).handshake();
        assertEquals(2, client.tm.serverChecks.get(), "the server refused a ticket issued for another name");
    }

    @Test
    void tamperedBinderIsDecryptError() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 0, null);
        rewriteTicket(client, t -> new dev.customtls.core.session.ClientTicket(t.ticket(), new byte[t.psk().length],
                t.lifetimeSeconds(), t.ageAdd(), t.receivedAtMillis(), t.maxEarlyData(), t.cipherSuite(), t.sessionId(),
                t.sessionCreationTime(), t.peerCertificates(), t.localCertificates(), t.serverName(),
                t.applicationProtocol()));
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        SSLEngine s = server.ctx.createSSLEngine();
        s.setUseClientMode(false);
        byte[] flight = firstFlight(c);
        javax.net.ssl.SSLHandshakeException e = org.junit.jupiter.api.Assertions.assertThrows(
                javax.net.ssl.SSLHandshakeException.class, () -> {
                    deliver(s, flight);
                    s.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 16)); // the task's failure surfaces
                });
        assertTrue(e.getMessage().contains("binder"), e.getMessage());
        ByteBuffer alert = ByteBuffer.allocate(64);
        s.wrap(ByteBuffer.allocate(0), alert);
        assertEquals(21, alert.get(0)); // alert record
        assertEquals(51, alert.get(6)); // decrypt_error
    }

    @Test
    void helloRetryRequestWithPsk() throws Exception {
        Side client;
        Side server;
        String shares = System.getProperty("dev.customtls.keyShares");
        String groups = System.getProperty("jdk.tls.namedGroups");
        try {
            System.setProperty("dev.customtls.keyShares", "secp256r1");
            client = new Side("Custom");
            System.clearProperty("dev.customtls.keyShares");
            System.setProperty("jdk.tls.namedGroups", "x25519");
            server = new Side("Custom");
        } finally {
            restore("dev.customtls.keyShares", shares);
            restore("jdk.tls.namedGroups", groups);
        }
        EnginePair first = connect(client, server, null, 4096, null);
        assertEquals(1, client.tm.serverChecks.get());
        byte[] request = "early".getBytes(StandardCharsets.US_ASCII);
        EnginePair second = connect(client, server, null, 4096, request);
        assertEquals(1, client.tm.serverChecks.get(), "resumed after the HelloRetryRequest");
        assertEquals(first.client.getSession().getCreationTime(), second.client.getSession().getCreationTime());
        // A HelloRetryRequest rejects 0-RTT; the data went as 1-RTT instead.
        assertEquals(EarlyDataEngine.EarlyDataStatus.REJECTED, ((EarlyDataEngine) second.client).earlyDataStatus());
        assertArrayEquals(request, second.serverReceived.toByteArray());
    }

    static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Replay

    /** The client's first flight: ClientHello, change_cipher_spec and early data. */
    static byte[] firstFlight(SSLEngine client) throws Exception {
        client.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        while (client.getHandshakeStatus() == javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            client.wrap(ByteBuffer.allocate(0), out);
        }
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    /** Feeds {@code flight} to a server engine, running its tasks. */
    static void deliver(SSLEngine server, byte[] flight) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(flight);
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        while (in.hasRemaining()) {
            javax.net.ssl.SSLEngineResult r = server.unwrap(in, app);
            Runnable t;
            while ((t = server.getDelegatedTask()) != null) {
                t.run();
            }
            if (r.bytesConsumed() == 0 && server.getHandshakeStatus() != javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_TASK) {
                break;
            }
        }
    }

    @Test
    void replayedFirstFlightDeliversNoEarlyData() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 4096, null);
        byte[] request = "POST /transfer".getBytes(StandardCharsets.US_ASCII);
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        ((EarlyDataEngine) c).setEarlyData(ByteBuffer.wrap(request));
        byte[] flight = firstFlight(c);

        SSLEngine s1 = server.ctx.createSSLEngine();
        s1.setUseClientMode(false);
        ((EarlyDataEngine) s1).setEarlyDataEnabled(4096);
        deliver(s1, flight);
        assertEquals(EarlyDataEngine.EarlyDataStatus.ACCEPTED, ((EarlyDataEngine) s1).earlyDataStatus());
        assertEquals(request.length, ((EarlyDataEngine) s1).readEarlyData().remaining());

        // The attacker replays the same bytes to a fresh server engine of the same server.
        SSLEngine s2 = server.ctx.createSSLEngine();
        s2.setUseClientMode(false);
        ((EarlyDataEngine) s2).setEarlyDataEnabled(4096);
        deliver(s2, flight);
        assertEquals(EarlyDataEngine.EarlyDataStatus.REJECTED, ((EarlyDataEngine) s2).earlyDataStatus());
        assertFalse(((EarlyDataEngine) s2).readEarlyData().hasRemaining(), "replayed early data must not be delivered");
        // The replayed handshake goes on 1-RTT (the server answered), but the attacker cannot finish it.
        assertEquals(javax.net.ssl.SSLEngineResult.HandshakeStatus.NEED_WRAP, s2.getHandshakeStatus());
    }

    @Test
    void earlyDataBeyondTheTicketLimitIsUnexpectedMessage() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 4096, null); // the server's ticket says max_early_data_size 4096
        // A client that ignores the limit: its copy of the ticket claims more.
        rewriteTicket(client, t -> new dev.customtls.core.session.ClientTicket(t.ticket(), t.psk(), t.lifetimeSeconds(),
                t.ageAdd(), t.receivedAtMillis(), 1 << 20, t.cipherSuite(), t.sessionId(), t.sessionCreationTime(),
                t.peerCertificates(), t.localCertificates(), t.serverName(), t.applicationProtocol()));
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        ((EarlyDataEngine) c).setEarlyData(ByteBuffer.wrap(new byte[5000]));
        byte[] flight = firstFlight(c);
        SSLEngine s = server.ctx.createSSLEngine();
        s.setUseClientMode(false);
        ((EarlyDataEngine) s).setEarlyDataEnabled(4096);
        javax.net.ssl.SSLException e = org.junit.jupiter.api.Assertions.assertThrows(javax.net.ssl.SSLException.class,
                () -> deliver(s, flight));
        assertTrue(e.getMessage().contains("max_early_data_size"), e.getMessage());
        // The server's flight, then its (protected) alert; then the engine is closed.
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < 10 && !s.isOutboundDone(); i++) {
            s.wrap(ByteBuffer.allocate(0), out);
        }
        assertTrue(s.isOutboundDone());
        assertTrue(out.position() > 0);
    }

    @Test
    void invalidatedSessionIsNotResumed() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        EnginePair first = connect(client, server, null, 0, null);
        first.client.getSession().invalidate();
        assertFalse(first.client.getSession().isValid());
        connect(client, server, null, 0, null);
        assertEquals(2, client.tm.serverChecks.get(), "an invalidated session's tickets are forgotten");
    }

    @Test
    void unmodifiedEnginesNeverUseEarlyData() throws Exception {
        Side client = new Side("Custom");
        Side server = new Side("Custom");
        connect(client, server, null, 0, null);
        EnginePair second = connect(client, server, null, 0, null);
        assertEquals(EarlyDataEngine.EarlyDataStatus.NOT_ATTEMPTED, ((EarlyDataEngine) second.client).earlyDataStatus());
        assertEquals(EarlyDataEngine.EarlyDataStatus.NOT_ATTEMPTED, ((EarlyDataEngine) second.server).earlyDataStatus());
    }
}
