package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.security.KeyStore;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TLS 1.2 through the engine: Custom against Custom and SunJSSE, every suite, resumption. */
class Tls12EngineTest {

    static SSLContext context(String provider, String protocol, TestPki.KeyType type) throws Exception {
        SSLContext ctx = provider.equals("Custom") ? SSLContext.getInstance(protocol, EngineSmokeTest.CUSTOM)
                : SSLContext.getInstance(protocol, provider);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        KeyStore ks = EngineSmokeTest.PKI.issue(type, "localhost").toKeyStore("key");
        kmf.init(ks, TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(EngineSmokeTest.PKI.trustStore());
        // RSA key exchange is among the suites tested: allowed for Custom on Java 24+ too (SunJSSE there has none).
        RsaKeyExchangeAllowance.during(() -> {
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return null;
        });
        return ctx;
    }

    static EnginePair pair(SSLContext clientCtx, SSLContext serverCtx, String suite) {
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverCtx.createSSLEngine();
        server.setUseClientMode(false);
        if (suite != null) {
            client.setEnabledCipherSuites(new String[] {suite});
            server.setEnabledCipherSuites(new String[] {suite});
        }
        return new EnginePair(client, server);
    }

    @ParameterizedTest
    @CsvSource({
            "Custom,Custom,EC_P256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "Custom,Custom,EC_P256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "Custom,Custom,EC_P384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "Custom,Custom,RSA_2048,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "Custom,Custom,RSA_2048,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "Custom,Custom,RSA_2048,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "Custom,Custom,RSA_2048,TLS_RSA_WITH_AES_128_GCM_SHA256",
            "Custom,Custom,RSA_2048,TLS_RSA_WITH_AES_256_GCM_SHA384",
            "Custom,SunJSSE,EC_P256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "SunJSSE,Custom,EC_P256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "Custom,SunJSSE,EC_P256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "SunJSSE,Custom,EC_P256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "Custom,SunJSSE,RSA_2048,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "SunJSSE,Custom,RSA_2048,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "SunJSSE,Custom,RSA_2048,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    void fullHandshakeAndData(String clientProvider, String serverProvider, TestPki.KeyType type, String suite)
            throws Exception {
        EnginePair pair = pair(context(clientProvider, "TLS", type), context(serverProvider, "TLSv1.2", type), suite);
        pair.client.setEnabledProtocols(new String[] {"TLSv1.2"});
        pair.handshake();
        assertEquals("TLSv1.2", pair.client.getSession().getProtocol());
        assertEquals("TLSv1.2", pair.server.getSession().getProtocol());
        assertEquals(suite, pair.client.getSession().getCipherSuite());
        assertEquals(suite, pair.server.getSession().getCipherSuite());
        byte[] data = new byte[70_000];
        new Random(2).nextBytes(data);
        assertArrayEquals(data, pair.transfer(data, true));
        assertArrayEquals(data, pair.transfer(data, false));
    }

    @Test
    void invalidatedSessionIsNotResumed() throws Exception {
        SSLContext clientCtx = context("Custom", "TLSv1.2", TestPki.KeyType.EC_P256);
        SSLContext serverCtx;
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false"); // resumption by id only
        try {
            serverCtx = context("Custom", "TLSv1.2", TestPki.KeyType.EC_P256);
        } finally {
            System.clearProperty("jdk.tls.server.enableSessionTicketExtension");
        }
        EnginePair first = pair(clientCtx, serverCtx, null);
        first.handshake();
        EnginePair second = pair(clientCtx, serverCtx, null);
        second.handshake();
        assertArrayEquals(first.server.getSession().getId(), second.server.getSession().getId(), "resumed by id");
        second.server.getSession().invalidate();
        EnginePair third = pair(clientCtx, serverCtx, null);
        third.handshake();
        assertFalse(Arrays.equals(first.server.getSession().getId(), third.server.getSession().getId()),
                "an invalidated session is not resumed");
    }

    @Test
    void tls13ClientAgainstTls12OnlyServerNegotiatesTls12() throws Exception {
        EnginePair pair = pair(context("Custom", "TLS", TestPki.KeyType.EC_P256),
                context("SunJSSE", "TLSv1.2", TestPki.KeyType.EC_P256), null);
        pair.server.setEnabledProtocols(new String[] {"TLSv1.2"});
        pair.handshake();
        assertEquals("TLSv1.2", pair.client.getSession().getProtocol());
    }

    @ParameterizedTest
    @CsvSource({"Custom,Custom", "Custom,SunJSSE", "SunJSSE,Custom"})
    void resumptionSkipsCertificates(String clientProvider, String serverProvider) throws Exception {
        SSLContext clientCtx = context(clientProvider, "TLSv1.2", TestPki.KeyType.EC_P256);
        SSLContext serverCtx = context(serverProvider, "TLSv1.2", TestPki.KeyType.EC_P256);
        EnginePair first = pair(clientCtx, serverCtx, null);
        first.handshake();
        byte[] id = first.client.getSession().getId();
        EnginePair second = pair(clientCtx, serverCtx, null);
        second.handshake();
        assertEquals("TLSv1.2", second.client.getSession().getProtocol());
        assertTrue(Arrays.equals(id, second.client.getSession().getId()) || id.length == 0,
                "resumed session keeps its id");
        assertEquals(first.client.getSession().getCipherSuite(), second.client.getSession().getCipherSuite());
        byte[] data = "resumed".getBytes();
        assertArrayEquals(data, second.transfer(data, true));
        assertFalse(second.client.getSession().getPeerCertificates().length == 0);
    }
}
