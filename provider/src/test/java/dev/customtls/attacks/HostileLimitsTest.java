package dev.customtls.attacks;

import static dev.customtls.attacks.AttackPeers.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeReassembler;
import dev.customtls.core.connection.TlsConfig;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits against hostile peers, one named test each: their defaults (as SunJSSE's properties), the
 * system properties that change them (read at {@code SSLContext.init}), and the alert when exceeded.
 */
class HostileLimitsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static SSLContext context;

    @BeforeAll
    static void init() throws Exception {
        context = AttackPeers.context("TLSv1.3");
    }

    private static void assertAlert(AlertDescription alert, SSLException e) {
        assertNotNull(e, "expected " + alert.rfcName());
        assertTrue(e.getMessage().startsWith("(" + alert.rfcName() + ")"), e.getMessage());
    }

    private static SSLContext contextWithProperty(String name, String value) throws Exception {
        String old = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return AttackPeers.context("TLSv1.3");
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }

    private static SSLEngine startedServer(SSLContext ctx) throws SSLException {
        SSLEngine s = AttackPeers.server(ctx);
        s.beginHandshake();
        return s;
    }

    /** A ClientHello record whose header announces {@code length} bytes, followed by a few of them. */
    private static byte[] clientHelloAnnouncing(int length) {
        return AttackPeers.record(22, 0x0301, new byte[] {1, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 3, 3});
    }

    // ---------------------------------------------------------------------------------------------
    // jdk.tls.maxHandshakeMessageSize

    @Test
    void maxHandshakeMessageSizeDefaultsTo32768() throws Exception {
        assertEquals(32768, TlsConfig.Limits.DEFAULT.maxHandshakeMessageSize());
        assertNull(AttackPeers.feed(startedServer(context), clientHelloAnnouncing(32768), null), "at the limit: awaited");
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, AttackPeers.feed(startedServer(context), clientHelloAnnouncing(32769), null));
    }

    @Test
    void maxHandshakeMessageSizeFromSystemProperty() throws Exception {
        SSLContext small = contextWithProperty("jdk.tls.maxHandshakeMessageSize", "1024");
        assertNull(AttackPeers.feed(startedServer(small), clientHelloAnnouncing(1024), null));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, AttackPeers.feed(startedServer(small), clientHelloAnnouncing(1025), null));
    }

    // ---------------------------------------------------------------------------------------------
    // jdk.tls.maxCertificateChainLength

    private static SSLException clientGetsChain(SSLContext ctx, List<X509Certificate> chain) throws Exception {
        SSLEngine c = AttackPeers.client(ctx);
        c.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(c));
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificate(chain));
        return AttackPeers.feed(c, flight, null);
    }

    private static List<X509Certificate> chainOf(int n) {
        List<X509Certificate> chain = new ArrayList<>(AttackPeers.SERVER.chain());
        while (chain.size() < n) {
            chain.add(AttackPeers.PKI.caCertificate());
        }
        return chain;
    }

    @Test
    void maxCertificateChainLengthDefaultsTo10() throws Exception {
        assertEquals(10, TlsConfig.Limits.DEFAULT.maxCertificateChainLength());
        SSLException atLimit = clientGetsChain(context, chainOf(10));
        assertTrue(atLimit == null || !atLimit.getMessage().contains("maxCertificateChainLength"), String.valueOf(atLimit));
        SSLException over = clientGetsChain(context, chainOf(11));
        assertAlert(AlertDescription.BAD_CERTIFICATE, over);
        assertTrue(over.getMessage().contains("maxCertificateChainLength"), over.getMessage());
    }

    @Test
    void maxCertificateChainLengthFromSystemProperty() throws Exception {
        SSLContext strict = contextWithProperty("jdk.tls.maxCertificateChainLength", "2");
        assertEquals(2, AttackPeers.SERVER.chain().size(), "leaf and CA");
        assertNull(clientGetsChain(strict, chainOf(2)));
        assertAlert(AlertDescription.BAD_CERTIFICATE, clientGetsChain(strict, chainOf(3)));
    }

    // ---------------------------------------------------------------------------------------------
    // Record size (RFC 8446 section 5.1, 5.2, 5.4)

    @Test
    void maxRecordSizeCiphertextOver2To14Plus256() throws Exception {
        assertAlert(AlertDescription.RECORD_OVERFLOW, AttackPeers.feed(startedServer(context), HEX.parseHex("1603034101"), null));
    }

    @Test
    void maxRecordSizePlaintextOver2To14() throws Exception {
        assertAlert(AlertDescription.RECORD_OVERFLOW,
                AttackPeers.feed(startedServer(context), AttackPeers.record(22, 0x0301, new byte[16385]), null));
    }

    @Test
    void maxRecordSizeProtectedInnerPlaintextOver2To14() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(c));
        byte[] flight = concat(s.serverHello(), s.protectedRecord(22, new byte[16385]));
        assertAlert(AlertDescription.RECORD_OVERFLOW, AttackPeers.feed(c, flight, null));
    }

    // ---------------------------------------------------------------------------------------------
    // Counters on an established connection

    /** A Custom client that completed a handshake with the scripted server, which now holds application keys. */
    private record Established(SSLEngine client, ScriptedTls13Server server) {
    }

    private static Established established() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(c));
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificate(), s.certificateVerify(), s.finished());
        s.applicationTraffic();
        assertNull(AttackPeers.feed(c, flight, new ByteArrayOutputStream()));
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, c.getHandshakeStatus());
        return new Established(c, s);
    }

    private static byte[] repeat(int n, java.util.function.Supplier<byte[]> record) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            b.writeBytes(record.get());
        }
        return b.toByteArray();
    }

    @Test
    void consecutiveEmptyRecordsCapped() throws Exception {
        int max = TlsConfig.Limits.DEFAULT.maxEmptyRecords();
        Established e = established();
        ScriptedTls13Server s = e.server();
        byte[] ok = concat(repeat(max, () -> s.protectedRecord(23, new byte[0])), s.protectedRecord(23, new byte[] {42}),
                repeat(max, () -> s.protectedRecord(23, new byte[0])));
        assertNull(AttackPeers.feed(e.client(), ok, null), "data in between resets the count");
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(e.client(), s.protectedRecord(23, new byte[0]), null));
    }

    @Test
    void emptyHandshakeRecordRefused() throws Exception {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(startedServer(context), HEX.parseHex("1603010000"), null));
    }

    @Test
    void consecutiveWarningAlertsCapped() throws Exception {
        int max = TlsConfig.Limits.DEFAULT.maxWarningAlerts();
        Established e = established();
        ScriptedTls13Server s = e.server();
        assertNull(AttackPeers.feed(e.client(), repeat(max, () -> s.protectedRecord(21, new byte[] {1, 90})), null));
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(e.client(), s.protectedRecord(21, new byte[] {1, 90}), null));
    }

    @Test
    void consecutiveKeyUpdatesCapped() throws Exception {
        int max = TlsConfig.Limits.DEFAULT.maxKeyUpdates();
        Established e = established();
        ScriptedTls13Server s = e.server();
        assertNull(AttackPeers.feed(e.client(), repeat(max, () -> s.keyUpdate(false)), null));
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(e.client(), s.keyUpdate(false), null));
    }

    @Test
    void keyUpdatesWithApplicationDataInBetweenAreNotCapped() throws Exception {
        int max = TlsConfig.Limits.DEFAULT.maxKeyUpdates();
        Established e = established();
        ScriptedTls13Server s = e.server();
        byte[] traffic = repeat(3 * max, () -> concat(s.keyUpdate(false), s.protectedRecord(23, new byte[] {7})));
        assertNull(AttackPeers.feed(e.client(), traffic, null));
    }

    @Test
    void ignoredChangeCipherSpecsCapped() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(c));
        byte[] ccs = AttackPeers.record(20, 0x0303, new byte[] {1});
        assertNull(AttackPeers.feed(c, concat(s.serverHello(), ccs), null), "one compatibility change_cipher_spec is ignored");
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(c, ccs, null));
    }

    @Test
    void oneHelloRetryRequestPerHandshake() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        ScriptedTls13Server s = new ScriptedTls13Server(AttackPeers.drain(c));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertNull(AttackPeers.feed(c, s.helloRetryRequest(NamedGroup.SECP256R1), second));
        assertTrue(second.size() > 0, "the client answered the first HelloRetryRequest");
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(c, s.helloRetryRequest(NamedGroup.SECP384R1), null));
    }

    // ---------------------------------------------------------------------------------------------
    // Buffered handshake bytes

    @Test
    void bufferedHandshakeBytesBoundedByOneMessage() {
        int limit = HandshakeReassembler.DEFAULT_MAX_MESSAGE_SIZE;
        HandshakeReassembler r = new HandshakeReassembler(limit);
        byte[] header = {11, (byte) (limit >>> 16), (byte) (limit >>> 8), (byte) limit};
        r.add(header, 0, 4);
        byte[] chunk = new byte[16384];
        r.add(chunk, 0, chunk.length);
        r.add(chunk, 0, chunk.length);
        assertEquals(limit + 4, r.bufferedBytes());
        assertNotNull(r.next());
        assertEquals(0, r.bufferedBytes());
        byte[] over = {11, 0, (byte) 0x80, 1};
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> r.add(over, 0, 4));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals(0, r.bufferedBytes(), "nothing of the refused message was buffered");
    }

    /** While a delegated task is pending, unwrap takes no more input: queued messages stay within one record. */
    @Test
    void noInputAcceptedWhileDelegatedTaskPending() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        byte[] ch = AttackPeers.drain(c);
        SSLEngine server = startedServer(context);
        ByteBuffer src = ByteBuffer.wrap(concat(ch, ch, ch));
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        SSLEngineResult first = server.unwrap(src, app);
        assertEquals(ch.length, first.bytesConsumed());
        if (server.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            SSLEngineResult again = server.unwrap(src, app);
            assertEquals(0, again.bytesConsumed(), "no input taken while a task is pending");
        }
        assertEquals(2 * ch.length, src.remaining());
    }
}
