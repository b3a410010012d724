package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The JDK's TLS configuration properties a drop-in provider must honour, read at {@code SSLContext.init}:
 * the security property {@code jdk.tls.disabledAlgorithms} (what it names is never negotiated, even when
 * enabled explicitly), {@code jdk.tls.client.protocols} / {@code jdk.tls.server.protocols} ("TLS" and
 * "Default" contexts), {@code jdk.tls.client.cipherSuites} / {@code jdk.tls.server.cipherSuites}, and an
 * {@code AlgorithmConstraints} set in the engine's {@code SSLParameters}.
 */
@Isolated("sets JVM-wide system and security properties")
class ContextPropertiesTest {
    private static final TestPki PKI = TestPki.create("Properties CA");
    private static final KeyStore SERVER_KEYS = PKI.issue(TestPki.KeyType.EC_P256, "localhost").toKeyStore("key");

    /** Initialises a Custom context of {@code algorithm} with the given system and security properties set. */
    private static SSLContext context(String algorithm, Map<String, String> system, Map<String, String> security)
            throws Exception {
        return context(algorithm, SERVER_KEYS, system, security);
    }

    /**
     * The properties are set around {@code init} only, with the key and trust managers made before, so no
     * other provider (SunJSSE reads them once per JVM) can see the test's values.
     */
    private static SSLContext context(String algorithm, KeyStore keys, Map<String, String> system,
                                      Map<String, String> security) throws Exception {
        SSLContext ctx = SSLContext.getInstance(algorithm, new CustomProvider());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(keys, TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        return TemporaryProperties.with(system, security, () -> {
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        });
    }

    private static SSLContext plain() throws Exception {
        return context("TLS", Map.of(), Map.of());
    }

    private static SSLContext disabling(String value) throws Exception {
        return context("TLS", Map.of(), Map.of(DisabledAlgorithms.PROPERTY, value));
    }

    private static EnginePair pair(SSLContext clientCtx, SSLContext serverCtx) {
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverCtx.createSSLEngine();
        server.setUseClientMode(false);
        return new EnginePair(client, server);
    }

    @Test
    void disabledProtocolIsNeitherDefaultNorNegotiatedWhenEnabledExplicitly() throws Exception {
        SSLContext client = disabling("TLSv1.3");
        assertEquals(List.of("TLSv1.2"), Arrays.asList(client.getDefaultSSLParameters().getProtocols()));
        EnginePair p = pair(client, plain());
        p.client.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.handshake();
        assertEquals("TLSv1.2", p.client.getSession().getProtocol());
        assertEquals("TLSv1.2", p.server.getSession().getProtocol());

        EnginePair only13 = pair(client, plain());
        only13.client.setEnabledProtocols(new String[] {"TLSv1.3"});
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, only13::handshake);
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a message a person can act on");
    }

    @Test
    void disabledSuitesLeaveTheSupportedListAndAreNeverNegotiated() throws Exception {
        SSLContext server = disabling("TLS_RSA_*, TLS_AES_128_GCM_SHA256");
        List<String> supported = Arrays.asList(server.getSupportedSSLParameters().getCipherSuites());
        assertFalse(supported.contains("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(supported.contains("TLS_AES_128_GCM_SHA256"));
        assertTrue(supported.contains("TLS_AES_256_GCM_SHA384"));
        assertFalse(Arrays.asList(server.getDefaultSSLParameters().getCipherSuites()).contains("TLS_AES_128_GCM_SHA256"));

        EnginePair p = pair(plain(), server);
        p.server.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"});
        p.handshake();
        assertEquals("TLS_AES_256_GCM_SHA384", p.server.getSession().getCipherSuite());

        EnginePair none = pair(plain(), server);
        none.server.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        assertThrows(SSLHandshakeException.class, none::handshake);
    }

    @Test
    void disabledGroupIsNotOffered() throws Exception {
        SSLContext x25519Server = context("TLS", Map.of("jdk.tls.namedGroups", "x25519"), Map.of());
        EnginePair ok = pair(plain(), x25519Server);
        ok.handshake();
        EnginePair p = pair(disabling("x25519"), x25519Server);
        assertThrows(SSLHandshakeException.class, p::handshake, "the client offers no x25519 share nor group");
        EnginePair sized = pair(disabling("XDH"), x25519Server);
        assertThrows(SSLHandshakeException.class, sized::handshake);
    }

    @Test
    void disabledSignatureSchemeIsNotUsedForTheHandshakeSignature() throws Exception {
        // An RSA server signs with rsa_pss_rsae_sha256 by default; with it disabled on both sides the next one
        // (rsa_pss_rsae_sha384) is used, and with every RSA scheme disabled there is nothing to sign with.
        KeyStore rsa = PKI.issue(TestPki.KeyType.RSA_2048, "localhost").toKeyStore("key");
        SSLContext server = contextWithKeys(rsa, "rsa_pss_rsae_sha256");
        EnginePair p = pair(disabling("rsa_pss_rsae_sha256 usage HandshakeSignature"), server);
        p.handshake();
        assertEquals("TLSv1.3", p.client.getSession().getProtocol());
        SSLContext noRsa = contextWithKeys(rsa, "RSASSA-PSS, SHA256withRSA, SHA384withRSA, SHA512withRSA");
        EnginePair q = pair(plain(), noRsa);
        assertThrows(SSLHandshakeException.class, q::handshake);
    }

    private static SSLContext contextWithKeys(KeyStore keys, String disabled) throws Exception {
        return context("TLS", keys, Map.of(), Map.of(DisabledAlgorithms.PROPERTY, disabled));
    }

    @Test
    void clientAndServerProtocolPropertiesApplyToTheTlsContextOnly() throws Exception {
        Map<String, String> props = Map.of("jdk.tls.client.protocols", "TLSv1.2", "jdk.tls.server.protocols",
                "TLSv1.3, TLSv1.1");
        SSLContext tls = context("TLS", props, Map.of());
        assertArrayEquals(new String[] {"TLSv1.2"}, tls.getDefaultSSLParameters().getProtocols());
        SSLEngine client = tls.createSSLEngine();
        client.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.2"}, client.getEnabledProtocols());
        SSLEngine server = tls.createSSLEngine();
        server.setUseClientMode(false);
        assertArrayEquals(new String[] {"TLSv1.3"}, server.getEnabledProtocols(), "TLSv1.1 is not ours: ignored");
        // Switching the role of an engine still on the defaults takes the other role's defaults.
        SSLEngine switched = tls.createSSLEngine();
        switched.setUseClientMode(false);
        assertArrayEquals(new String[] {"TLSv1.3"}, switched.getEnabledProtocols());
        switched.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.2"}, switched.getEnabledProtocols());

        SSLContext versioned = context("TLSv1.3", props, Map.of());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, versioned.getDefaultSSLParameters().getProtocols());

        // A client on TLSv1.2 only, against a server on its defaults: TLS 1.2 is negotiated.
        EnginePair p = pair(tls, plain());
        p.handshake();
        assertEquals("TLSv1.2", p.client.getSession().getProtocol());

        assertThrows(java.security.KeyManagementException.class,
                () -> context("TLS", Map.of("jdk.tls.client.protocols", "SSLv3"), Map.of()),
                "a property naming no protocol we support is an error, not silently ignored");
    }

    @Test
    void cipherSuitePropertiesSetTheDefaultsInTheirOrder() throws Exception {
        Map<String, String> props = Map.of(
                "jdk.tls.client.cipherSuites", "TLS_CHACHA20_POLY1305_SHA256, NO_SUCH_SUITE, TLS_AES_256_GCM_SHA384",
                "jdk.tls.server.cipherSuites", "TLS_AES_256_GCM_SHA384");
        SSLContext ctx = context("TLSv1.3", props, Map.of());
        assertArrayEquals(new String[] {"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384"},
                ctx.getDefaultSSLParameters().getCipherSuites());
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384"}, server.getEnabledCipherSuites());
        EnginePair p = pair(ctx, ctx);
        p.handshake();
        assertEquals("TLS_AES_256_GCM_SHA384", p.client.getSession().getCipherSuite());
    }

    @Test
    void signatureSchemePropertiesLimitEachRole() throws Exception {
        // The server's certificate is EC P-256: it signs with ecdsa_secp256r1_sha256 or not at all.
        SSLContext p256Only = context("TLS", Map.of("jdk.tls.server.SignatureSchemes", "ecdsa_secp256r1_sha256"),
                Map.of());
        pair(plain(), p256Only).handshake();
        SSLContext p384Only = context("TLS", Map.of("jdk.tls.server.SignatureSchemes", "ecdsa_secp384r1_sha384"),
                Map.of());
        EnginePair noServerScheme = pair(plain(), p384Only);
        assertThrows(SSLHandshakeException.class, noServerScheme::handshake);
        SSLContext rsaClient = context("TLS", Map.of("jdk.tls.client.SignatureSchemes", "rsa_pss_rsae_sha256"),
                Map.of());
        EnginePair noClientScheme = pair(rsaClient, plain());
        assertThrows(SSLHandshakeException.class, noClientScheme::handshake, "the client accepts no ECDSA signature");
        assertThrows(java.security.KeyManagementException.class,
                () -> context("TLS", Map.of("jdk.tls.client.SignatureSchemes", "no_such_scheme"), Map.of()));
    }

    @Test
    void algorithmConstraintsInTheParametersApplyToProtocolsSuitesAndGroups() throws Exception {
        Set<String> forbidden = Set.of("TLSv1.3", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        AlgorithmConstraints constraints = new AlgorithmConstraints() {
            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
                return !forbidden.contains(algorithm);
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
                return true;
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
                                   AlgorithmParameters parameters) {
                return permits(primitives, algorithm, parameters);
            }
        };
        EnginePair p = pair(plain(), plain());
        SSLParameters params = p.client.getSSLParameters();
        params.setAlgorithmConstraints(constraints);
        p.client.setSSLParameters(params);
        p.handshake();
        assertEquals("TLSv1.2", p.client.getSession().getProtocol());
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", p.client.getSession().getCipherSuite());
    }
}
