package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;

/**
 * The longest certificate chain each role accepts, as SunJSSE (JDK 20+) decides it:
 * {@code jdk.tls.client.maxInboundCertificateChainLength} (the server's chain, default 10) and
 * {@code jdk.tls.server.maxInboundCertificateChainLength} (a client's chain, default 8), each falling back to
 * {@code jdk.tls.maxCertificateChainLength}. A longer chain is bad_certificate before the trust manager sees it.
 */
class InboundChainLengthTest {
    private static final TestPki PKI = TestPki.create("Chain CA");
    private static final TestPki.Credential SERVER = PKI.issue(TestPki.KeyType.EC_P256, "localhost");
    private static final TestPki.Credential CLIENT = PKI.issue(TestPki.KeyType.EC_P256, "client");

    /** A context whose key manager presents {@code credential} with its chain padded to {@code length}. */
    private static SSLContext context(TestPki.Credential credential, int length, Map<String, String> properties)
            throws Exception {
        List<X509Certificate> chain = new ArrayList<>(credential.chain());
        while (chain.size() < length) {
            chain.add(PKI.caCertificate());
        }
        X509Certificate[] padded = chain.toArray(new X509Certificate[0]);
        // A key store would refuse such a chain; a key manager of our own hands it out as it is.
        X509ExtendedKeyManager km = new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return "k";
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return keyType.equals("EC") ? "k" : null;
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {"k"};
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "k";
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return new String[] {"k"};
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return "k";
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return padded.clone();
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return credential.keyPair().getPrivate();
            }
        };
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        SSLContext ctx = SSLContext.getInstance("TLS", new CustomProvider());
        TemporaryProperties.with(properties, () -> {
            ctx.init(new KeyManager[] {km}, tmf.getTrustManagers(), null);
            return null;
        });
        return ctx;
    }

    /** A handshake with client authentication; null, or the exception it ended with. */
    private static SSLException handshake(SSLContext client, SSLContext server, String protocol) {
        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {protocol});
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        s.setNeedClientAuth(true);
        try {
            new EnginePair(c, s).handshake();
            return null;
        } catch (SSLException e) {
            return e;
        }
    }

    private static void assertChainRefused(SSLException e, int limit) {
        assertTrue(e instanceof SSLHandshakeException, String.valueOf(e));
        assertTrue(e.getMessage().contains("exceeds the limit of " + limit), e.getMessage());
    }

    private static void assertNotRefusedForLength(SSLException e) {
        // A padded chain may still fail elsewhere (the trust manager); it must not be the length.
        assertTrue(e == null || !e.getMessage().contains("exceeds the limit"), String.valueOf(e));
    }

    @Test
    void defaultsAreSunJssesTenAndEight() throws Exception {
        assertEquals(10, ContextSettings.inboundChainLength(true));
        assertEquals(8, ContextSettings.inboundChainLength(false));
        SSLContext server = context(SERVER, 2, Map.of());
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            assertNotRefusedForLength(handshake(context(CLIENT, 8, Map.of()), server, protocol));
            assertChainRefused(handshake(context(CLIENT, 9, Map.of()), server, protocol), 8);
            // The client side: ten from the server are accepted, eleven are not.
            SSLContext client = context(CLIENT, 2, Map.of());
            assertNotRefusedForLength(handshake(client, context(SERVER, 10, Map.of()), protocol));
            assertChainRefused(handshake(client, context(SERVER, 11, Map.of()), protocol), 10);
        }
    }

    @Test
    void eachRoleHasItsProperty() throws Exception {
        SSLContext strictServer = context(SERVER, 2, Map.of("jdk.tls.server.maxInboundCertificateChainLength", "3"));
        assertNotRefusedForLength(handshake(context(CLIENT, 3, Map.of()), strictServer, "TLSv1.3"));
        assertChainRefused(handshake(context(CLIENT, 4, Map.of()), strictServer, "TLSv1.3"), 3);
        SSLContext strictClient = context(CLIENT, 2, Map.of("jdk.tls.client.maxInboundCertificateChainLength", "1"));
        assertChainRefused(handshake(strictClient, context(SERVER, 2, Map.of()), "TLSv1.3"), 1);
    }

    @Test
    void theGlobalPropertyAppliesToBothUnlessARolesOwnIsSet() throws Exception {
        Map<String, String> global = Map.of("jdk.tls.maxCertificateChainLength", "12");
        SSLContext server = context(SERVER, 2, global);
        assertNotRefusedForLength(handshake(context(CLIENT, 12, Map.of()), server, "TLSv1.3"));
        assertChainRefused(handshake(context(CLIENT, 13, Map.of()), server, "TLSv1.3"), 12);
        SSLContext both = context(SERVER, 2, Map.of("jdk.tls.maxCertificateChainLength", "12",
                "jdk.tls.server.maxInboundCertificateChainLength", "5"));
        assertChainRefused(handshake(context(CLIENT, 6, Map.of()), both, "TLSv1.3"), 5);
        assertThrows(SSLHandshakeException.class, () -> {
            throw handshake(context(CLIENT, 2, Map.of()), context(SERVER, 2,
                    Map.of("jdk.tls.server.maxInboundCertificateChainLength", "0")), "TLSv1.3");
        }, "0: no client certificate accepted");
    }
}
