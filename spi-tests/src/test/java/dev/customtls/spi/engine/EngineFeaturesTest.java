package dev.customtls.spi.engine;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.EnginePair;
import dev.customtls.spi.support.IssuerRecordingKeyManager;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS features reachable through JSSE, for every (client, server) provider pair: ALPN (RFC 7301), SNI
 * (RFC 6066 section 3), client authentication (RFC 8446 section 4.3.2), endpoint identification and
 * untrusted chains (RFC 8446 section 4.4.2.4). KeyUpdate cannot be triggered through JSSE; the OpenSSL
 * interop tests cover it.
 */
@Timeout(60)
class EngineFeaturesTest {

    private static final String SNI_NAME = "www.example.com";

    static Stream<Arguments> pairs() {
        return Providers.pairs().stream().map(p -> Arguments.of(p.get(0), p.get(1)));
    }

    private static EnginePair handshake(EngineBuilder client, EngineBuilder server) {
        EnginePair pair = new EnginePair(client.build(), server.build());
        pair.handshake();
        return pair;
    }

    /** Both sides end with {@link SSLHandshakeException}s (the expected failure of a handshake). */
    private static EnginePair.Outcome failedHandshake(EngineBuilder client, EngineBuilder server) {
        EnginePair pair = new EnginePair(client.build(), server.build());
        EnginePair.Outcome outcome = pair.handshakeOutcome();
        assertNotNull(outcome.clientFailure(), "client must fail; " + pair.state());
        assertNotNull(outcome.serverFailure(), "server must fail; " + pair.state());
        return outcome;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void alpnNegotiatesServerPreference(String c, String s) {
        EnginePair pair = handshake(
                EngineBuilder.client(c).parameters(p -> p.setApplicationProtocols(new String[] {"h2", "http/1.1"})),
                EngineBuilder.server(s).parameters(p -> p.setApplicationProtocols(new String[] {"http/1.1"})));
        assertEquals("http/1.1", pair.client().engine().getApplicationProtocol());
        assertEquals("http/1.1", pair.server().engine().getApplicationProtocol());
        pair.exchange(100);
        pair.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void alpnSelectorSeesClientListAndDecides(String c, String s) {
        AtomicReference<List<String>> offered = new AtomicReference<>();
        SSLEngine server = EngineBuilder.server(s).build();
        server.setHandshakeApplicationProtocolSelector((engine, protocols) -> {
            offered.set(List.copyOf(protocols));
            return "h2";
        });
        SSLEngine client = EngineBuilder.client(c)
                .parameters(p -> p.setApplicationProtocols(new String[] {"http/1.1", "h2"})).build();
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        assertEquals(List.of("http/1.1", "h2"), offered.get(), "protocols offered to the selector");
        assertEquals("h2", client.getApplicationProtocol());
        assertEquals("h2", server.getApplicationProtocol());
        pair.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void alpnAbsentGivesEmptyProtocol(String c, String s) {
        EnginePair pair = handshake(EngineBuilder.client(c), EngineBuilder.server(s));
        assertEquals("", pair.client().engine().getApplicationProtocol());
        assertEquals("", pair.server().engine().getApplicationProtocol());
        pair.close();
    }

    /** RFC 7301 section 3.2: no common protocol is a fatal no_application_protocol alert. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void alpnWithoutOverlapFailsBothSides(String c, String s) {
        EnginePair.Outcome o = failedHandshake(
                EngineBuilder.client(c).parameters(p -> p.setApplicationProtocols(new String[] {"h2"})),
                EngineBuilder.server(s).parameters(p -> p.setApplicationProtocols(new String[] {"http/1.1"})));
        assertInstanceOf(SSLHandshakeException.class, o.serverFailure());
        assertInstanceOf(SSLHandshakeException.class, o.clientFailure());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void sniReachesServerMatcherAndSession(String c, String s) {
        List<SNIServerName> seen = new ArrayList<>();
        SNIMatcher matcher = new SNIMatcher(0) {
            @Override
            public boolean matches(SNIServerName name) {
                seen.add(name);
                return true;
            }
        };
        EnginePair pair = handshake(
                EngineBuilder.client(c).parameters(p -> p.setServerNames(List.of(new SNIHostName(SNI_NAME)))),
                EngineBuilder.server(s).parameters(p -> p.setSNIMatchers(List.of(matcher))));
        assertEquals(List.of(new SNIHostName(SNI_NAME)), seen, "names passed to the server's SNIMatcher");
        ExtendedSSLSession session = (ExtendedSSLSession) pair.server().engine().getSession();
        assertEquals(List.of(new SNIHostName(SNI_NAME)), session.getRequestedServerNames());
        pair.close();
    }

    /** RFC 6066 section 3: a server that does not recognise the name may abort with unrecognized_name. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void sniRejectedByMatcherFailsBothSides(String c, String s) {
        SNIMatcher rejectAll = new SNIMatcher(0) {
            @Override
            public boolean matches(SNIServerName name) {
                return false;
            }
        };
        EnginePair.Outcome o = failedHandshake(
                EngineBuilder.client(c).parameters(p -> p.setServerNames(List.of(new SNIHostName(SNI_NAME)))),
                EngineBuilder.server(s).parameters(p -> p.setSNIMatchers(List.of(rejectAll))));
        assertInstanceOf(SSLHandshakeException.class, o.serverFailure());
        assertInstanceOf(SSLHandshakeException.class, o.clientFailure());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void clientAuthNeededAndPresent(String c, String s) throws SSLPeerUnverifiedException {
        TestCredentials creds = TestCredentials.shared();
        EnginePair pair = handshake(
                EngineBuilder.client(c).keyManagers(creds.clientKeyManagers()),
                EngineBuilder.server(s).parameters(p -> p.setNeedClientAuth(true)));
        assertEquals(creds.client().certificate(), pair.server().engine().getSession().getPeerCertificates()[0]);
        assertEquals(creds.client().certificate(), pair.client().engine().getSession().getLocalCertificates()[0]);
        pair.exchange(1024);
        pair.close();
    }

    static Stream<Arguments> pairsAndProtocols() {
        List<Arguments> out = new ArrayList<>();
        for (List<String> p : Providers.pairs()) {
            out.add(Arguments.of(p.get(0), p.get(1), "TLSv1.3"));
            out.add(Arguments.of(p.get(0), p.get(1), "TLSv1.2"));
        }
        return out.stream();
    }

    /**
     * The server names the CAs its trust manager accepts (TLS 1.3 certificate_authorities, RFC 8446 section 4.2.4;
     * the TLS 1.2 CertificateRequest's list, RFC 5246 section 7.4.4), and the client hands them to its key manager,
     * which picks a certificate one of them issued: SunJSSE's behaviour on both sides.
     */
    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @MethodSource("pairsAndProtocols")
    void clientKeyManagerSeesTheCasTheServerAccepts(String c, String s, String protocol) {
        TestCredentials creds = TestCredentials.shared();
        IssuerRecordingKeyManager recording =
                new IssuerRecordingKeyManager((X509ExtendedKeyManager) creds.clientKeyManagers()[0]);
        EnginePair pair = handshake(
                EngineBuilder.client(c).keyManagers(new KeyManager[] {recording}).protocols(protocol),
                EngineBuilder.server(s).protocols("TLSv1.3", "TLSv1.2").parameters(p -> p.setNeedClientAuth(true)));
        assertEquals(protocol, pair.client().engine().getSession().getProtocol());
        assertFalse(recording.issuers().isEmpty(), "the client's key manager was not asked");
        List<Principal> expected = List.of(creds.caCertificate().getSubjectX500Principal());
        for (List<Principal> issuers : recording.issuers()) {
            assertEquals(expected, issuers, "issuers handed to the client's key manager");
        }
        // The CertificateRequest's signature_algorithms reach the key manager through the handshake session.
        for (List<String> algorithms : recording.peerSignatureAlgorithms()) {
            assertNotNull(algorithms, "no handshake session");
            assertTrue(algorithms.contains("SHA256withECDSA") && algorithms.contains("RSASSA-PSS"), algorithms::toString);
        }
        pair.close();
    }

    static Stream<Arguments> servers() {
        return Providers.configured().stream().map(Arguments::of);
    }

    /**
     * A {@code Custom} client with {@code jdk.tls.client.enableCAExtension=true} names its trust manager's CAs in the
     * ClientHello (RFC 8446 section 4.2.4) and the server hands them to its key manager, SunJSSE's as ours; without
     * the property it names none (SunJSSE's default).
     */
    @ParameterizedTest(name = "Custom -> {0}")
    @MethodSource("servers")
    void serverKeyManagerSeesTheCasTheClientNames(String s) {
        TestCredentials creds = TestCredentials.shared();
        for (boolean enabled : new boolean[] {true, false}) {
            IssuerRecordingKeyManager recording = new IssuerRecordingKeyManager(
                    (X509ExtendedKeyManager) creds.serverKeyManagers(KeyType.EC_P256)[0]);
            javax.net.ssl.SSLContext clientContext = Providers.sslContext(Providers.CUSTOM, "TLS", null,
                    creds.trustManagers(), java.util.Map.of("jdk.tls.client.enableCAExtension", Boolean.toString(enabled)));
            SSLEngine client = clientContext.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            EnginePair pair = new EnginePair(client,
                    EngineBuilder.server(s).keyManagers(new KeyManager[] {recording}).build());
            pair.handshake();
            assertFalse(recording.issuers().isEmpty(), "the server's key manager was not asked");
            List<Principal> expected = enabled ? List.of(creds.caCertificate().getSubjectX500Principal()) : null;
            for (List<Principal> issuers : recording.issuers()) {
                assertEquals(expected, issuers, "enableCAExtension=" + enabled);
            }
            pair.close();
        }
    }

    static Stream<Arguments> pairsAndKeyTypes() {
        List<Arguments> out = new ArrayList<>();
        for (List<String> p : Providers.pairs()) {
            for (KeyType t : KeyType.values()) {
                out.add(Arguments.of(p.get(0), p.get(1), t));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}, {2} client certificate")
    @MethodSource("pairsAndKeyTypes")
    void clientAuthWithEachKeyType(String c, String s, KeyType type) throws SSLPeerUnverifiedException {
        TestCredentials creds = TestCredentials.shared();
        EnginePair pair = handshake(
                EngineBuilder.client(c).keyManagers(creds.clientKeyManagers(type)),
                EngineBuilder.server(s).parameters(p -> p.setNeedClientAuth(true)));
        assertEquals(creds.client(type).certificate(), pair.server().engine().getSession().getPeerCertificates()[0]);
        pair.exchange(100);
        pair.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void clientAuthWantedAndPresent(String c, String s) throws SSLPeerUnverifiedException {
        TestCredentials creds = TestCredentials.shared();
        EnginePair pair = handshake(
                EngineBuilder.client(c).keyManagers(creds.clientKeyManagers()),
                EngineBuilder.server(s).parameters(p -> p.setWantClientAuth(true)));
        assertEquals(creds.client().certificate(), pair.server().engine().getSession().getPeerCertificates()[0]);
        pair.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void clientAuthWantedAndMissing(String c, String s) {
        EnginePair pair = handshake(
                EngineBuilder.client(c),
                EngineBuilder.server(s).parameters(p -> p.setWantClientAuth(true)));
        assertThrows(SSLPeerUnverifiedException.class, () -> pair.server().engine().getSession().getPeerCertificates());
        assertNull(pair.client().engine().getSession().getLocalCertificates());
        pair.exchange(1024);
        pair.close();
    }

    /** RFC 8446 section 4.4.2.4: an empty client Certificate when one is required aborts the handshake. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void clientAuthNeededAndMissingFailsBothSides(String c, String s) {
        EnginePair.Outcome o = failedHandshake(
                EngineBuilder.client(c),
                EngineBuilder.server(s).parameters(p -> p.setNeedClientAuth(true)));
        assertInstanceOf(SSLHandshakeException.class, o.serverFailure());
        assertInstanceOf(SSLHandshakeException.class, o.clientFailure());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void hostnameMatchesWithEndpointIdentification(String c, String s) {
        EnginePair pair = handshake(
                EngineBuilder.client(c).parameters(p -> p.setEndpointIdentificationAlgorithm("HTTPS")),
                EngineBuilder.server(s));
        pair.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void hostnameMismatchFailsClient(String c, String s) {
        EnginePair.Outcome o = failedHandshake(
                EngineBuilder.client(c).peer("wrong.example", 443)
                        .parameters(p -> p.setEndpointIdentificationAlgorithm("HTTPS")),
                EngineBuilder.server(s));
        assertInstanceOf(SSLHandshakeException.class, o.clientFailure());
        assertInstanceOf(SSLException.class, o.serverFailure());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void untrustedServerChainFailsClient(String c, String s) {
        EnginePair.Outcome o = failedHandshake(
                EngineBuilder.client(c),
                EngineBuilder.server(s).keyManagers(TestCredentials.shared().foreignServerKeyManagers()));
        assertInstanceOf(SSLHandshakeException.class, o.clientFailure());
        assertInstanceOf(SSLException.class, o.serverFailure());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void untrustedClientChainFailsServer(String c, String s) {
        EnginePair.Outcome o = failedHandshake(
                EngineBuilder.client(c).keyManagers(TestCredentials.shared().foreignClientKeyManagers()),
                EngineBuilder.server(s).parameters(p -> p.setNeedClientAuth(true)));
        assertInstanceOf(SSLHandshakeException.class, o.serverFailure());
        assertInstanceOf(SSLException.class, o.clientFailure());
    }

    /** The negotiated peer identity is visible from both sessions. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void sessionsDescribeThePeers(String c, String s) throws SSLPeerUnverifiedException {
        TestCredentials creds = TestCredentials.shared();
        EnginePair pair = handshake(EngineBuilder.client(c).peer("localhost", 8443), EngineBuilder.server(s));
        assertEquals("localhost", pair.client().engine().getSession().getPeerHost());
        assertEquals(8443, pair.client().engine().getSession().getPeerPort());
        assertArrayEquals(creds.server(KeyType.EC_P256).chain().toArray(),
                pair.client().engine().getSession().getPeerCertificates());
        assertEquals(pair.client().engine().getSession().getCipherSuite(),
                pair.server().engine().getSession().getCipherSuite());
        pair.close();
    }
}
