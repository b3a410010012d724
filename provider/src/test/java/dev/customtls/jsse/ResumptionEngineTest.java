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

    /** Counts the client's trust decisions: a resumed handshake makes none. */
    static final class CountingTrustManager extends X509ExtendedTrustManager {
        final X509ExtendedTrustManager delegate;
        final AtomicInteger serverChecks = new AtomicInteger();

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
}
