package dev.customtls.spi.tls12;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.EnginePair;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.RecordingTrustManager;
import dev.customtls.spi.support.TestCredentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 between Custom and SunJSSE in both directions (and Custom with itself): every TLS 1.2 suite with
 * the certificate type it needs, client authentication, ALPN, SNI, resumption by session id and by ticket
 * (the resumed handshake skips the certificate: the trust manager is not called again), and a TLS 1.3
 * client negotiating TLS 1.2 with a TLS 1.2-only server.
 */
@Timeout(60)
class Tls12SunJsseInteropTest {
    private static final List<String> ECDSA_SUITES = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final List<String> RSA_SUITES = List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384");

    /** Client provider, server provider; at least one side is Custom. */
    static List<String[]> pairs() {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {Providers.CUSTOM, Providers.SUN_JSSE});
        out.add(new String[] {Providers.SUN_JSSE, Providers.CUSTOM});
        out.add(new String[] {Providers.CUSTOM, Providers.CUSTOM});
        return out;
    }

    static Stream<Arguments> suites() {
        List<Arguments> out = new ArrayList<>();
        for (String[] p : pairs()) {
            for (String s : ECDSA_SUITES) {
                out.add(Arguments.of(p[0], p[1], s, KeyType.EC_P256));
            }
            for (String s : RSA_SUITES) {
                out.add(Arguments.of(p[0], p[1], s, KeyType.RSA_2048));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> providerPairs() {
        return pairs().stream().map(p -> Arguments.of(p[0], p[1]));
    }

    private static boolean sunJsseSupports(String suite) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLSv1.2", Providers.SUN_JSSE);
            ctx.init(null, null, null);
            return List.of(ctx.getSupportedSSLParameters().getCipherSuites()).contains(suite);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static EngineBuilder client(String provider) {
        return EngineBuilder.client(provider).protocols("TLSv1.2");
    }

    private static EngineBuilder server(String provider, KeyType type) {
        return EngineBuilder.server(provider).protocols("TLSv1.2")
                .keyManagers(TestCredentials.shared().serverKeyManagers(type));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("suites")
    void everySuite(String clientProvider, String serverProvider, String suite, KeyType type) {
        if (clientProvider.equals(Providers.SUN_JSSE) || serverProvider.equals(Providers.SUN_JSSE)) {
            // JDK 24 and later list TLS_RSA_* in jdk.tls.disabledAlgorithms: SunJSSE no longer offers them at all
            Assumptions.assumeTrue(sunJsseSupports(suite), "SunJSSE on Java " + System.getProperty("java.version")
                    + " does not support " + suite + " (jdk.tls.disabledAlgorithms); OpenSSL and GnuTLS cover it");
        }
        RecordingTrustManager tm = new RecordingTrustManager(TestCredentials.shared().trustManager());
        SSLEngine c = client(clientProvider).suites(suite).trustManagers(new TrustManager[] {tm}).build();
        SSLEngine s = server(serverProvider, type).suites(suite).build();
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals("TLSv1.2", c.getSession().getProtocol());
        assertEquals("TLSv1.2", s.getSession().getProtocol());
        assertEquals(suite, c.getSession().getCipherSuite());
        assertEquals(suite, s.getSession().getCipherSuite());
        String kx = suite.startsWith("TLS_RSA_") ? "RSA" : suite.contains("ECDSA") ? "ECDHE_ECDSA" : "ECDHE_RSA";
        assertEquals(kx, tm.authType(), "authType given to the trust manager");
        pair.exchange(40_000);
        pair.close();
    }

    @ParameterizedTest(name = "{0} -> {1}: need client auth, {2}")
    @MethodSource("clientAuthCases")
    void clientAuthentication(String clientProvider, String serverProvider, KeyType clientKey) throws Exception {
        RecordingTrustManager serverTm = new RecordingTrustManager(TestCredentials.shared().trustManager());
        SSLEngine c = client(clientProvider).keyManagers(TestCredentials.shared().clientKeyManagers(clientKey)).build();
        SSLEngine s = server(serverProvider, KeyType.EC_P256).trustManagers(new TrustManager[] {serverTm})
                .parameters(p -> p.setNeedClientAuth(true)).build();
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals("TLSv1.2", s.getSession().getProtocol());
        assertNotNull(s.getSession().getPeerCertificates());
        assertEquals(TestCredentials.shared().client(clientKey).certificate(), s.getSession().getPeerCertificates()[0]);
        assertEquals(1, serverTm.engineCalls());
        pair.exchange(1000);
    }

    static Stream<Arguments> clientAuthCases() {
        List<Arguments> out = new ArrayList<>();
        for (String[] p : pairs()) {
            out.add(Arguments.of(p[0], p[1], KeyType.EC_P256));
            out.add(Arguments.of(p[0], p[1], KeyType.RSA_2048));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: want client auth, client has none")
    @MethodSource("providerPairs")
    void wantedClientAuthenticationWithoutCertificate(String clientProvider, String serverProvider) throws Exception {
        SSLEngine c = client(clientProvider).build();
        SSLEngine s = server(serverProvider, KeyType.EC_P256).parameters(p -> p.setWantClientAuth(true)).build();
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals("TLSv1.2", s.getSession().getProtocol());
        pair.exchange(100);
    }

    @ParameterizedTest(name = "{0} -> {1}: ALPN and SNI")
    @MethodSource("providerPairs")
    void alpnAndSni(String clientProvider, String serverProvider) throws Exception {
        SSLEngine c = client(clientProvider).parameters(p -> {
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            p.setServerNames(List.of(new SNIHostName("localhost")));
        }).build();
        SSLEngine s = server(serverProvider, KeyType.EC_P256)
                .parameters(p -> p.setApplicationProtocols(new String[] {"http/1.1"})).build();
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals("http/1.1", c.getApplicationProtocol());
        assertEquals("http/1.1", s.getApplicationProtocol());
        javax.net.ssl.ExtendedSSLSession hs = (javax.net.ssl.ExtendedSSLSession) s.getSession();
        assertEquals(List.of(new SNIHostName("localhost")), hs.getRequestedServerNames());
    }

    @ParameterizedTest(name = "{0} -> {1}: resumption by ticket")
    @MethodSource("providerPairs")
    void resumptionByTicket(String clientProvider, String serverProvider) throws Exception {
        resume(clientProvider, serverProvider, true);
    }

    @ParameterizedTest(name = "{0} -> {1}: resumption by session id")
    @MethodSource("providerPairs")
    void resumptionBySessionId(String clientProvider, String serverProvider) throws Exception {
        resume(clientProvider, serverProvider, false);
    }

    /** The second handshake resumes: same session id and master secret, and no certificate is checked. */
    private static void resume(String clientProvider, String serverProvider, boolean tickets) throws Exception {
        RecordingTrustManager tm = new RecordingTrustManager(TestCredentials.shared().trustManager());
        SSLContext clientCtx = Providers.sslContext(clientProvider, "TLS", null, new TrustManager[] {tm},
                tickets ? Map.of() : Map.of("jdk.tls.client.enableSessionTicketExtension", "false"));
        SSLContext serverCtx = Providers.sslContext(serverProvider, "TLS",
                TestCredentials.shared().serverKeyManagers(KeyType.EC_P256), TestCredentials.shared().trustManagers(),
                Map.of("jdk.tls.server.enableSessionTicketExtension", Boolean.toString(tickets)));
        EnginePair first = new EnginePair(engine(clientCtx, true), engine(serverCtx, false));
        first.handshake();
        first.exchange(100);
        byte[] id = first.client().engine().getSession().getId();
        assertEquals(1, tm.engineCalls(), "full handshake checks the server certificate");

        EnginePair second = new EnginePair(engine(clientCtx, true), engine(serverCtx, false));
        second.handshake();
        second.exchange(100);
        assertEquals(1, tm.engineCalls(), "the resumed handshake skipped the server certificate");
        assertEquals("TLSv1.2", second.client().engine().getSession().getProtocol());
        assertArrayEquals(first.client().engine().getSession().getPeerCertificates(),
                second.client().engine().getSession().getPeerCertificates());
        if (!tickets) {
            assertArrayEquals(id, second.server().engine().getSession().getId(), "same session id");
        }
    }

    private static SSLEngine engine(SSLContext ctx, boolean client) {
        SSLEngine e = client ? ctx.createSSLEngine(TestCredentials.HOST, 443) : ctx.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        e.setSSLParameters(p);
        return e;
    }

    @ParameterizedTest(name = "Custom TLS 1.3 client -> {0} TLS 1.2-only server")
    @MethodSource("servers")
    void tls13ClientNegotiatesTls12(String serverProvider) {
        SSLEngine c = EngineBuilder.client(Providers.CUSTOM).protocols("TLSv1.3", "TLSv1.2").build();
        SSLEngine s = server(serverProvider, KeyType.EC_P256).build();
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals("TLSv1.2", c.getSession().getProtocol());
        pair.exchange(1000);
    }

    static Stream<String> servers() {
        return Stream.of(Providers.SUN_JSSE, Providers.CUSTOM);
    }

    @ParameterizedTest(name = "{0} TLS 1.3+1.2 client -> Custom server prefers TLS 1.3")
    @MethodSource("servers")
    void bothVersionsPreferTls13(String clientProvider) {
        SSLEngine c = EngineBuilder.client(clientProvider).protocols("TLSv1.3", "TLSv1.2").build();
        SSLEngine s = EngineBuilder.server(Providers.CUSTOM).protocols("TLSv1.3", "TLSv1.2").build();
        EnginePair pair = new EnginePair(c, s);
        pair.handshake();
        assertEquals("TLSv1.3", s.getSession().getProtocol());
        assertTrue(c.getSession().getCipherSuite().startsWith("TLS_AES") || c.getSession().getCipherSuite().startsWith("TLS_CHACHA"));
    }
}
