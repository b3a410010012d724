package dev.customtls.jsse;

import dev.customtls.pki.TestPki;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Handshakes as JDK Flight Recorder events ({@value HandshakeEvent#NAME}, SunJSSE's {@code jdk.TLSHandshake} with
 * duration, side, group, resumption and failures) and as SunJSSE's {@code jdk.event.security} log line.
 */
@Isolated("adds a handler to the jdk.event.security logger")
class HandshakeEventTest {
    private static final TestPki PKI = TestPki.create("Event CA");
    private static final TestPki.Credential SERVER = PKI.issue(TestPki.KeyType.EC_P256, "localhost");
    private static final TestPki.Credential CLIENT = PKI.issue(TestPki.KeyType.EC_P256, "client");

    private static SSLContext context(TestPki.Credential keys, KeyStore trust) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", new CustomProvider());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(keys.toKeyStore("k"), TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void handshake(SSLContext clientCtx, SSLContext serverCtx, String protocol, boolean clientAuth)
            throws SSLException {
        SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverCtx.createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(clientAuth);
        new EnginePair(client, server).handshake();
    }

    private static List<RecordedEvent> recorded(Recording r) throws Exception {
        Path file = Files.createTempFile("handshakes", ".jfr");
        try {
            r.dump(file);
            List<RecordedEvent> out = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().equals(HandshakeEvent.NAME)) {
                    out.add(e);
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static RecordedEvent only(List<RecordedEvent> events, String role) {
        List<RecordedEvent> of = events.stream().filter(e -> role.equals(e.getString("role"))).toList();
        assertEquals(1, of.size(), role + " events: " + events);
        return of.get(0);
    }

    @Test
    void completedAndFailedHandshakesAreRecorded() throws Exception {
        SSLContext serverCtx = context(SERVER, PKI.trustStore());
        SSLContext clientCtx = context(CLIENT, PKI.trustStore());
        try (Recording r = new Recording()) {
            r.enable(HandshakeEvent.NAME).withThreshold(Duration.ZERO);
            r.start();
            handshake(clientCtx, serverCtx, "TLSv1.3", true);
            r.stop();
            List<RecordedEvent> events = recorded(r);
            RecordedEvent client = only(events, "client");
            RecordedEvent server = only(events, "server");
            for (RecordedEvent e : events) {
                assertEquals("TLSv1.3", e.getString("protocolVersion"));
                assertEquals("TLS_AES_128_GCM_SHA256", e.getString("cipherSuite"));
                assertEquals("x25519", e.getString("namedGroup"));
                assertFalse(e.getBoolean("resumed"));
                assertNull(e.getString("failure"));
                assertFalse(e.getDuration().isNegative());
            }
            assertEquals("localhost", client.getString("peerHost"));
            assertEquals(443, client.getInt("peerPort"));
            assertEquals(Integer.toUnsignedLong(SERVER.certificate().hashCode()), client.getLong("certificateId"));
            assertEquals(Integer.toUnsignedLong(CLIENT.certificate().hashCode()), server.getLong("certificateId"));
        }
        try (Recording r = new Recording()) {
            r.enable(HandshakeEvent.NAME).withThreshold(Duration.ZERO);
            r.start();
            // The client trusts another CA: it fails on the server's certificate, the server on the client's alert.
            SSLContext distrusting = context(CLIENT, TestPki.create("Other CA").trustStore());
            SSLEngine client = distrusting.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
            SSLEngine server = serverCtx.createSSLEngine();
            server.setUseClientMode(false);
            assertThrows(SSLException.class, () -> new EnginePair(client, server).handshake());
            // The client's alert reaches the server, which fails on it.
            java.nio.ByteBuffer alert = java.nio.ByteBuffer.allocate(1 << 15);
            client.wrap(java.nio.ByteBuffer.allocate(0), alert);
            alert.flip();
            assertThrows(SSLException.class, () -> server.unwrap(alert, java.nio.ByteBuffer.allocate(1 << 17)));
            r.stop();
            List<RecordedEvent> events = recorded(r);
            RecordedEvent clientEvent = only(events, "client");
            assertNotNull(clientEvent.getString("failure"));
            assertTrue(clientEvent.getString("failure").contains("not trusted"), clientEvent.getString("failure"));
            assertEquals("TLSv1.2", clientEvent.getString("protocolVersion"));
            RecordedEvent serverEvent = only(events, "server");
            assertNotNull(serverEvent.getString("failure"), serverEvent.toString());
            assertTrue(serverEvent.getString("failure").contains("certificate_unknown"), serverEvent.getString("failure"));
        }
    }

    @Test
    void resumedHandshakeIsMarked() throws Exception {
        SSLContext serverCtx = context(SERVER, PKI.trustStore());
        SSLContext clientCtx = context(CLIENT, PKI.trustStore());
        try (Recording r = new Recording()) {
            r.enable(HandshakeEvent.NAME).withThreshold(Duration.ZERO);
            r.start();
            handshake(clientCtx, serverCtx, "TLSv1.2", false);
            handshake(clientCtx, serverCtx, "TLSv1.2", false);
            r.stop();
            List<RecordedEvent> events = recorded(r);
            assertEquals(4, events.size(), events.toString());
            assertFalse(events.get(0).getBoolean("resumed"));
            assertTrue(events.get(2).getBoolean("resumed") && events.get(3).getBoolean("resumed"), events.toString());
        }
    }

    @Test
    void nothingWithoutARecording() throws Exception {
        // No recording is running: the engine opens no event (checked through a recording started afterwards).
        SSLContext serverCtx = context(SERVER, PKI.trustStore());
        SSLContext clientCtx = context(CLIENT, PKI.trustStore());
        handshake(clientCtx, serverCtx, "TLSv1.3", false);
        try (Recording r = new Recording()) {
            r.enable(HandshakeEvent.NAME).withThreshold(Duration.ZERO);
            r.start();
            r.stop();
            assertEquals(List.of(), recorded(r));
        }
    }

    @Test
    void securityEventLogLineAsSunJsse() throws Exception {
        Logger log = Logger.getLogger("jdk.event.security");
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = log.getLevel();
        log.setLevel(Level.FINE);
        log.addHandler(handler);
        try {
            handshake(context(CLIENT, PKI.trustStore()), context(SERVER, PKI.trustStore()), "TLSv1.3", false);
        } finally {
            log.removeHandler(handler);
            log.setLevel(before);
        }
        String id = Long.toString(Integer.toUnsignedLong(SERVER.certificate().hashCode()));
        assertTrue(lines.contains("TLSHandshake: localhost:443, TLSv1.3, TLS_AES_128_GCM_SHA256, " + id), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("TLSHandshake: null:-1, TLSv1.3, ")), lines.toString());
    }
}
