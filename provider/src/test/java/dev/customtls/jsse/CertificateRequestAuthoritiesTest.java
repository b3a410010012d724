package dev.customtls.jsse;

import dev.customtls.core.handshake.DistinguishedNames;
import dev.customtls.pki.TestPki;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a server names in its CertificateRequest (RFC 8446 section 4.2.4, RFC 5246 section 7.4.4): its trust
 * manager's CAs, encoded once per answer, and none when they do not fit in the list (a large trust store), which
 * must not fail the handshake. spi-tests' {@code EngineFeaturesTest} checks the names against SunJSSE both ways.
 */
class CertificateRequestAuthoritiesTest {
    private static final TestPki PKI = TestPki.create("Authorities CA");
    private static final TestPki.Credential SERVER = PKI.issue(TestPki.KeyType.EC_P256, "localhost");
    private static final TestPki.Credential CLIENT = PKI.issue(TestPki.KeyType.EC_P256, "client");

    @Test
    void listLimitIsTheVectorOfTwoToTheSixteen() {
        int limit = DistinguishedNames.TLS12_LIST_LIMIT;
        assertEquals(65535, limit);
        assertTrue(DistinguishedNames.fit(List.of(), limit));
        assertTrue(DistinguishedNames.fit(List.of(new byte[65533]), limit));
        assertFalse(DistinguishedNames.fit(List.of(new byte[65534]), limit));
        assertTrue(DistinguishedNames.fit(Collections.nCopies(2, new byte[32765]), limit));
        assertFalse(DistinguishedNames.fit(Collections.nCopies(2, new byte[32766]), limit));
        assertFalse(DistinguishedNames.fit(List.of(new byte[0]), limit), "a name is 1 to 2^16-1 bytes");
        assertFalse(DistinguishedNames.fit(List.of(new byte[65000]), DistinguishedNames.TLS13_LIST_LIMIT),
                "TLS 1.3 leaves room for the request's other extensions");
    }

    @Test
    void namesAreEncodedAgainOnlyWhenTheTrustManagersAnswerChanges() {
        X509Certificate[][] answer = {{PKI.caCertificate()}};
        X509TrustManager tm = trustManager(() -> answer[0].clone());
        AcceptedIssuerNames names = new AcceptedIssuerNames();
        List<byte[]> first = names.of(tm);
        assertArrayEquals(PKI.caCertificate().getSubjectX500Principal().getEncoded(), first.get(0));
        assertSame(first, names.of(tm), "same certificates: the same encoded list");
        TestPki other = TestPki.create("Second CA");
        answer[0] = new X509Certificate[] {PKI.caCertificate(), other.caCertificate()};
        List<byte[]> second = names.of(tm);
        assertEquals(2, second.size());
        assertArrayEquals(other.caCertificate().getSubjectX500Principal().getEncoded(), second.get(1));
        assertEquals(List.of(), new AcceptedIssuerNames().of(trustManager(() -> null)));
    }

    @Test
    void tooManyCasForTheListAreNotNamedAndTheHandshakeGoesOn() throws Exception {
        // 1,000 copies of a CA with a 64-character name: about 80 KB of names, more than the list holds.
        TestPki longName = TestPki.create("N".repeat(64));
        X509Certificate[] many = new X509Certificate[1000];
        Arrays.fill(many, longName.caCertificate());
        many[0] = PKI.caCertificate();
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            List<List<Principal>> seen = handshake(protocol, many);
            assertEquals(Collections.singletonList(null), seen, protocol + ": no names, as when the server sends none");
            List<List<Principal>> few = handshake(protocol, new X509Certificate[] {PKI.caCertificate()});
            assertEquals(List.of(List.of(PKI.caCertificate().getSubjectX500Principal())), few, protocol);
        }
    }

    @Test
    void disabledCertificateAuthoritiesAreNeitherSentNorHeeded() throws Exception {
        X509Certificate[] ca = {PKI.caCertificate()};
        List<List<Principal>> named = List.of(List.of(PKI.caCertificate().getSubjectX500Principal()));
        java.util.Map<String, String> off = java.util.Map.of("jdk.tls.client.disableExtensions", "certificate_authorities");
        java.util.Map<String, String> serverOff = java.util.Map.of("jdk.tls.server.disableExtensions",
                "certificate_authorities");
        // TLS 1.3: the server leaves the extension out of its CertificateRequest; a client ignores it.
        assertEquals(Collections.singletonList(null), handshake("TLSv1.3", ca, java.util.Map.of(), serverOff));
        assertEquals(Collections.singletonList(null), handshake("TLSv1.3", ca, off, java.util.Map.of()));
        // TLS 1.2's list of CAs is part of the message, no extension: it stays.
        assertEquals(named, handshake("TLSv1.2", ca, off, serverOff));
    }

    /** A Custom client and server with client authentication; the server's trust manager names {@code accepted}. */
    private static List<List<Principal>> handshake(String protocol, X509Certificate[] accepted) throws Exception {
        return handshake(protocol, accepted, java.util.Map.of(), java.util.Map.of());
    }

    /** As above, with system properties set while each side's context initialises. */
    private static List<List<Principal>> handshake(String protocol, X509Certificate[] accepted,
            java.util.Map<String, String> clientProperties, java.util.Map<String, String> serverProperties)
            throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        X509TrustManager real = (X509TrustManager) tmf.getTrustManagers()[0];
        X509TrustManager serverTrust = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                real.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                real.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return accepted.clone();
            }
        };
        SSLContext serverCtx = SSLContext.getInstance("TLS", new CustomProvider());
        TemporaryProperties.with(serverProperties, () -> {
            serverCtx.init(keyManagers(SERVER), new TrustManager[] {serverTrust}, null);
            return null;
        });
        List<List<Principal>> seen = new ArrayList<>();
        X509ExtendedKeyManager base = (X509ExtendedKeyManager) keyManagers(CLIENT)[0];
        X509ExtendedKeyManager recording = new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                seen.add(issuers == null ? null : List.of(issuers));
                return base.chooseEngineClientAlias(keyType, issuers, engine);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return base.getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return base.chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return base.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return base.getPrivateKey(alias);
            }
        };
        SSLContext clientCtx = SSLContext.getInstance("TLS", new CustomProvider());
        TemporaryProperties.with(clientProperties, () -> {
            clientCtx.init(new KeyManager[] {recording}, tmf.getTrustManagers(), null);
            return null;
        });
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverCtx.createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        new EnginePair(client, server).handshake();
        assertEquals(protocol, client.getSession().getProtocol());
        assertEquals(CLIENT.certificate(), server.getSession().getPeerCertificates()[0]);
        return seen;
    }

    private static KeyManager[] keyManagers(TestPki.Credential c) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(c.toKeyStore("k"), TestPki.PASSWORD);
        return kmf.getKeyManagers();
    }

    private static X509TrustManager trustManager(java.util.function.Supplier<X509Certificate[]> issuers) {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return issuers.get();
            }
        };
    }
}
