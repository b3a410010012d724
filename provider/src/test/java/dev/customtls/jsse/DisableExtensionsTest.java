package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.extension.DisabledExtensions;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.ServerHello;
import dev.customtls.pki.TestPki;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SunJSSE's {@code jdk.tls.client.disableExtensions} and {@code jdk.tls.server.disableExtensions} (with
 * {@code jsse.enableSNIExtension} and {@code jdk.tls.client.enableSessionTicketExtension}), read at
 * {@code SSLContext.init}: a client leaves out what it disables (checked in its ClientHello) and does without
 * what the extension was for; a server ignores what it disables in the ClientHello, as if the client had not
 * sent it, and leaves it out of what it sends unasked. Against OpenSSL: {@code DisableExtensionsInteropTest}
 * (spi-tests).
 */
class DisableExtensionsTest {
    private static final String HOST = "www.example.com";
    private static final String CLIENT = "jdk.tls.client.disableExtensions";
    private static final String SERVER = "jdk.tls.server.disableExtensions";

    private static SSLContext custom(Map<String, String> properties) throws Exception {
        return TemporaryProperties.with(properties,
                () -> Tls12EngineTest.context("Custom", "TLS", TestPki.KeyType.EC_P256));
    }

    private static SSLContext sunJsse() throws Exception {
        return Tls12EngineTest.context("SunJSSE", "TLS", TestPki.KeyType.EC_P256);
    }

    private static EnginePair pair(SSLContext client, SSLContext server, String protocol) {
        SSLEngine c = client.createSSLEngine(HOST, 443);
        c.setUseClientMode(true);
        if (protocol != null) {
            c.setEnabledProtocols(new String[] {protocol});
        }
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        return new EnginePair(c, s);
    }

    /** The ClientHello a new client engine of {@code ctx} sends first. */
    private static ClientHello clientHello(SSLContext ctx) throws Exception {
        SSLEngine c = ctx.createSSLEngine(HOST, 443);
        c.setUseClientMode(true);
        return clientHello(ResumptionEngineTest.firstFlight(c));
    }

    private static ClientHello clientHello(byte[] flight) {
        assertEquals(22, flight[0], "a handshake record first");
        assertEquals(1, flight[5], "a ClientHello first");
        int length = (flight[6] & 0xff) << 16 | (flight[7] & 0xff) << 8 | flight[8] & 0xff;
        return ClientHello.decode(new TlsReader(Arrays.copyOfRange(flight, 9, 9 + length)));
    }

    private static boolean exports(EnginePair pair) throws Exception {
        try {
            ((KeyingMaterialExportable) pair.client.getSession()).exportKeyingMaterialData("EXPERIMENTAL-x", null, 8);
            return true;
        } catch (SSLKeyException e) {
            return false;
        }
    }

    @Test
    void namesAreReadAsSunJsseReadsThem() {
        DisabledExtensions d = DisabledExtensions.fromNames(" server_name ,status_request,,no_such_extension,"
                + "application_layer_protocol_negotiation,Session_Ticket");
        assertEquals(List.of("server_name", "status_request", "application_layer_protocol_negotiation"), d.names(),
                "names are case-sensitive; unknown ones are ignored");
        assertTrue(DisabledExtensions.fromNames("").isEmpty());
        assertTrue(DisabledExtensions.fromNames(null).isEmpty());
        assertEquals(DisabledExtensions.of(ExtensionType.RENEGOTIATION_INFO, ExtensionType.SERVER_NAME),
                DisabledExtensions.fromNames("renegotiation_info").with(ExtensionType.SERVER_NAME));
    }

    @Test
    void byDefaultTheClientHelloHasThemAll() throws Exception {
        ClientHello ch = clientHello(custom(Map.of()));
        for (int type : new int[] {ExtensionType.SERVER_NAME, ExtensionType.STATUS_REQUEST,
                ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.SESSION_TICKET, ExtensionType.RENEGOTIATION_INFO,
                ExtensionType.EC_POINT_FORMATS, ExtensionType.PSK_KEY_EXCHANGE_MODES}) {
            assertTrue(ch.extensions().has(type), ExtensionType.name(type));
        }
        assertFalse(ch.cipherSuites().contains(CipherSuite.EMPTY_RENEGOTIATION_INFO_SCSV));
    }

    @Test
    void aClientLeavesOutWhatItDisables() throws Exception {
        // As in java.security or on a command line: the whole value in double quotes, spaces, unknown names.
        SSLContext client = custom(Map.of(CLIENT, "\"status_request, extended_master_secret,session_ticket,"
                + "renegotiation_info,ec_point_formats,signature_algorithms_cert,no_such_extension\""));
        ClientHello ch = clientHello(client);
        for (int type : new int[] {ExtensionType.STATUS_REQUEST, ExtensionType.EXTENDED_MASTER_SECRET,
                ExtensionType.SESSION_TICKET, ExtensionType.RENEGOTIATION_INFO, ExtensionType.EC_POINT_FORMATS,
                ExtensionType.SIGNATURE_ALGORITHMS_CERT}) {
            assertFalse(ch.extensions().has(type), ExtensionType.name(type) + " sent");
        }
        assertTrue(ch.extensions().has(ExtensionType.SERVER_NAME));
        assertTrue(ch.extensions().has(ExtensionType.KEY_SHARE));
        // RFC 5746 section 3.3: without renegotiation_info the signalling suite asks for secure renegotiation.
        assertTrue(ch.cipherSuites().contains(CipherSuite.EMPTY_RENEGOTIATION_INFO_SCSV));

        // Such a client still connects, TLS 1.2 (without the extended master secret) and TLS 1.3, to both servers.
        for (SSLContext server : new SSLContext[] {custom(Map.of()), sunJsse()}) {
            EnginePair tls12 = pair(client, server, "TLSv1.2");
            tls12.handshake();
            assertEquals("TLSv1.2", tls12.client.getSession().getProtocol());
            assertFalse(exports(tls12), "the extended master secret was used");
            assertArrayEquals(new byte[] {1}, tls12.transfer(new byte[] {1}, true));
            EnginePair tls13 = pair(client, server, null);
            tls13.handshake();
            assertEquals("TLSv1.3", tls13.client.getSession().getProtocol());
            assertArrayEquals(new byte[] {2}, tls13.transfer(new byte[] {2}, false));
        }
    }

    @Test
    void sniSwitchedOff() throws Exception {
        SSLContext client = custom(Map.of("jsse.enableSNIExtension", "False"));
        assertFalse(clientHello(client).extensions().has(ExtensionType.SERVER_NAME));
        assertTrue(clientHello(custom(Map.of("jsse.enableSNIExtension", "true"))).extensions()
                .has(ExtensionType.SERVER_NAME));
        for (SSLContext server : new SSLContext[] {custom(Map.of()), sunJsse()}) {
            EnginePair pair = pair(client, server, null);
            pair.handshake();
            assertEquals(List.of(), ((ExtendedSSLSession) pair.server.getSession()).getRequestedServerNames());
        }
        // Names set through SSLParameters are not sent either (as SunJSSE).
        SSLEngine c = client.createSSLEngine(HOST, 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName("other.example.com")));
        c.setSSLParameters(p);
        assertFalse(clientHello(ResumptionEngineTest.firstFlight(c)).extensions().has(ExtensionType.SERVER_NAME));
    }

    @Test
    void sessionTicketSwitchedOff() throws Exception {
        SSLContext client = custom(Map.of("jdk.tls.client.enableSessionTicketExtension", "false"));
        assertFalse(clientHello(client).extensions().has(ExtensionType.SESSION_TICKET));
        // TLS 1.2 resumption then goes by session id.
        SSLContext server = custom(Map.of());
        EnginePair first = pair(client, server, "TLSv1.2");
        first.handshake();
        EnginePair second = pair(client, server, "TLSv1.2");
        second.handshake();
        assertArrayEquals(first.client.getSession().getId(), second.client.getSession().getId(), "not resumed");
    }

    @ParameterizedTest(name = "client disables {0}")
    @ValueSource(strings = {"pre_shared_key", "psk_key_exchange_modes"})
    void aClientWithoutPskDoesNotResume(String extension) throws Exception {
        ResumptionEngineTest.Side client = TemporaryProperties.with(Map.of(CLIENT, extension),
                () -> new ResumptionEngineTest.Side("Custom"));
        ResumptionEngineTest.Side server = new ResumptionEngineTest.Side("Custom");
        ResumptionEngineTest.connect(client, server, null, 0, null);
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        ClientHello second = clientHello(ResumptionEngineTest.firstFlight(c));
        assertFalse(second.extensions().has(ExtensionType.PRE_SHARED_KEY));
        ResumptionEngineTest.connect(client, server, null, 0, null);
        assertEquals(2, client.tm.serverChecks.get(), "a full handshake each time");
    }

    @Test
    void aServerIgnoresWhatItDisables() throws Exception {
        SSLContext server = custom(Map.of(SERVER, "server_name,application_layer_protocol_negotiation"));
        for (SSLContext client : new SSLContext[] {custom(Map.of()), sunJsse()}) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                EnginePair pair = pair(client, server, protocol);
                SSLParameters cp = pair.client.getSSLParameters();
                cp.setApplicationProtocols(new String[] {"h2", "http/1.1"});
                pair.client.setSSLParameters(cp);
                SSLParameters sp = pair.server.getSSLParameters();
                sp.setApplicationProtocols(new String[] {"h2"});
                pair.server.setSSLParameters(sp);
                pair.handshake();
                assertEquals(protocol, pair.server.getSession().getProtocol());
                assertEquals(List.of(), ((ExtendedSSLSession) pair.server.getSession()).getRequestedServerNames());
                assertEquals("", pair.server.getApplicationProtocol());
                assertEquals("", pair.client.getApplicationProtocol());
            }
        }
        // The same pair without the property: SNI and ALPN are used.
        EnginePair plain = pair(custom(Map.of()), custom(Map.of()), null);
        SSLParameters cp = plain.client.getSSLParameters();
        cp.setApplicationProtocols(new String[] {"h2"});
        plain.client.setSSLParameters(cp);
        SSLParameters sp = plain.server.getSSLParameters();
        sp.setApplicationProtocols(new String[] {"h2"});
        plain.server.setSSLParameters(sp);
        plain.handshake();
        assertEquals("h2", plain.server.getApplicationProtocol());
        assertEquals(List.of(new SNIHostName(HOST)),
                ((ExtendedSSLSession) plain.server.getSession()).getRequestedServerNames());
    }

    @Test
    void aServerWithoutTheExtendedMasterSecretUsesTheLegacyOne() throws Exception {
        SSLContext server = custom(Map.of(SERVER, "extended_master_secret"));
        for (SSLContext client : new SSLContext[] {custom(Map.of()), sunJsse()}) {
            EnginePair pair = pair(client, server, "TLSv1.2");
            pair.handshake();
            if (client.getProvider().getName().equals("Custom")) {
                assertFalse(exports(pair), "the client used the extended master secret");
            }
            assertThrows(SSLKeyException.class, () -> ((KeyingMaterialExportable) pair.server.getSession())
                    .exportKeyingMaterialData("EXPERIMENTAL-x", null, 8));
        }
    }

    @ParameterizedTest(name = "server disables {0}")
    @ValueSource(strings = {"pre_shared_key", "psk_key_exchange_modes"})
    void aServerWithoutPskNeitherResumesNorIssuesTickets(String extension) throws Exception {
        ResumptionEngineTest.Side client = new ResumptionEngineTest.Side("Custom");
        ResumptionEngineTest.Side server = TemporaryProperties.with(Map.of(SERVER, extension),
                () -> new ResumptionEngineTest.Side("Custom"));
        ResumptionEngineTest.connect(client, server, null, 0, null);
        // No ticket came, so none is offered.
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        assertFalse(clientHello(ResumptionEngineTest.firstFlight(c)).extensions().has(ExtensionType.PRE_SHARED_KEY));
        ResumptionEngineTest.connect(client, server, null, 0, null);
        assertEquals(2, client.tm.serverChecks.get(), "a full handshake each time");

        // A client holding a ticket (from a server without the property, sharing nothing) is not resumed, and
        // SunJSSE's clients are not either.
        ResumptionEngineTest.Side sun = new ResumptionEngineTest.Side("SunJSSE");
        ResumptionEngineTest.connect(sun, server, null, 0, null);
        ResumptionEngineTest.connect(sun, server, null, 0, null);
        assertEquals(2, sun.tm.serverChecks.get());
    }

    @Test
    void aServerWithoutEarlyDataSkipsItAndTheDataArrivesAfterTheHandshake() throws Exception {
        ResumptionEngineTest.Side client = new ResumptionEngineTest.Side("Custom");
        ResumptionEngineTest.Side server = TemporaryProperties.with(Map.of(SERVER, "early_data"),
                () -> new ResumptionEngineTest.Side("Custom"));
        ResumptionEngineTest.Side earlyServer = new ResumptionEngineTest.Side("Custom");
        // The ticket of a server that takes early data: the client sends early_data and 0-RTT records, which the
        // server that disabled it must skip (not fail on), then the data comes again as 1-RTT.
        ResumptionEngineTest.connect(client, earlyServer, null, 4096, null);
        byte[] request = "GET / early".getBytes(StandardCharsets.US_ASCII);
        EnginePair second = ResumptionEngineTest.connect(client, server, null, 4096, request);
        assertEquals(EarlyDataEngine.EarlyDataStatus.REJECTED, ((EarlyDataEngine) second.client).earlyDataStatus());
        assertArrayEquals(request, second.serverReceived.toByteArray());
        // Its own tickets do not allow early data: the next connection sends none.
        SSLEngine c = client.ctx.createSSLEngine("localhost", 8443);
        c.setUseClientMode(true);
        ((EarlyDataEngine) c).setEarlyData(ByteBuffer.wrap(request));
        ClientHello third = clientHello(ResumptionEngineTest.firstFlight(c));
        assertTrue(third.extensions().has(ExtensionType.PRE_SHARED_KEY), "its ticket is offered");
        assertFalse(third.extensions().has(ExtensionType.EARLY_DATA), "early data with a ticket that allows none");
    }

    @Test
    void aServerWithoutCookieRetriesWithoutOne() throws Exception {
        // A client that sends no key share gets a HelloRetryRequest.
        SSLContext client = custom(Map.of("dev.customtls.keyShares", "none"));
        for (boolean cookie : new boolean[] {true, false}) {
            SSLContext server = custom(cookie ? Map.of() : Map.of(SERVER, "cookie"));
            SSLEngine c = client.createSSLEngine(HOST, 443);
            c.setUseClientMode(true);
            SSLEngine s = server.createSSLEngine();
            s.setUseClientMode(false);
            ResumptionEngineTest.deliver(s, ResumptionEngineTest.firstFlight(c));
            ByteBuffer out = ByteBuffer.allocate(1 << 16);
            s.wrap(ByteBuffer.allocate(0), out);
            byte[] flight = Arrays.copyOf(out.array(), out.position());
            assertEquals(2, flight[5], "a ServerHello");
            int length = (flight[6] & 0xff) << 16 | (flight[7] & 0xff) << 8 | flight[8] & 0xff;
            ServerHello hrr = ServerHello.decode(new TlsReader(Arrays.copyOfRange(flight, 9, 9 + length)));
            assertTrue(hrr.isHelloRetryRequest());
            assertEquals(cookie, hrr.extensions().has(ExtensionType.COOKIE));

            EnginePair pair = pair(client, server, null);
            pair.handshake();
            assertEquals("TLSv1.3", pair.client.getSession().getProtocol());
            assertArrayEquals(new byte[] {3}, pair.transfer(new byte[] {3}, true));
        }
    }

    @Test
    void disabledCertificateAuthoritiesAreNotSent() throws Exception {
        SSLContext on = custom(Map.of("jdk.tls.client.enableCAExtension", "true"));
        assertTrue(clientHello(on).extensions().has(ExtensionType.CERTIFICATE_AUTHORITIES));
        SSLContext off = custom(Map.of("jdk.tls.client.enableCAExtension", "true", CLIENT, "certificate_authorities"));
        assertFalse(clientHello(off).extensions().has(ExtensionType.CERTIFICATE_AUTHORITIES));
        assertNotEquals(clientHello(on).extensions().size(), clientHello(off).extensions().size());
    }
}
