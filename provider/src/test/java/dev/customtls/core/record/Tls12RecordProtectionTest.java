package dev.customtls.core.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.error.TlsAlertException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class Tls12RecordProtectionTest {

    private static byte[] fixedIv(AeadAlgorithm alg) {
        byte[] iv = new byte[alg == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) (0x50 + i);
        }
        return iv;
    }

    private static Tls12RecordEncrypter encrypter(AeadAlgorithm alg) {
        return new Tls12RecordEncrypter(JcaTestAead.withKeyByte(alg, 9), fixedIv(alg));
    }

    private static Tls12RecordDecrypter decrypter(AeadAlgorithm alg) {
        return new Tls12RecordDecrypter(JcaTestAead.withKeyByte(alg, 9), fixedIv(alg));
    }

    private static byte[] content(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    private static int explicitLength(AeadAlgorithm alg) {
        return alg == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : 8;
    }

    private static AlertDescription alertOf(Runnable r) {
        return assertThrows(TlsAlertException.class, r::run).alert();
    }

    static Stream<Arguments> roundTrips() {
        List<Arguments> cases = new ArrayList<>();
        for (AeadAlgorithm alg : AeadAlgorithm.values()) {
            for (int type : new int[] {ContentType.APPLICATION_DATA, ContentType.HANDSHAKE, ContentType.ALERT}) {
                for (int len : new int[] {0, 1, 2, 1000, RecordHeader.MAX_PLAINTEXT}) {
                    cases.add(Arguments.of(alg, type, len));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} type={1} len={2}")
    @MethodSource("roundTrips")
    void sealThenOpenRoundTrips(AeadAlgorithm alg, int type, int len) {
        Tls12RecordEncrypter enc = encrypter(alg);
        Tls12RecordDecrypter dec = decrypter(alg);
        byte[] pt = content(len);
        int total = Tls12RecordEncrypter.sealedLength(alg, len);
        assertEquals(5 + explicitLength(alg) + len + 16, total);
        for (int record = 0; record < 3; record++) {
            byte[] out = new byte[total + 1];
            assertEquals(total, enc.seal(type, pt, 0, len, out, 1));
            assertEquals(type, RecordHeader.contentType(out, 1));
            assertEquals(0x0303, RecordHeader.legacyVersion(out, 1));
            int fragment = RecordHeader.fragmentLength(out, 1, RecordHeader.MAX_TLS12_CIPHERTEXT);
            assertEquals(total - 5, fragment);
            if (explicitLength(alg) == 8) {
                assertEquals("000000000000000" + record, Hex.encode(Arrays.copyOfRange(out, 6, 14)),
                        "explicit nonce is the sequence number");
            }
            assertEquals(len, dec.open(out, 1, fragment));
            assertEquals(1 + 5 + explicitLength(alg), dec.plaintextOffset());
            assertEquals(type, dec.contentType());
            assertArrayEquals(pt, Arrays.copyOfRange(out, dec.plaintextOffset(), dec.plaintextOffset() + len));
        }
        assertEquals(3, enc.sequenceNumber());
        assertEquals(3, dec.sequenceNumber());
    }

    @Test
    void gcmNonceIsSaltThenExplicitAndAdditionalDataIsSeqTypeVersionLength() {
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        RecordingAead recording = new RecordingAead(JcaTestAead.withKeyByte(alg, 9));
        Tls12RecordEncrypter enc = new Tls12RecordEncrypter(recording, fixedIv(alg));
        enc.setSequenceNumber(0x0102030405060708L);
        byte[] out = new byte[5 + 8 + 20 + 16];
        enc.seal(ContentType.HANDSHAKE, content(20), 0, 20, out, 0);
        assertEquals("505152530102030405060708", Hex.encode(recording.lastNonce));
        assertEquals("0102030405060708" + "16" + "0303" + "0014", Hex.encode(recording.lastAad));
        assertEquals("160303002c0102030405060708", Hex.encode(Arrays.copyOf(out, 13)));
    }

    @Test
    void chachaNonceIsIvXorSequenceNumber() {
        AeadAlgorithm alg = AeadAlgorithm.CHACHA20_POLY1305;
        RecordingAead recording = new RecordingAead(JcaTestAead.withKeyByte(alg, 9));
        Tls12RecordEncrypter enc = new Tls12RecordEncrypter(recording, fixedIv(alg));
        enc.setSequenceNumber(0x0102030405060708L);
        byte[] out = new byte[5 + 20 + 16];
        enc.seal(ContentType.APPLICATION_DATA, content(20), 0, 20, out, 0);
        assertEquals("50515253" + "555755535d5f5d53" /* 54..5b XOR 01..08 */, Hex.encode(recording.lastNonce));
        assertEquals("0102030405060708" + "17" + "0303" + "0014", Hex.encode(recording.lastAad));
        assertEquals("1703030024", Hex.encode(Arrays.copyOf(out, 5)));
    }

    /**
     * An independent computation of one AES-128-GCM record straight from RFC 5246 section 6.2.3.3 and RFC
     * 5288 section 3 with the JCA cipher: nonce = salt || seq, additional data = seq || type || version ||
     * length.
     */
    @Test
    void gcmRecordMatchesDirectComputation() throws Exception {
        byte[] key = Hex.decode("000102030405060708090a0b0c0d0e0f");
        byte[] salt = Hex.decode("cafebabe");
        byte[] pt = "hello, TLS 1.2".getBytes(StandardCharsets.US_ASCII);
        long seq = 5;
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, Hex.decode("cafebabe0000000000000005")));
        c.updateAAD(Hex.decode("0000000000000005" + "17" + "0303" + "000e"));
        byte[] expected = Hex.decode("1703030026" + "0000000000000005" + Hex.encode(c.doFinal(pt)));

        Tls12RecordEncrypter enc = new Tls12RecordEncrypter(new JcaTestAead(AeadAlgorithm.AES_128_GCM, key), salt);
        enc.setSequenceNumber(seq);
        byte[] out = new byte[expected.length];
        enc.seal(ContentType.APPLICATION_DATA, pt, 0, pt.length, out, 0);
        assertArrayEquals(expected, out);
    }

    /**
     * A published TLS 1.2 AES_128_GCM_SHA256 record sample (write key, 4-byte write IV, sequence number 1,
     * a "GET /" request) whose sender used an all-zero explicit nonce: the receiver must take the nonce from
     * the record, not assume it equals the sequence number.
     */
    @Test
    void gcmKnownAnswerRecordWithZeroExplicitNonceOpens() {
        byte[] record = Hex.decode("170303003b"
                + "0000000000000000ed3ca96c8bd2fbb376c2dc417f3ec249e8ab550dab1c421293f0e642a0c152b43a546a8b4"
                + "9b6128ee6e23454b7e580423ba985");
        Tls12RecordDecrypter dec = new Tls12RecordDecrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Hex.decode("152300c2dc44c8f695d4fb1471791659")),
                Hex.decode("b56bf932"));
        dec.setSequenceNumber(1);
        int n = dec.open(record, 0, 59);
        assertEquals("GET / HTTP/1.1\r\nHost: undefined\r\n\r\n",
                new String(record, dec.plaintextOffset(), n, StandardCharsets.US_ASCII));

        Tls12RecordDecrypter wrongSeq = new Tls12RecordDecrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Hex.decode("152300c2dc44c8f695d4fb1471791659")),
                Hex.decode("b56bf932"));
        byte[] again = Hex.decode("170303003b"
                + "0000000000000000ed3ca96c8bd2fbb376c2dc417f3ec249e8ab550dab1c421293f0e642a0c152b43a546a8b4"
                + "9b6128ee6e23454b7e580423ba985");
        assertEquals(AlertDescription.BAD_RECORD_MAC, alertOf(() -> wrongSeq.open(again, 0, 59)));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sameRecordTwiceGivesDifferentCiphertexts(AeadAlgorithm alg) {
        Tls12RecordEncrypter enc = encrypter(alg);
        int total = Tls12RecordEncrypter.sealedLength(alg, 32);
        byte[] a = new byte[total];
        byte[] b = new byte[total];
        enc.seal(ContentType.APPLICATION_DATA, content(32), 0, 32, a, 0);
        enc.seal(ContentType.APPLICATION_DATA, content(32), 0, 32, b, 0);
        assertNotEquals(Hex.encode(Arrays.copyOfRange(a, 5 + explicitLength(alg), total)),
                Hex.encode(Arrays.copyOfRange(b, 5 + explicitLength(alg), total)));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sequenceNumberNeverWraps(AeadAlgorithm alg) {
        Tls12RecordEncrypter enc = encrypter(alg);
        Tls12RecordDecrypter dec = decrypter(alg);
        enc.setSequenceNumber(-1L);
        dec.setSequenceNumber(-1L);
        byte[] out = new byte[Tls12RecordEncrypter.sealedLength(alg, 4)];
        enc.seal(ContentType.APPLICATION_DATA, content(4), 0, 4, out, 0);
        assertEquals(4, dec.open(out, 0, out.length - 5));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, content(4), 0, 4, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> dec.open(out, 0, out.length - 5)));
    }

    static Stream<Arguments> malformed() {
        List<Arguments> cases = new ArrayList<>();
        for (AeadAlgorithm alg : new AeadAlgorithm[] {AeadAlgorithm.AES_128_GCM, AeadAlgorithm.CHACHA20_POLY1305}) {
            int x = explicitLength(alg);
            byte[] good = new byte[Tls12RecordEncrypter.sealedLength(alg, 30)];
            encrypter(alg).seal(ContentType.APPLICATION_DATA, content(30), 0, 30, good, 0);

            byte[] badTag = good.clone();
            badTag[badTag.length - 1] ^= 1;
            cases.add(Arguments.of(alg, "bad tag", badTag, AlertDescription.BAD_RECORD_MAC));
            byte[] badCiphertext = good.clone();
            badCiphertext[5 + x] ^= 1;
            cases.add(Arguments.of(alg, "flipped ciphertext", badCiphertext, AlertDescription.BAD_RECORD_MAC));
            byte[] badType = good.clone();
            badType[0] = ContentType.HANDSHAKE; // the type is authenticated as additional data
            cases.add(Arguments.of(alg, "header type changed", badType, AlertDescription.BAD_RECORD_MAC));
            byte[] badVersion = good.clone();
            badVersion[2] = 1;
            cases.add(Arguments.of(alg, "header version changed", badVersion, AlertDescription.BAD_RECORD_MAC));
            if (x > 0) {
                byte[] badExplicit = good.clone();
                badExplicit[12] ^= 1;
                cases.add(Arguments.of(alg, "explicit nonce changed", badExplicit, AlertDescription.BAD_RECORD_MAC));
            }
            cases.add(Arguments.of(alg, "shorter than nonce + tag", withLength(good, x + 15),
                    AlertDescription.BAD_RECORD_MAC));
            cases.add(Arguments.of(alg, "empty fragment", withLength(good, 0), AlertDescription.BAD_RECORD_MAC));
            cases.add(Arguments.of(alg, "fragment 2^14+2049", withLength(good, RecordHeader.MAX_TLS12_CIPHERTEXT + 1),
                    AlertDescription.RECORD_OVERFLOW));
            cases.add(Arguments.of(alg, "plaintext 2^14+1", withLength(good, x + RecordHeader.MAX_PLAINTEXT + 1 + 16),
                    AlertDescription.RECORD_OVERFLOW));
        }
        return cases.stream();
    }

    private static byte[] withLength(byte[] header5, int fragmentLen) {
        byte[] rec = new byte[5 + fragmentLen];
        System.arraycopy(header5, 0, rec, 0, 5);
        rec[3] = (byte) (fragmentLen >>> 8);
        rec[4] = (byte) fragmentLen;
        return rec;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformed")
    void malformedRecordRaisesExactAlert(AeadAlgorithm alg, String name, byte[] record, AlertDescription expected) {
        int fragment = ((record[3] & 0xff) << 8) | (record[4] & 0xff);
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> decrypter(alg).open(record, 0, fragment));
        assertEquals(expected, e.alert(), e.getMessage());
    }

    @Test
    void recordSizeLimitBoundsTheContent() {
        AeadAlgorithm alg = AeadAlgorithm.AES_256_GCM;
        byte[] ok = new byte[Tls12RecordEncrypter.sealedLength(alg, 64)];
        encrypter(alg).seal(ContentType.APPLICATION_DATA, content(64), 0, 64, ok, 0);
        Tls12RecordDecrypter dec = decrypter(alg);
        dec.setMaxPlaintext(64);
        assertEquals(64, dec.open(ok, 0, ok.length - 5));

        byte[] over = new byte[Tls12RecordEncrypter.sealedLength(alg, 65)];
        encrypter(alg).seal(ContentType.APPLICATION_DATA, content(65), 0, 65, over, 0);
        Tls12RecordDecrypter dec2 = decrypter(alg);
        dec2.setMaxPlaintext(64);
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertOf(() -> dec2.open(over, 0, over.length - 5)));

        Tls12RecordEncrypter enc = encrypter(alg);
        enc.setMaxPlaintext(64);
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, content(65), 0, 65, over, 0)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformed")
    void malformedRecordRaisesTheSameAlertOpenedOutOfPlace(AeadAlgorithm alg, String name, byte[] record,
            AlertDescription expected) {
        int fragment = ((record[3] & 0xff) << 8) | (record[4] & 0xff);
        byte[] out = new byte[RecordHeader.MAX_TLS12_CIPHERTEXT];
        TlsAlertException e = assertThrows(TlsAlertException.class,
                () -> decrypter(alg).open(record, 0, fragment, out, 2));
        assertEquals(expected, e.alert(), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void opensIntoASeparateArrayAndLeavesTheRecordAlone(AeadAlgorithm alg) {
        Tls12RecordEncrypter enc = encrypter(alg);
        Tls12RecordDecrypter dec = decrypter(alg);
        byte[] pt = content(1000);
        byte[] rec = new byte[Tls12RecordEncrypter.sealedLength(alg, 1000)];
        enc.seal(ContentType.APPLICATION_DATA, pt, 0, 1000, rec, 0);
        byte[] sealedCopy = rec.clone();

        byte[] small = new byte[6 + 999];
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> dec.open(rec, 0, rec.length - 5, small, 6)));
        assertEquals(0, dec.sequenceNumber(), "a refused call consumes no sequence number");

        byte[] out = new byte[6 + 1000];
        assertEquals(1000, dec.open(rec, 0, rec.length - 5, out, 6));
        assertEquals(6, dec.plaintextOffset());
        assertEquals(ContentType.APPLICATION_DATA, dec.contentType());
        assertArrayEquals(pt, Arrays.copyOfRange(out, 6, 1006));
        assertArrayEquals(sealedCopy, rec, "the record is not written");
        assertEquals(1, dec.sequenceNumber());
    }

    @Test
    void inPlaceZeroCopyLayout() {
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        byte[] buf = new byte[Tls12RecordEncrypter.sealedLength(alg, 100)];
        byte[] pt = content(100);
        System.arraycopy(pt, 0, buf, 13, 100);
        int n = encrypter(alg).seal(ContentType.APPLICATION_DATA, buf, 13, 100, buf, 0);
        Tls12RecordDecrypter dec = decrypter(alg);
        assertEquals(100, dec.open(buf, 0, n - 5));
        assertArrayEquals(pt, Arrays.copyOfRange(buf, 13, 113));
    }

    @Test
    void constructorAndSealRejectMisuse() {
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> new Tls12RecordEncrypter(
                JcaTestAead.withKeyByte(AeadAlgorithm.AES_128_GCM, 1), new byte[12])));
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> new Tls12RecordDecrypter(
                JcaTestAead.withKeyByte(AeadAlgorithm.CHACHA20_POLY1305, 1), new byte[4])));
        Tls12RecordEncrypter enc = encrypter(AeadAlgorithm.AES_128_GCM);
        byte[] out = new byte[100];
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> enc.seal(99, content(1), 0, 1, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, content(80), 0, 80, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> enc.seal(ContentType.APPLICATION_DATA,
                new byte[RecordHeader.MAX_PLAINTEXT + 1], 0, RecordHeader.MAX_PLAINTEXT + 1,
                new byte[RecordHeader.MAX_TLS12_CIPHERTEXT], 0)));
        assertEquals(0, enc.sequenceNumber());
    }
}
