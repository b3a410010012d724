package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.pki.TestPki;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile peer bytes fed to a {@code Custom} {@link SSLEngine}: for each row, the exact {@link SSLException}
 * subclass (as SunJSSE: {@link SSLHandshakeException} during the handshake, {@link SSLProtocolException}
 * for malformed or unexpected input afterwards), the alert the next {@code wrap} sends (the description
 * byte of a plaintext alert; the outer type and length of a protected one, whose description the
 * exception message names), and an engine closed in both directions. Then the same properties over
 * 2,000 random mutations of genuine first flights.
 */
class EngineMalformedInputTest {
    static final TestPki PKI = TestPki.create("Malformed-input CA");
    static final Provider CUSTOM = new CustomProvider();
    private static final int CONTENT_ALERT = 21;
    private static final int CONTENT_APPLICATION_DATA = 23;
    /** A protected alert: header, level, description, inner content type and a 16-byte tag. */
    private static final int PROTECTED_ALERT_LENGTH = 5 + 2 + 1 + 16;

    private static SSLContext customContext;
    private static SSLContext sunContext;

    static synchronized SSLContext context(boolean custom) throws Exception {
        if (custom && customContext != null) {
            return customContext;
        }
        if (!custom && sunContext != null) {
            return sunContext;
        }
        SSLContext ctx = custom ? SSLContext.getInstance("TLSv1.3", CUSTOM) : SSLContext.getInstance("TLSv1.3", "SunJSSE");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        KeyStore ks = PKI.issue(TestPki.KeyType.EC_P256, "localhost").toKeyStore("key");
        kmf.init(ks, TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        if (custom) {
            customContext = ctx;
        } else {
            sunContext = ctx;
        }
        return ctx;
    }

    static SSLEngine server() throws Exception {
        SSLEngine e = context(true).createSSLEngine();
        e.setUseClientMode(false);
        e.beginHandshake();
        return e;
    }

    static SSLEngine client(boolean custom) throws Exception {
        SSLEngine e = context(custom).createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        e.beginHandshake();
        return e;
    }

    // ---------------------------------------------------------------------------------------------
    // A transport in miniature

    /**
     * Delivers bytes as a transport would: unwrap record by record, run delegated tasks, and wrap whatever
     * the engine wants to send into {@code sent}. Returns the first {@link SSLException} thrown (by unwrap,
     * or by the call after a failed task), or null when all input was consumed or more is needed. Any other
     * throwable escapes and fails the test; so does an engine that stops making progress.
     */
    static SSLException deliver(SSLEngine e, byte[] bytes, ByteArrayOutputStream sent) {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        try {
            for (int i = 0; i < 1000; i++) {
                send(e, sent);
                if (!src.hasRemaining()) {
                    e.unwrap(ByteBuffer.allocate(0), app);
                    send(e, sent);
                    return null;
                }
                SSLEngineResult r = e.unwrap(src, app);
                app.clear();
                runTasks(e);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                        || r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    send(e, sent);
                    e.unwrap(ByteBuffer.allocate(0), app);
                    return null;
                }
            }
        } catch (SSLException ex) {
            return ex;
        }
        throw new AssertionError("The engine stopped making progress: " + e.getHandshakeStatus());
    }

    private static void runTasks(SSLEngine e) {
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
        }
    }

    private static void send(SSLEngine e, ByteArrayOutputStream sent) throws SSLException {
        for (int i = 0; i < 100 && e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
            ByteBuffer out = ByteBuffer.allocate(1 << 17);
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
            sent.write(out.array(), 0, out.position());
            if (r.bytesProduced() == 0) {
                return;
            }
        }
    }

    /** The wrap after a failure: everything still queued, then the alert; the engine is then closed. */
    static byte[] wrapAfterFailure(SSLEngine e) throws SSLException {
        ByteBuffer out = ByteBuffer.allocate(1 << 17);
        SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus(), "wrap after a fatal error");
        ByteBuffer more = ByteBuffer.allocate(1 << 17);
        SSLEngineResult again = e.wrap(ByteBuffer.allocate(0), more);
        assertEquals(0, again.bytesProduced(), "only one alert");
        return Arrays.copyOf(out.array(), out.position());
    }

    record TlsRecord(int type, int version, byte[] fragment) {
    }

    static List<TlsRecord> records(byte[] bytes) {
        List<TlsRecord> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            assertTrue(bytes.length - pos >= 5, "partial record header");
            int len = ((bytes[pos + 3] & 0xff) << 8) | (bytes[pos + 4] & 0xff);
            assertTrue(bytes.length - pos - 5 >= len, "partial record");
            out.add(new TlsRecord(bytes[pos] & 0xff, ((bytes[pos + 1] & 0xff) << 8) | (bytes[pos + 2] & 0xff),
                    Arrays.copyOfRange(bytes, pos + 5, pos + 5 + len)));
            pos += 5 + len;
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------
    // Scenarios: a victim engine brought to some state by genuine traffic, and what it receives next

    /** The victim and the hostile bytes it receives next. */
    record Scenario(SSLEngine victim, byte[] hostile) {
    }

    interface ScenarioFactory {
        Scenario create() throws Exception;
    }

    static ScenarioFactory toServer(byte[] hostile) {
        return () -> new Scenario(server(), hostile);
    }

    /** A fresh server that has answered a valid ClientHello (its flight went out). */
    static ScenarioFactory afterClientHello(byte[] hostile) {
        return () -> {
            SSLEngine s = server();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            assertNull(deliver(s, new RawClientHello().record(), sent));
            assertTrue(sent.size() > 0);
            return new Scenario(s, hostile);
        };
    }

    /** A Custom client that sent its ClientHello, and the server's flight with one bit of its first protected record flipped. */
    static Scenario clientReceivingTamperedServerFlight() throws Exception {
        SSLEngine c = client(true);
        SSLEngine s = server();
        ByteArrayOutputStream ch = new ByteArrayOutputStream();
        send(c, ch);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        assertNull(deliver(s, ch.toByteArray(), flight));
        byte[] f = flight.toByteArray();
        int pos = 0;
        while ((f[pos] & 0xff) != CONTENT_APPLICATION_DATA) {
            pos += 5 + (((f[pos + 3] & 0xff) << 8) | (f[pos + 4] & 0xff));
        }
        f[pos + 5 + 7] ^= 0x01;
        return new Scenario(c, f);
    }

    /** A Custom server that sent its flight to a SunJSSE client, and the client's Finished record with one byte changed. */
    static Scenario serverReceivingTamperedSunJsseFinished() throws Exception {
        SSLEngine c = client(false);
        SSLEngine s = server();
        ByteArrayOutputStream ch = new ByteArrayOutputStream();
        send(c, ch);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        assertNull(deliver(s, ch.toByteArray(), flight));
        ByteArrayOutputStream finished = new ByteArrayOutputStream();
        assertNull(deliver(c, flight.toByteArray(), finished));
        byte[] f = finished.toByteArray();
        List<TlsRecord> recs = records(f);
        assertEquals(CONTENT_APPLICATION_DATA, recs.get(recs.size() - 1).type(), "the Finished is protected");
        f[f.length - 20] ^= 0x40;
        return new Scenario(s, f);
    }

    /** An established Custom pair; the server receives {@code hostile(client)}. */
    static ScenarioFactory afterHandshake(java.util.function.Function<SSLEngine, byte[]> hostile) {
        return () -> {
            SSLEngine c = client(true);
            SSLEngine s = server();
            EnginePair pair = new EnginePair(c, s);
            pair.handshake();
            return new Scenario(s, hostile.apply(c));
        };
    }

    /** One genuine application-data record from the client, with a byte of its ciphertext changed. */
    static byte[] tamperedApplicationRecord(SSLEngine client) {
        try {
            ByteBuffer out = ByteBuffer.allocate(1 << 16);
            client.wrap(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), out);
            byte[] r = Arrays.copyOf(out.array(), out.position());
            r[6] ^= 0x10;
            return r;
        } catch (SSLException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The table

    /**
     * @param exception     the exact exception class
     * @param alert         the alert we send (named in the exception message)
     * @param protectedAlert whether the alert goes out under record protection
     * @param recordsBefore records still queued before the alert (e.g. a ServerHello built but not yet wrapped)
     */
    record Row(String name, ScenarioFactory scenario, Class<? extends SSLException> exception, AlertDescription alert,
               boolean protectedAlert, int recordsBefore) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The exception type SunJSSE's {@code Alert.createSSLException} gives for an alert: unexpected_message is an
     * SSLProtocolException, the "handshake only" alerts an SSLHandshakeException, the rest a plain SSLException.
     */
    static Class<? extends SSLException> sunJsseType(AlertDescription alert) {
        switch (alert) {
            case UNEXPECTED_MESSAGE:
                return SSLProtocolException.class;
            case BAD_RECORD_MAC:
            case RECORD_OVERFLOW:
            case INTERNAL_ERROR:
                return SSLException.class;
            default:
                return SSLHandshakeException.class;
        }
    }

    static Row handshake(String name, ScenarioFactory s, AlertDescription alert) {
        return new Row(name, s, sunJsseType(alert), alert, false, 0);
    }

    static Row handshakeProtected(String name, ScenarioFactory s, AlertDescription alert) {
        return new Row(name, s, sunJsseType(alert), alert, true, 0);
    }

    static RawClientHello ch() {
        return new RawClientHello();
    }

    static byte[] ccs(int value) {
        return RawClientHello.record(20, 0x0303, new byte[] {(byte) value});
    }

    static Stream<Row> rows() {
        byte[] chBody = ch().body();
        byte[] truncatedBody = RawClientHello.record(22, 0x0301, RawClientHello.handshake(1, Arrays.copyOf(chBody, chBody.length - 7)));
        byte[] overlong = ch().message();
        overlong[2] += 1; // the handshake header announces 256 bytes more than follow
        RawClientHello trailing = ch();
        trailing.trailing = new byte[] {0, 0, 0};
        RawClientHello duplicate = ch().extension(0x000a, RawClientHello.hex("0002 001d"));
        RawClientHello pskNotLast = ch().extension(0x0029, RawClientHello.preSharedKey()).extension(0x001c, RawClientHello.hex("4001"));
        RawClientHello badGroupsLength = ch().without(0x000a).extension(0x000a, RawClientHello.hex("0006 001d 0017"));
        RawClientHello oddGroupsLength = ch().without(0x000a).extension(0x000a, RawClientHello.hex("0003 001d 00"));
        RawClientHello noCommonSuite = ch();
        noCommonSuite.cipherSuites = new int[] {0xc02f, 0x009c, 0x1304};
        RawClientHello compression = ch();
        compression.compression = new byte[] {1};
        RawClientHello shareOutsideGroups = ch().without(0x000a).extension(0x000a, RawClientHello.hex("0002 0017"));
        RawClientHello zeroShare = ch().without(0x0033).extension(0x0033, RawClientHello.hex("0024 001d 0020" + "00".repeat(32)));
        RawClientHello onlyTls12 = ch().without(0x002b).extension(0x002b, RawClientHello.hex("04 0303 0302"));
        byte[] http = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] sslv2 = RawClientHello.hex("802e0103010015000000100000030000060000040100800700c0030080" + "00".repeat(16));

        return Stream.of(
                // Record layer, before anything else.
                handshake("record longer than 2^14 + 256", toServer(RawClientHello.hex("16 0303 4101")), AlertDescription.RECORD_OVERFLOW),
                handshake("plaintext record longer than 2^14", toServer(RawClientHello.record(22, 0x0301, new byte[16385])), AlertDescription.RECORD_OVERFLOW),
                handshake("unknown record content type", toServer(RawClientHello.hex("18 0303 0001 00")), AlertDescription.UNEXPECTED_MESSAGE),
                handshake("HTTP request", toServer(http), AlertDescription.DECODE_ERROR),
                handshake("SSLv2 ClientHello", toServer(sslv2), AlertDescription.DECODE_ERROR),
                handshake("empty handshake record", toServer(RawClientHello.hex("16 0301 0000")), AlertDescription.UNEXPECTED_MESSAGE),
                handshake("plaintext application data before the ClientHello", toServer(RawClientHello.hex("17 0303 0005 0102030405")), AlertDescription.UNEXPECTED_MESSAGE),
                handshake("change_cipher_spec before the ClientHello", toServer(ccs(1)), AlertDescription.UNEXPECTED_MESSAGE),
                handshake("alert record of three bytes", toServer(RawClientHello.hex("15 0303 0003 022800")), AlertDescription.DECODE_ERROR),
                // Handshake framing.
                handshake("unknown handshake type", toServer(RawClientHello.record(22, 0x0301, RawClientHello.handshake(0xfe, new byte[] {0}))), AlertDescription.UNEXPECTED_MESSAGE),
                handshake("ServerHello sent to a server", toServer(RawClientHello.record(22, 0x0303, RawClientHello.handshake(2, new byte[40]))), AlertDescription.UNEXPECTED_MESSAGE),
                handshake("ClientHello longer than its record, then change_cipher_spec", toServer(concat(RawClientHello.record(22, 0x0301, overlong), ccs(1))), AlertDescription.UNEXPECTED_MESSAGE),
                // ClientHello content.
                handshake("truncated ClientHello (extensions cut short)", toServer(truncatedBody), AlertDescription.DECODE_ERROR),
                handshake("trailing bytes inside the ClientHello", toServer(trailing.record()), AlertDescription.DECODE_ERROR),
                handshake("supported_groups vector longer than its extension", toServer(badGroupsLength.record()), AlertDescription.DECODE_ERROR),
                handshake("supported_groups vector of odd length", toServer(oddGroupsLength.record()), AlertDescription.DECODE_ERROR),
                handshake("duplicate extension", toServer(duplicate.record()), AlertDescription.ILLEGAL_PARAMETER),
                handshake("pre_shared_key not the last extension", toServer(pskNotLast.record()), AlertDescription.ILLEGAL_PARAMETER),
                // Without TLS 1.3 in the offer the server (TLS 1.3 and 1.2 enabled) negotiates TLS 1.2 and finds no
                // TLS 1.2 suite among the client's TLS 1.3-only suites: handshake_failure, as SunJSSE.
                handshake("no supported_versions", toServer(ch().without(0x002b).record()), AlertDescription.HANDSHAKE_FAILURE),
                handshake("supported_versions without TLS 1.3", toServer(onlyTls12.record()), AlertDescription.HANDSHAKE_FAILURE),
                handshake("no key_share", toServer(ch().without(0x0033).record()), AlertDescription.MISSING_EXTENSION),
                handshake("no supported_groups", toServer(ch().without(0x000a).record()), AlertDescription.MISSING_EXTENSION),
                handshake("no signature_algorithms", toServer(ch().without(0x000d).record()), AlertDescription.MISSING_EXTENSION),
                handshake("no cipher suite in common", toServer(noCommonSuite.record()), AlertDescription.HANDSHAKE_FAILURE),
                handshake("compression method other than null", toServer(compression.record()), AlertDescription.ILLEGAL_PARAMETER),
                handshake("key share for a group not in supported_groups", toServer(shareOutsideGroups.record()), AlertDescription.ILLEGAL_PARAMETER),
                handshake("x25519 key share of all zeros", toServer(zeroShare.record()), AlertDescription.ILLEGAL_PARAMETER),
                // status_request (RFC 6066 section 8): an OCSPStatusRequest must be well formed.
                handshake("empty status_request", toServer(ch().extension(0x0005, new byte[0]).record()), AlertDescription.DECODE_ERROR),
                handshake("status_request (ocsp) without its lists", toServer(ch().extension(0x0005, RawClientHello.hex("01 0000")).record()), AlertDescription.DECODE_ERROR),
                handshake("status_request (ocsp) with a ResponderID past its list", toServer(ch().extension(0x0005, RawClientHello.hex("01 0003 0005 0102 0000")).record()), AlertDescription.DECODE_ERROR),
                handshake("status_request (ocsp) with an empty ResponderID", toServer(ch().extension(0x0005, RawClientHello.hex("01 0002 0000 0000")).record()), AlertDescription.DECODE_ERROR),
                handshake("certificate_authorities naming something that is not a DER name", toServer(ch().extension(0x002f, RawClientHello.hex("0005 0003 010203")).record()), AlertDescription.DECODE_ERROR),
                handshake("status_request (ocsp) with trailing bytes", toServer(ch().extension(0x0005, RawClientHello.hex("01 0000 0000 00")).record()), AlertDescription.DECODE_ERROR),
                // The ServerHello was built and its keys installed when the stray bytes were found: the
                // ServerHello goes out first, so the client can read the protected alert after it.
                new Row("bytes after the ClientHello in its record (key change mid-record)",
                        toServer(RawClientHello.record(22, 0x0301, concat(ch().message(), RawClientHello.hex("14000020 0000")))),
                        SSLProtocolException.class, AlertDescription.UNEXPECTED_MESSAGE, true, 1),
                // After the server's flight: protected alerts.
                handshakeProtected("second change_cipher_spec", afterClientHello(concat(ccs(1), ccs(1))), AlertDescription.UNEXPECTED_MESSAGE),
                handshakeProtected("change_cipher_spec of value 2", afterClientHello(ccs(2)), AlertDescription.UNEXPECTED_MESSAGE),
                handshakeProtected("unprotected handshake record after the keys changed", afterClientHello(ch().record()), AlertDescription.UNEXPECTED_MESSAGE),
                handshakeProtected("garbage protected record", afterClientHello(RawClientHello.hex("17 0303 0020" + "5a".repeat(32))), AlertDescription.BAD_RECORD_MAC),
                handshakeProtected("bad MAC in the server's first protected record (client)", EngineMalformedInputTest::clientReceivingTamperedServerFlight, AlertDescription.BAD_RECORD_MAC),
                handshakeProtected("SunJSSE client's Finished record corrupted", EngineMalformedInputTest::serverReceivingTamperedSunJsseFinished, AlertDescription.BAD_RECORD_MAC),
                // After the handshake: SSLProtocolException, as SunJSSE.
                new Row("bad MAC in application data", afterHandshake(EngineMalformedInputTest::tamperedApplicationRecord),
                        SSLException.class, AlertDescription.BAD_RECORD_MAC, true, 0),
                new Row("unprotected handshake record after the handshake", afterHandshake(c -> ch().record()),
                        SSLProtocolException.class, AlertDescription.UNEXPECTED_MESSAGE, true, 0),
                new Row("record longer than 2^14 + 256 after the handshake", afterHandshake(c -> RawClientHello.hex("17 0303 4101")),
                        SSLException.class, AlertDescription.RECORD_OVERFLOW, true, 0),
                new Row("change_cipher_spec after the handshake", afterHandshake(c -> ccs(1)),
                        SSLProtocolException.class, AlertDescription.UNEXPECTED_MESSAGE, true, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void hostileInput(Row row) throws Exception {
        Scenario s = row.scenario().create();
        SSLEngine victim = s.victim();
        SSLException thrown = deliver(victim, s.hostile(), new ByteArrayOutputStream());
        assertNotNull(thrown, "no exception");
        assertEquals(row.exception(), thrown.getClass(), "exception type; message: " + thrown.getMessage());
        assertTrue(thrown.getMessage().startsWith("(" + row.alert().rfcName() + ")"), thrown.getMessage());

        List<TlsRecord> out = records(wrapAfterFailure(victim));
        assertEquals(row.recordsBefore() + 1, out.size(), "records after the failure");
        TlsRecord alert = out.get(out.size() - 1);
        if (row.protectedAlert()) {
            assertEquals(CONTENT_APPLICATION_DATA, alert.type());
            assertEquals(0x0303, alert.version());
            assertEquals(PROTECTED_ALERT_LENGTH - 5, alert.fragment().length);
        } else {
            assertEquals(CONTENT_ALERT, alert.type());
            assertEquals(3, alert.version() >>> 8);
            assertEquals(2, alert.fragment().length);
            assertEquals(2, alert.fragment()[0], "fatal");
            assertEquals(row.alert().code(), alert.fragment()[1] & 0xff, "alert description");
        }
        for (TlsRecord r : out.subList(0, out.size() - 1)) {
            assertTrue(r.type() != CONTENT_ALERT, "only one alert");
        }
        assertTrue(victim.isOutboundDone(), "outbound done");
        assertTrue(victim.isInboundDone(), "inbound done");
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, victim.getHandshakeStatus());
    }

    /**
     * RFC 8446 section 6.2: an error alert from the peer, at either level, ends the connection; nothing is
     * sent back, and the exception names the peer's alert.
     */
    @ParameterizedTest(name = "level {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void receivedErrorAlertClosesWithoutReply(int level) throws Exception {
        SSLEngine s = server();
        SSLException thrown = deliver(s, RawClientHello.record(21, 0x0303, new byte[] {(byte) level, 40}), new ByteArrayOutputStream());
        assertNotNull(thrown);
        assertEquals(SSLHandshakeException.class, thrown.getClass());
        assertTrue(thrown.getMessage().contains("handshake_failure"), thrown.getMessage());
        ByteBuffer out = ByteBuffer.allocate(1 << 10);
        SSLEngineResult r = s.wrap(ByteBuffer.allocate(0), out);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertEquals(0, r.bytesProduced(), "no alert answers an alert");
        assertTrue(s.isInboundDone() && s.isOutboundDone());
    }

    /** A ClientHello split across records is not an error: the engine waits for the rest. */
    @Test
    void clientHelloSplitAcrossRecordsIsAwaited() throws Exception {
        byte[] message = ch().message();
        SSLEngine s = server();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        assertNull(deliver(s, RawClientHello.record(22, 0x0301, Arrays.copyOf(message, 50)), sent));
        assertEquals(HandshakeStatus.NEED_UNWRAP, s.getHandshakeStatus());
        assertEquals(0, sent.size());
        assertNull(deliver(s, RawClientHello.record(22, 0x0301, Arrays.copyOfRange(message, 50, message.length)), sent));
        assertEquals(22, sent.toByteArray()[0], "the ServerHello went out");
    }

    /**
     * RFC 8449 section 4: the client's record_size_limit bounds every protected record of the server's
     * flight (inner plaintext at most limit bytes, content type included); without it, the flight after
     * the ServerHello is one coalesced record.
     */
    @Test
    void clientRecordSizeLimitBoundsTheServerFlight() throws Exception {
        ByteArrayOutputStream limited = new ByteArrayOutputStream();
        assertNull(deliver(server(), ch().extension(0x001c, RawClientHello.hex("0040")).record(), limited));
        List<TlsRecord> small = records(limited.toByteArray());
        assertTrue(small.size() > 5, "the flight is cut into many records: " + small.size());
        for (TlsRecord r : small) {
            if (r.type() == CONTENT_APPLICATION_DATA) {
                assertTrue(r.fragment().length <= 64 + 16, "record of " + r.fragment().length);
            }
        }
        ByteArrayOutputStream unlimited = new ByteArrayOutputStream();
        assertNull(deliver(server(), ch().record(), unlimited));
        List<TlsRecord> whole = records(unlimited.toByteArray());
        assertEquals(List.of(22, 20, 23), whole.stream().map(TlsRecord::type).toList(),
                "ServerHello, change_cipher_spec, one protected record");
    }

    // ---------------------------------------------------------------------------------------------
    // The property test

    /** Genuine first flights: a Custom client's and a SunJSSE client's ClientHello records. */
    static List<byte[]> capturedFirstFlights() throws Exception {
        List<byte[]> flights = new ArrayList<>();
        for (boolean custom : new boolean[] {true, false}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            send(client(custom), b);
            flights.add(b.toByteArray());
        }
        return flights;
    }

    static byte[] mutate(byte[] original, Random rnd) {
        byte[] b = original.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(7)) {
                case 0 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[pos] = (byte) rnd.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, pos);
                case 3 -> {
                    byte[] ins = new byte[1 + rnd.nextInt(4)];
                    rnd.nextBytes(ins);
                    b = concat(Arrays.copyOf(b, pos), ins, Arrays.copyOfRange(b, pos, b.length));
                }
                case 4 -> {
                    int end = Math.min(b.length, pos + 1 + rnd.nextInt(8));
                    b = concat(Arrays.copyOf(b, pos), Arrays.copyOfRange(b, end, b.length));
                }
                case 5 -> {
                    if (pos + 1 < b.length) {
                        int[] lengths = {0, 1, 0xff, 0x100, 0xffff, 0x7fff};
                        int v = lengths[rnd.nextInt(lengths.length)];
                        b[pos] = (byte) (v >>> 8);
                        b[pos + 1] = (byte) v;
                    }
                }
                default -> {
                    int end = Math.min(b.length, pos + 1 + rnd.nextInt(16));
                    b = concat(Arrays.copyOf(b, end), Arrays.copyOfRange(b, pos, b.length));
                }
            }
        }
        return b;
    }

    @Test
    void randomMutationsOfGenuineFirstFlights() throws Exception {
        List<byte[]> flights = capturedFirstFlights();
        Random rnd = new Random(8446);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 2000; i++) {
            byte[] input = mutate(flights.get(i % flights.size()), rnd);
            String outcome;
            try {
                outcome = runMutation(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("mutation " + i + ": " + java.util.HexFormat.of().formatHex(input), e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("EngineMalformedInputTest mutation outcomes: " + outcomes);
        assertTrue(outcomes.keySet().stream().noneMatch(k -> k.startsWith("error (internal_error)")),
                "an internal_error means an unexpected exception inside the engine: " + outcomes);
    }

    /**
     * The same property for a client: a genuine server flight (answering this client's own ClientHello),
     * mutated mostly within its ServerHello, then fed to the client.
     */
    @Test
    void randomMutationsOfGenuineServerFlights() throws Exception {
        Random rnd = new Random(8448);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            SSLEngine c = client(true);
            ByteArrayOutputStream ch = new ByteArrayOutputStream();
            send(c, ch);
            ByteArrayOutputStream flight = new ByteArrayOutputStream();
            assertNull(deliver(server(), ch.toByteArray(), flight));
            byte[] f = flight.toByteArray();
            int serverHelloLength = 5 + (((f[3] & 0xff) << 8) | (f[4] & 0xff));
            byte[] input = rnd.nextInt(10) < 8
                    ? concat(mutate(Arrays.copyOf(f, serverHelloLength), rnd), Arrays.copyOfRange(f, serverHelloLength, f.length))
                    : mutate(f, rnd);
            String outcome;
            try {
                outcome = runMutation(c, input, true);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("mutation " + i + ": " + java.util.HexFormat.of().formatHex(input), e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.println("EngineMalformedInputTest server-flight mutation outcomes: " + outcomes);
        assertTrue(outcomes.keySet().stream().noneMatch(k -> k.startsWith("error (internal_error)")),
                "an internal_error means an unexpected exception inside the engine: " + outcomes);
    }

    /** One mutated flight to a fresh server: progress (it answered), or an SSLException and an alert. */
    private static String runMutation(byte[] input) throws Exception {
        return runMutation(server(), input, false);
    }

    /** One mutated flight: progress (the engine answered), or an SSLException and an alert. */
    private static String runMutation(SSLEngine s, byte[] input, boolean client) throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        SSLException thrown = deliver(s, input, sent);
        String outcome;
        if (thrown == null) {
            if (sent.size() > 0) {
                List<TlsRecord> answer = records(sent.toByteArray());
                assertTrue(answer.stream().noneMatch(r -> r.type() == CONTENT_ALERT), "no alert without an exception");
                if (!client) {
                    assertEquals(22, answer.get(0).type(), "the server answered with a ServerHello");
                }
                return "progress";
            }
            // Waiting for more input: end of stream now is a truncation, also an SSLException and an alert.
            assertEquals(HandshakeStatus.NEED_UNWRAP, s.getHandshakeStatus());
            try {
                s.closeInbound();
                fail("closeInbound before close_notify must throw");
            } catch (SSLException e) {
                thrown = e;
            }
            outcome = "truncated";
        } else {
            String m = thrown.getMessage();
            outcome = "error " + m.substring(0, m.indexOf(')') + 1);
        }
        List<TlsRecord> out = records(wrapAfterFailure(s));
        assertTrue(!out.isEmpty(), "an alert is sent");
        TlsRecord last = out.get(out.size() - 1);
        assertTrue(last.type() == CONTENT_ALERT || last.type() == CONTENT_APPLICATION_DATA, "the last record is the alert");
        assertTrue(s.isOutboundDone() && s.isInboundDone(), "closed");
        return outcome;
    }
}
