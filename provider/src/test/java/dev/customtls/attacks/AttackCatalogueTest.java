package dev.customtls.attacks;

import static dev.customtls.attacks.AttackPeers.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.extension.SupportedVersionsClientHello;
import dev.customtls.core.extension.UnknownExtension;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.record.Tls13RecordDecrypter;
import dev.customtls.core.record.Tls13RecordEncrypter;
import dev.customtls.crypto.DefaultTlsCrypto;
import dev.customtls.crypto.FixedLength;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One named test per known attack or bug class against TLS implementations, each asserting the alert we
 * raise (named first in the {@code SSLException} message, as SunJSSE does) or the absence of any observable
 * difference. The TLS 1.2 items (downgrade sentinel, RSA premaster version rollback, Bleichenbacher/ROBOT,
 * renegotiation and triple handshake) and the resumption items (PSK binder, 0-RTT replay) join this class
 * when those features land; see {@code docs/hostile-input.md}.
 */
class AttackCatalogueTest {
    private static final HexFormat HEX = HexFormat.of();
    private static SSLContext context;

    @BeforeAll
    static void init() throws Exception {
        context = AttackPeers.context("TLSv1.3");
    }

    /** A Custom client whose ClientHello went out, and a scripted server that read it. */
    private record Victim(SSLEngine client, ScriptedTls13Server server) {
    }

    private static Victim victimClient() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        byte[] ch = AttackPeers.drain(c);
        return new Victim(c, new ScriptedTls13Server(ch));
    }

    private static void assertAlert(AlertDescription alert, SSLException e) {
        assertNotNull(e, "expected " + alert.rfcName());
        assertTrue(e.getMessage().startsWith("(" + alert.rfcName() + ")"), e.getMessage());
    }

    /** The control: the scripted server's genuine flight completes the handshake, so refusals below are real. */
    @Test
    void scriptedServerGenuineFlightCompletes() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificate(), s.certificateVerify(), s.finished());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        assertNull(AttackPeers.feed(v.client(), flight, answer));
        assertTrue(answer.size() > 0, "the client sent its Finished");
        assertTrue(v.client().getSession().getPeerCertificates().length > 0);
    }

    // ---------------------------------------------------------------------------------------------
    // SKIP-TLS (Beurdouche et al. 2015): a Finished must not be accepted in place of skipped messages.

    @Test
    void skipTlsFinishedWithoutCertificateOrCertificateVerify() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.finished());
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(v.client(), flight, null));
    }

    @Test
    void skipTlsFinishedBeforeCertificateVerify() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificate(), s.finished());
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(v.client(), flight, null));
    }

    @Test
    void skipTlsCertificateVerifyWithoutCertificate() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificateVerify());
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(v.client(), flight, null));
    }

    @Test
    void skipTlsCertificateWithoutEncryptedExtensions() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.certificate());
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(v.client(), flight, null));
    }

    // ---------------------------------------------------------------------------------------------
    // CCS injection (CVE-2014-0224): change_cipher_spec never changes keys in TLS 1.3.

    @Test
    void ccsInjectionProtectedChangeCipherSpecRefused() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.protectedRecord(20, new byte[] {1}));
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(v.client(), flight, null));
    }

    @Test
    void ccsInjectionAfterServerFinishedRefused() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificate(), s.certificateVerify(),
                s.finished(), AttackPeers.record(20, 0x0303, new byte[] {1}));
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, AttackPeers.feed(v.client(), flight, null));
    }

    // ---------------------------------------------------------------------------------------------
    // Truncation: a transport EOF without close_notify is reported, never taken as a clean end.

    @Test
    void truncationWithoutCloseNotifyIsReported() throws Exception {
        Victim v = victimClient();
        ScriptedTls13Server s = v.server();
        byte[] flight = concat(s.serverHello(), s.encryptedExtensions(), s.certificate(), s.certificateVerify(), s.finished());
        assertNull(AttackPeers.feed(v.client(), flight, new ByteArrayOutputStream()));
        SSLException e = assertThrows(SSLException.class, () -> v.client().closeInbound());
        assertTrue(e.getMessage().contains("truncation"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Raccoon (Merget et al. 2020): the (FF)DH shared secret keeps its leading zero bytes, so its length
    // (and any timing depending on it) does not depend on its value.

    @Test
    void raccoonFfdheSharedSecretIsFixedLength() {
        for (TlsCrypto crypto : List.of(DefaultTlsCrypto.instance(), new JdkTlsCrypto(), new BcTlsCrypto())) {
            int leadingZero = 0;
            for (int i = 0; i < 64; i++) {
                KeyShare a = crypto.generateKeyShare(NamedGroup.FFDHE2048);
                KeyShare b = crypto.generateKeyShare(NamedGroup.FFDHE2048);
                byte[] ab = a.agree(b.publicKey());
                assertEquals(256, ab.length, "ffdhe2048 shared secret length");
                assertEquals(256, b.publicKey().length, "ffdhe2048 public value length");
                leadingZero += ab[0] == 0 ? 1 : 0;
                assertArrayEquals(ab, b.agree(a.publicKey()));
            }
            assertTrue(leadingZero < 64);
        }
        // A value whose top byte is zero keeps it: exactly the encoding RFC 7919 section 2 requires.
        byte[] padded = FixedLength.toBytes(BigInteger.ONE.shiftLeft(2040 - 9), 256);
        assertEquals(256, padded.length);
        assertEquals(0, padded[0]);
    }

    // ---------------------------------------------------------------------------------------------
    // Invalid-curve and small-subgroup key shares.

    private static SSLException serverGetsKeyShare(NamedGroup group, byte[] share) throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        ClientHello ch = ClientHelloEdit.decode(AttackPeers.drain(c));
        ClientHello evil = ClientHelloEdit.withExtension(ch,
                new KeyShareClientHello(List.of(new KeyShareEntry(group.code(), share))));
        SSLEngine server = AttackPeers.server(context);
        server.beginHandshake();
        return AttackPeers.feed(server, ClientHelloEdit.record(evil), null);
    }

    @Test
    void invalidCurvePointSecp256r1Refused() throws Exception {
        byte[] point = new byte[65];
        point[0] = 4;
        point[32] = 1;
        point[64] = 1; // (1, 1) is not on P-256
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, serverGetsKeyShare(NamedGroup.SECP256R1, point));
    }

    @Test
    void compressedOrTruncatedSecp256r1PointRefused() throws Exception {
        byte[] compressed = new byte[33];
        compressed[0] = 2;
        compressed[32] = 1;
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, serverGetsKeyShare(NamedGroup.SECP256R1, compressed));
    }

    /** RFC 7748 section 6.1 and RFC 8446 section 7.4.2: small-order u-coordinates give an all-zero secret. */
    @ParameterizedTest
    @ValueSource(strings = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"})
    void smallOrderX25519PointRefused(String u) throws Exception {
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, serverGetsKeyShare(NamedGroup.X25519, HEX.parseHex(u)));
    }

    // ---------------------------------------------------------------------------------------------
    // AEAD nonce reuse: sequence numbers strictly increase and never wrap.

    @Test
    void aeadNonceNeverReusedSequenceStrictlyIncreases() {
        TlsCrypto crypto = DefaultTlsCrypto.instance();
        byte[] key = new byte[16];
        byte[] iv = new byte[12];
        Tls13RecordEncrypter w = new Tls13RecordEncrypter(crypto.aead(AeadAlgorithm.AES_128_GCM, key), iv);
        Set<String> seen = new HashSet<>();
        byte[] plain = new byte[32];
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, w.sequenceNumber());
            byte[] out = new byte[Tls13RecordEncrypter.sealedLength(plain.length, 0, 16)];
            w.seal(23, plain, 0, plain.length, 0, out, 0);
            assertTrue(seen.add(HEX.formatHex(out)), "identical records under one key: nonce reused at " + i);
        }
    }

    @Test
    void recordSequenceOverflowOnSendRaisesAlert() throws Exception {
        TlsCrypto crypto = DefaultTlsCrypto.instance();
        Tls13RecordEncrypter w = new Tls13RecordEncrypter(crypto.aead(AeadAlgorithm.AES_128_GCM, new byte[16]), new byte[12]);
        setSequence(w, -1L); // 2^64 - 1: the last number that may be used
        byte[] out = new byte[64];
        w.seal(23, new byte[1], 0, 1, 0, out, 0);
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> w.seal(23, new byte[1], 0, 1, 0, out, 0));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    @Test
    void recordSequenceOverflowOnReceiveRaisesAlert() throws Exception {
        TlsCrypto crypto = DefaultTlsCrypto.instance();
        byte[] key = new byte[16];
        byte[] iv = new byte[12];
        Tls13RecordEncrypter w = new Tls13RecordEncrypter(crypto.aead(AeadAlgorithm.AES_128_GCM, key), iv);
        Tls13RecordDecrypter r = new Tls13RecordDecrypter(crypto.aead(AeadAlgorithm.AES_128_GCM, key), iv);
        setSequence(w, -1L);
        setSequence(r, -1L);
        byte[] rec = new byte[Tls13RecordEncrypter.sealedLength(1, 0, 16)];
        w.seal(23, new byte[1], 0, 1, 0, rec, 0);
        assertEquals(1, r.open(rec.clone(), 0, rec.length - 5));
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> r.open(rec.clone(), 0, rec.length - 5));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    private static void setSequence(Object recordProtection, long next) throws Exception {
        Method m = recordProtection.getClass().getDeclaredMethod("setSequenceNumber", long.class);
        m.setAccessible(true);
        m.invoke(recordProtection, next);
    }

    // ---------------------------------------------------------------------------------------------
    // Oversized and fragmented handshake messages.

    @Test
    void oversizedHandshakeMessageRefusedBeforeBuffering() throws Exception {
        SSLEngine server = AttackPeers.server(context);
        server.beginHandshake();
        // A ClientHello header announcing 2^24 - 1 bytes, followed by only a few.
        byte[] rec = AttackPeers.record(22, 0x0301, HEX.parseHex("01ffffff0303"));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, AttackPeers.feed(server, rec, null));
    }

    @Test
    void handshakeMessageFragmentedIntoOneByteRecordsIsReassembled() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        byte[] message = AttackPeers.firstFragment(AttackPeers.drain(c));
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (byte b : message) {
            records.writeBytes(AttackPeers.record(22, 0x0301, new byte[] {b}));
        }
        SSLEngine server = AttackPeers.server(context);
        server.beginHandshake();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        assertNull(AttackPeers.feed(server, records.toByteArray(), answer));
        assertEquals(22, answer.toByteArray()[0], "the ServerHello went out");
        assertNull(AttackPeers.feed(c, answer.toByteArray(), null), "and the client accepts it");
    }

    // ---------------------------------------------------------------------------------------------
    // Extension duplication (RFC 8446 section 4.2).

    @Test
    void duplicateExtensionRefused() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        ClientHello ch = ClientHelloEdit.decode(AttackPeers.drain(c));
        // A placeholder extension, renamed to supported_groups in the encoding (the model refuses duplicates).
        ClientHello marked = ClientHelloEdit.withExtension(ch, new UnknownExtension(0xfafa, HEX.parseHex("0002001d")));
        byte[] rec = ClientHelloEdit.record(marked);
        String hex = HEX.formatHex(rec);
        int at = hex.indexOf("fafa00040002001d");
        assertTrue(at > 0 && at % 2 == 0);
        rec[at / 2] = 0x00;
        rec[at / 2 + 1] = 0x0a;
        SSLEngine server = AttackPeers.server(context);
        server.beginHandshake();
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, AttackPeers.feed(server, rec, null));
    }

    // ---------------------------------------------------------------------------------------------
    // GREASE (RFC 8701): reserved values in a ClientHello are ignored, never selected, never fatal.

    @Test
    void greaseValuesInClientHelloAreIgnored() throws Exception {
        SSLEngine c = AttackPeers.client(context);
        c.beginHandshake();
        ClientHello ch = ClientHelloEdit.decode(AttackPeers.drain(c));
        List<Integer> suites = new ArrayList<>(List.of(0x0a0a));
        suites.addAll(ch.cipherSuites());
        suites.add(0xfafa);
        ClientHello grease = ClientHelloEdit.withSuites(ch, suites);
        List<Integer> groups = new ArrayList<>(List.of(0x1a1a));
        groups.addAll(ch.extensions().get(SupportedGroupsExtension.class).groups());
        grease = ClientHelloEdit.withExtension(grease, new SupportedGroupsExtension(groups));
        List<Integer> versions = new ArrayList<>(List.of(0x2a2a));
        versions.addAll(ch.extensions().get(SupportedVersionsClientHello.class).versions());
        grease = ClientHelloEdit.withExtension(grease, new SupportedVersionsClientHello(versions));
        List<Integer> schemes = new ArrayList<>(List.of(0x3a3a));
        schemes.addAll(ch.extensions().get(SignatureAlgorithmsExtension.class).schemes());
        grease = ClientHelloEdit.withExtension(grease, new SignatureAlgorithmsExtension(schemes));
        List<KeyShareEntry> shares = new ArrayList<>(List.of(new KeyShareEntry(0x1a1a, new byte[] {0})));
        shares.addAll(ch.extensions().get(KeyShareClientHello.class).shares());
        grease = ClientHelloEdit.withExtension(grease, new KeyShareClientHello(shares));
        grease = ClientHelloEdit.withExtension(grease, new UnknownExtension(0x4a4a, new byte[0]));
        grease = ClientHelloEdit.withExtension(grease, new UnknownExtension(0x5a5a, new byte[] {0}));

        SSLEngine server = AttackPeers.server(context);
        server.beginHandshake();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        assertNull(AttackPeers.feed(server, ClientHelloEdit.record(grease), answer));
        byte[] message = AttackPeers.firstFragment(answer.toByteArray());
        assertEquals(2, message[0], "a ServerHello");
        ServerHello sh = ServerHello.decode(new TlsReader(Arrays.copyOfRange(message, 4, message.length)));
        assertFalse(sh.isHelloRetryRequest(), "no retry: the genuine key share was found behind the GREASE one");
        assertTrue(ch.cipherSuites().contains(sh.cipherSuite()), "a suite the client really offered");
        assertEquals(0x0304, sh.extensions().get(SupportedVersionsServerHello.class).selectedVersion());
        assertEquals(NamedGroup.X25519.code(), sh.extensions().get(KeyShareServerHello.class).share().group());
    }

    /** Helper for tests of an established victim: a SSLEngineResult sanity check. */
    static void assertOk(SSLEngineResult r) {
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
    }

    static ByteBuffer empty() {
        return ByteBuffer.allocate(0);
    }
}
