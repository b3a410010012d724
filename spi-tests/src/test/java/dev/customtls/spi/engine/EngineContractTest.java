package dev.customtls.spi.engine;

import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.EnginePair;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.RecordingTrustManager;
import dev.customtls.spi.support.TestCredentials;
import dev.customtls.spi.support.TestData;
import dev.customtls.spi.support.TlsWire;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link SSLEngine} contract, as SunJSSE implements it, for each provider under test. The engine under
 * test plays the role named in the cell; its peer is SunJSSE (the reference), so a divergence points at the
 * engine under test.
 */
@Timeout(60)
class EngineContractTest {

    enum Role { CLIENT, SERVER }

    static Stream<String> providers() {
        return Providers.configured().stream();
    }

    static Stream<Arguments> providersAndRoles() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.configured()) {
            for (Role r : Role.values()) {
                out.add(Arguments.of(p, r));
            }
        }
        return out.stream();
    }

    private static EngineBuilder clientOf(String provider, Role role) {
        return EngineBuilder.client(role == Role.CLIENT ? provider : Providers.SUN_JSSE);
    }

    private static EngineBuilder serverOf(String provider, Role role) {
        return EngineBuilder.server(role == Role.SERVER ? provider : Providers.SUN_JSSE);
    }

    /** A pair in which {@code provider} plays {@code role} and SunJSSE the other side. */
    private static EnginePair pair(String provider, Role role) {
        return new EnginePair(clientOf(provider, role).build(), serverOf(provider, role).build());
    }

    private static EnginePair.Side underTest(EnginePair pair, Role role) {
        return role == Role.CLIENT ? pair.client() : pair.server();
    }

    private static EnginePair.Side peer(EnginePair pair, Role role) {
        return role == Role.CLIENT ? pair.server() : pair.client();
    }

    /** Wraps all of {@code src} (and pending handshake output) into a fresh buffer, in read mode. */
    private static ByteBuffer wrapAll(SSLEngine engine, ByteBuffer src) throws SSLException {
        ByteBuffer out = ByteBuffer.allocate(src.remaining() * 2 + 64 * 1024);
        for (int i = 0; i < 1000; i++) {
            SSLEngineResult r = engine.wrap(src, out);
            assertTrue(r.getStatus() == Status.OK || r.getStatus() == Status.CLOSED, "wrap status " + r);
            if (!src.hasRemaining() && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                break;
            }
        }
        return out.flip();
    }

    // ---- handshake status sequence and FINISHED ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void handshakeStatusStartsNotHandshakingThenNeedWrapForClient(String provider) throws SSLException {
        SSLEngine client = EngineBuilder.client(provider).build();
        SSLEngine server = EngineBuilder.server(provider).build();
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, client.getHandshakeStatus(), "client before beginHandshake");
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, server.getHandshakeStatus(), "server before beginHandshake");
        client.beginHandshake();
        server.beginHandshake();
        assertEquals(HandshakeStatus.NEED_WRAP, client.getHandshakeStatus(), "client after beginHandshake");
        assertEquals(HandshakeStatus.NEED_UNWRAP, server.getHandshakeStatus(), "server after beginHandshake");

        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        SSLEngineResult r = client.wrap(ByteBuffer.allocate(0), out);
        assertEquals(Status.OK, r.getStatus());
        assertTrue(r.bytesProduced() > 0, "the first wrap produces the ClientHello");
        assertEquals(HandshakeStatus.NEED_UNWRAP, r.getHandshakeStatus(), "client after sending ClientHello");
        assertEquals(TlsWire.CONTENT_HANDSHAKE, out.get(0), "ClientHello record type");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void finishedReportedExactlyOnce(String provider, Role role) {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        EnginePair.Side side = underTest(pair, role);
        long finishedResults = side.results().stream()
                .filter(r -> r.getHandshakeStatus() == HandshakeStatus.FINISHED).count();
        assertTrue(finishedResults >= 1, "FINISHED must be reported");
        pair.exchange(1024);
        pair.close();
        pair.assertFinishedOnce();
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, side.engine().getHandshakeStatus());
    }

    // ---- buffer handling ----

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void bufferOverflowWhenDestinationTooSmall(String provider, Role role) throws SSLException {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        SSLEngine engine = underTest(pair, role).engine();
        SSLEngine other = peer(pair, role).engine();

        ByteBuffer src = ByteBuffer.wrap(TestData.pattern(1000, 3));
        SSLEngineResult r = engine.wrap(src, ByteBuffer.allocate(1));
        assertEquals(Status.BUFFER_OVERFLOW, r.getStatus(), "wrap into 1 byte");
        assertEquals(0, r.bytesConsumed());
        assertEquals(0, r.bytesProduced());
        assertEquals(1000, src.remaining(), "no plaintext consumed on overflow");

        ByteBuffer record = wrapAll(other, ByteBuffer.wrap(TestData.pattern(1000, 4)));
        int recordLength = record.remaining();
        r = engine.unwrap(record, ByteBuffer.allocate(10));
        assertEquals(Status.BUFFER_OVERFLOW, r.getStatus(), "unwrap 1000 bytes into 10");
        assertEquals(0, r.bytesConsumed());
        assertEquals(recordLength, record.remaining(), "record left in place on overflow");

        ByteBuffer dst = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        r = engine.unwrap(record, dst);
        assertEquals(Status.OK, r.getStatus());
        assertEquals(recordLength, r.bytesConsumed());
        assertArrayEquals(TestData.pattern(1000, 4), Arrays.copyOf(dst.array(), dst.position()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void bufferUnderflowWhenFedOneByteAtATime(String provider, Role role) {
        EnginePair pair = pair(provider, role).trickle(1);
        pair.handshake();
        assertTrue(underTest(pair, role).underflows() > 0, "BUFFER_UNDERFLOW expected on partial records");
        pair.exchange(1024);
        pair.close();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void unwrapOfPartialRecordConsumesNothing(String provider, Role role) throws SSLException {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        SSLEngine engine = underTest(pair, role).engine();
        ByteBuffer record = wrapAll(peer(pair, role).engine(), ByteBuffer.wrap(TestData.pattern(100, 5)));
        ByteBuffer dst = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        for (int cut : new int[] {0, 1, 4, 5, record.remaining() - 1}) {
            ByteBuffer partial = record.duplicate();
            partial.limit(cut);
            SSLEngineResult r = engine.unwrap(partial, dst);
            assertEquals(Status.BUFFER_UNDERFLOW, r.getStatus(), "unwrap of " + cut + " bytes");
            assertEquals(0, r.bytesConsumed());
            assertEquals(0, dst.position());
        }
        SSLEngineResult r = engine.unwrap(record, dst);
        assertEquals(Status.OK, r.getStatus());
        assertEquals(100, dst.position());
    }

    // ---- delegated tasks ----

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void delegatedTasksAreOfferedAndNoneAfterHandshake(String provider, Role role) {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        EnginePair.Side side = underTest(pair, role);
        assertTrue(side.tasksRun() > 0, "SunJSSE reports NEED_TASK during the handshake; so must " + provider);
        assertTrue(side.results().stream().anyMatch(r -> r.getHandshakeStatus() == HandshakeStatus.NEED_TASK),
                "a result with NEED_TASK");
        assertNull(side.engine().getDelegatedTask(), "no task after the handshake");
        pair.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void needTaskBlocksWrapUntilTasksRun(String provider) throws SSLException {
        SSLEngine client = EngineBuilder.client(Providers.SUN_JSSE).build();
        SSLEngine server = EngineBuilder.server(provider).build();
        client.beginHandshake();
        server.beginHandshake();
        ByteBuffer hello = wrapAll(client, ByteBuffer.allocate(0));
        ByteBuffer dst = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        SSLEngineResult r = server.unwrap(hello, dst);
        assertEquals(Status.OK, r.getStatus());
        assertTrue(r.bytesConsumed() > 0);
        HandshakeStatus hs = server.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_TASK) {
            SSLEngineResult again = server.wrap(ByteBuffer.allocate(0),
                    ByteBuffer.allocate(server.getSession().getPacketBufferSize()));
            assertEquals(0, again.bytesProduced(), "wrap must not produce while a task is pending");
            assertEquals(HandshakeStatus.NEED_TASK, again.getHandshakeStatus());
            Runnable task;
            int tasks = 0;
            while ((task = server.getDelegatedTask()) != null) {
                task.run();
                tasks++;
            }
            assertTrue(tasks > 0, "NEED_TASK without a task");
        }
        assertEquals(HandshakeStatus.NEED_WRAP, server.getHandshakeStatus(), "server after ClientHello and tasks");
    }

    // ---- closure ----

    /** RFC 8446 section 6.1: closing without the peer's close_notify is a truncation. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void closeInboundWithoutCloseNotifyThrows(String provider, Role role) {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        SSLEngine engine = underTest(pair, role).engine();
        assertThrows(SSLException.class, engine::closeInbound);
        assertTrue(engine.isInboundDone(), "inbound done after closeInbound");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void closeInboundAfterCloseNotifyIsQuiet(String provider, Role role) throws SSLException {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        pair.close(role != Role.CLIENT);
        underTest(pair, role).engine().closeInbound();
    }

    /** RFC 8446 section 6.1: closeOutbound makes wrap emit close_notify and report CLOSED. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void closeOutboundWrapsCloseNotify(String provider, Role role) throws SSLException {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        SSLEngine engine = underTest(pair, role).engine();
        SSLEngine other = peer(pair, role).engine();

        engine.closeOutbound();
        assertEquals(HandshakeStatus.NEED_WRAP, engine.getHandshakeStatus(), "after closeOutbound");
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(ByteBuffer.wrap(new byte[10]), net);
        assertEquals(Status.CLOSED, r.getStatus(), "wrap after closeOutbound");
        assertEquals(0, r.bytesConsumed(), "no application data after closeOutbound");
        assertTrue(r.bytesProduced() > 0, "close_notify produced");
        assertTrue(engine.isOutboundDone());
        r = engine.wrap(ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(net.capacity()));
        assertEquals(Status.CLOSED, r.getStatus(), "wrap once closed");
        assertEquals(0, r.bytesProduced());

        net.flip();
        ByteBuffer dst = ByteBuffer.allocate(other.getSession().getApplicationBufferSize());
        r = other.unwrap(net, dst);
        assertEquals(Status.CLOSED, r.getStatus(), "peer unwrapping close_notify");
        assertTrue(other.isInboundDone(), "peer inbound done");

        other.closeOutbound();
        ByteBuffer back = wrapAll(other, ByteBuffer.allocate(0));
        r = engine.unwrap(back, ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()));
        assertEquals(Status.CLOSED, r.getStatus(), "unwrapping the peer's close_notify");
        assertTrue(engine.isInboundDone());
        assertTrue(engine.isOutboundDone());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void simultaneousCloseCompletes(String provider, Role role) {
        EnginePair pair = pair(provider, role);
        pair.handshake();
        pair.exchange(16 * 1024 + 1);
        pair.closeSimultaneously();
    }

    // ---- sessions ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void sessionBeforeHandshakeIsTheNullSession(String provider) {
        for (SSLEngine engine : List.of(EngineBuilder.client(provider).build(), EngineBuilder.server(provider).build())) {
            SSLSession s = engine.getSession();
            assertEquals("SSL_NULL_WITH_NULL_NULL", s.getCipherSuite());
            assertEquals("NONE", s.getProtocol());
            assertTrue(s.getPacketBufferSize() > 0 && s.getApplicationBufferSize() > 0, "buffer sizes");
            assertNull(engine.getHandshakeSession(), "no handshake session before the handshake");
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("providersAndRoles")
    void handshakeSessionDuringTrustManagerCallback(String provider, Role role) {
        TestCredentials creds = TestCredentials.shared();
        RecordingTrustManager recorder = new RecordingTrustManager(creds.trustManager());
        TrustManager[] tms = {recorder};
        EngineBuilder client = clientOf(provider, role).peer("localhost", 4433);
        EngineBuilder server = serverOf(provider, role);
        if (role == Role.CLIENT) {
            client.trustManagers(tms);
        } else {
            client.keyManagers(creds.clientKeyManagers());
            server.trustManagers(tms).parameters(p -> p.setNeedClientAuth(true));
        }
        EnginePair pair = new EnginePair(client.build(), server.build());
        pair.handshake();
        assertEquals(1, recorder.engineCalls(), "engine callback of the trust manager");
        SSLSession hs = recorder.handshakeSession();
        assertInstanceOf(ExtendedSSLSession.class, hs, "getHandshakeSession() in the trust manager callback");
        assertEquals("TLSv1.3", hs.getProtocol());
        assertNotEquals("SSL_NULL_WITH_NULL_NULL", hs.getCipherSuite());
        if (role == Role.CLIENT) {
            assertEquals("localhost", hs.getPeerHost());
            assertEquals(4433, hs.getPeerPort());
            assertEquals("UNKNOWN", recorder.authType(), "TLS 1.3 auth type");
        }
        assertNull(underTest(pair, role).engine().getHandshakeSession(), "no handshake session afterwards");
        pair.close();
    }

    // ---- configuration ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void enabledAndSupportedProtocolsAndSuites(String provider) throws NoSuchAlgorithmException {
        SSLContext ctx = Providers.sslContext(provider, null, TestCredentials.shared().trustManagers());
        SSLEngine engine = ctx.createSSLEngine();
        List<String> supportedProtocols = List.of(engine.getSupportedProtocols());
        List<String> enabledProtocols = List.of(engine.getEnabledProtocols());
        assertTrue(supportedProtocols.containsAll(List.of("TLSv1.3", "TLSv1.2")), "supported " + supportedProtocols);
        assertTrue(enabledProtocols.containsAll(List.of("TLSv1.3", "TLSv1.2")), "enabled " + enabledProtocols);
        assertTrue(supportedProtocols.containsAll(enabledProtocols), "enabled protocols are supported");
        List<String> supportedSuites = List.of(engine.getSupportedCipherSuites());
        List<String> enabledSuites = List.of(engine.getEnabledCipherSuites());
        List<String> tls13 = EngineMatrixTest.SUITES;
        assertTrue(supportedSuites.containsAll(tls13), "supported " + supportedSuites);
        assertTrue(enabledSuites.containsAll(tls13), "enabled " + enabledSuites);
        assertTrue(supportedSuites.containsAll(enabledSuites), "enabled suites are supported");
        assertTrue(List.of(ctx.getSupportedSSLParameters().getCipherSuites()).containsAll(enabledSuites));
        assertTrue(List.of(ctx.getDefaultSSLParameters().getProtocols()).contains("TLSv1.3"));

        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        assertArrayEquals(new String[] {"TLSv1.3"}, engine.getEnabledProtocols());
        engine.setEnabledCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384"});
        assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384"}, engine.getEnabledCipherSuites());
        SSLParameters p = engine.getSSLParameters();
        assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384"}, p.getCipherSuites());
        assertArrayEquals(new String[] {"TLSv1.3"}, p.getProtocols());

        SSLContext tls13Context = Providers.sslContext(provider, "TLSv1.3", null,
                TestCredentials.shared().trustManagers(), java.util.Map.of());
        assertEquals("TLSv1.3", tls13Context.getProtocol());
        assertTrue(List.of(tls13Context.createSSLEngine().getEnabledProtocols()).contains("TLSv1.3"));

        SSLContext defaultContext = SSLContext.getInstance("Default", Providers.require(provider));
        SSLEngine fromDefault = defaultContext.createSSLEngine("localhost", 443);
        assertTrue(List.of(fromDefault.getEnabledProtocols()).contains("TLSv1.3"), "Default context is usable");
    }

    /**
     * A client engine made for a host name reports the SNI name it will send in its parameters (SunJSSE's
     * behaviour, which code that edits the parameters relies on); an unqualified name or an address gives none.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void clientParametersNameTheSniHostOfThePeer(String provider) {
        SSLContext ctx = Providers.sslContext(provider, null, TestCredentials.shared().trustManagers());
        SSLEngine named = ctx.createSSLEngine("www.example.com", 443);
        named.setUseClientMode(true);
        assertEquals(List.of(new javax.net.ssl.SNIHostName("www.example.com")), named.getSSLParameters().getServerNames());
        // Set back unchanged, they keep naming it; an explicit list replaces it.
        named.setSSLParameters(named.getSSLParameters());
        assertEquals(List.of(new javax.net.ssl.SNIHostName("www.example.com")), named.getSSLParameters().getServerNames());
        SSLParameters other = named.getSSLParameters();
        other.setServerNames(List.of(new javax.net.ssl.SNIHostName("other.example.com")));
        named.setSSLParameters(other);
        assertEquals(List.of(new javax.net.ssl.SNIHostName("other.example.com")), named.getSSLParameters().getServerNames());
        for (String host : new String[] {"localhost", "192.0.2.1"}) {
            SSLEngine e = ctx.createSSLEngine(host, 443);
            e.setUseClientMode(true);
            List<javax.net.ssl.SNIServerName> names = e.getSSLParameters().getServerNames();
            assertTrue(names == null || names.isEmpty(), host + ": " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void unknownSuiteOrProtocolIsIllegalArgument(String provider) {
        SSLEngine engine = EngineBuilder.client(provider).build();
        assertThrows(IllegalArgumentException.class,
                () -> engine.setEnabledCipherSuites(new String[] {"TLS_NO_SUCH_SUITE_SHA256"}));
        assertThrows(IllegalArgumentException.class, () -> engine.setEnabledProtocols(new String[] {"TLSv9.9"}));
        SSLParameters bad = engine.getSSLParameters();
        bad.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_NO_SUCH_SUITE_SHA256"});
        assertThrows(IllegalArgumentException.class, () -> engine.setSSLParameters(bad));
        assertThrows(IllegalArgumentException.class, () -> engine.setEnabledCipherSuites(null));
        assertThrows(IllegalArgumentException.class, () -> engine.setEnabledProtocols(null));
    }

    // ---- malformed input ----

    static Stream<Arguments> garbage() {
        List<Arguments> out = new ArrayList<>();
        byte[] http = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        // A handshake record holding a ClientHello with an empty body.
        byte[] emptyClientHello = {22, 3, 1, 0, 4, 1, 0, 0, 0};
        // A complete ClientHello message whose body ends after legacy_version.
        byte[] truncatedClientHello = {22, 3, 3, 0, 6, 1, 0, 0, 2, 3, 3};
        // An application_data record before any handshake.
        byte[] earlyData = {23, 3, 3, 0, 3, 1, 2, 3};
        for (String p : Providers.configured()) {
            out.add(Arguments.of(p, "HTTP request", http));
            out.add(Arguments.of(p, "empty ClientHello", emptyClientHello));
            out.add(Arguments.of(p, "truncated ClientHello", truncatedClientHello));
            out.add(Arguments.of(p, "application_data first", earlyData));
        }
        return out.stream();
    }

    /**
     * Garbage to a server: unwrap throws (or, when the message is processed in a delegated task as SunJSSE
     * does, the wrap after the task throws), and the next wrap sends a fatal alert and closes.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("garbage")
    void garbageToServerFailsWithFatalAlert(String provider, String what, byte[] bytes) throws SSLException {
        SSLEngine server = EngineBuilder.server(provider).build();
        server.beginHandshake();
        ByteBuffer dst = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        ByteBuffer out = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
        SSLException failure = null;
        try {
            server.unwrap(ByteBuffer.wrap(bytes), dst);
            Runnable task;
            while ((task = server.getDelegatedTask()) != null) {
                task.run();
            }
            server.wrap(ByteBuffer.allocate(0), out);
        } catch (SSLException e) {
            failure = e;
        }
        assertInstanceOf(SSLException.class, failure, "unwrap, or the wrap after the delegated task, must throw");
        for (int i = 0; i < 10 && !server.isOutboundDone(); i++) {
            try {
                server.wrap(ByteBuffer.allocate(0), out);
            } catch (SSLException again) {
                break;
            }
        }
        out.flip();
        List<TlsWire.Record> records = TlsWire.records(Arrays.copyOf(out.array(), out.limit()));
        assertEquals(1, records.size(), "one alert record after the failure");
        assertEquals(TlsWire.CONTENT_ALERT, records.get(0).type(), "record type");
        assertEquals(2, records.get(0).fragment()[0], "alert level fatal");
        assertTrue(server.isOutboundDone(), "outbound done after the fatal alert");
        assertTrue(server.isInboundDone(), "inbound done after the fatal alert");
    }
}
