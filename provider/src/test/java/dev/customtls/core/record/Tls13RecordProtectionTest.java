package dev.customtls.core.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class Tls13RecordProtectionTest {

    private static byte[] iv(AeadAlgorithm alg) {
        byte[] iv = new byte[alg.ivLength()];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) (0xa0 + i);
        }
        return iv;
    }

    private static Tls13RecordEncrypter encrypter(AeadAlgorithm alg) {
        return new Tls13RecordEncrypter(JcaTestAead.withKeyByte(alg, 7), iv(alg));
    }

    private static Tls13RecordDecrypter decrypter(AeadAlgorithm alg) {
        return new Tls13RecordDecrypter(JcaTestAead.withKeyByte(alg, 7), iv(alg));
    }

    private static byte[] content(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 31 + 1);
        }
        return b;
    }

    private static AlertDescription alertOf(Runnable r) {
        return assertThrows(TlsAlertException.class, r::run).alert();
    }

    // ---- RFC 8448 section 3 ----

    @Test
    void rfc8448ServerHandshakeRecordSealsByteExact() {
        Tls13RecordEncrypter enc = new Tls13RecordEncrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Rfc8448Vectors.SERVER_HS_KEY), Rfc8448Vectors.SERVER_HS_IV);
        byte[] pt = Rfc8448Vectors.SERVER_HS_PLAINTEXT;
        assertEquals(657, pt.length);
        byte[] out = new byte[Tls13RecordEncrypter.sealedLength(pt.length, 0, 16)];
        int n = enc.seal(ContentType.HANDSHAKE, pt, 0, pt.length, 0, out, 0);
        assertEquals(679, n);
        assertEquals(Hex.encode(Rfc8448Vectors.SERVER_HS_RECORD), Hex.encode(out));
        assertEquals(1, enc.sequenceNumber());
    }

    @Test
    void rfc8448ServerHandshakeRecordSealsInPlaceWithZeroCopyLayout() {
        Tls13RecordEncrypter enc = new Tls13RecordEncrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Rfc8448Vectors.SERVER_HS_KEY), Rfc8448Vectors.SERVER_HS_IV);
        byte[] pt = Rfc8448Vectors.SERVER_HS_PLAINTEXT;
        byte[] buf = new byte[3 + 679 + 7];
        System.arraycopy(pt, 0, buf, 3 + 5, pt.length);
        int n = enc.seal(ContentType.HANDSHAKE, buf, 3 + 5, pt.length, 0, buf, 3);
        assertArrayEquals(Rfc8448Vectors.SERVER_HS_RECORD, Arrays.copyOfRange(buf, 3, 3 + n));
    }

    @Test
    void rfc8448ServerHandshakeRecordOpensInPlace() {
        Tls13RecordDecrypter dec = new Tls13RecordDecrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Rfc8448Vectors.SERVER_HS_KEY), Rfc8448Vectors.SERVER_HS_IV);
        byte[] buf = new byte[10 + 679];
        System.arraycopy(Rfc8448Vectors.SERVER_HS_RECORD, 0, buf, 10, 679);
        int fragment = RecordHeader.fragmentLength(buf, 10, RecordHeader.MAX_TLS13_CIPHERTEXT);
        assertEquals(674, fragment);
        int n = dec.open(buf, 10, fragment);
        assertEquals(657, n);
        assertEquals(ContentType.HANDSHAKE, dec.contentType());
        assertArrayEquals(Rfc8448Vectors.SERVER_HS_PLAINTEXT, Arrays.copyOfRange(buf, 15, 15 + n));
        assertEquals(1, dec.sequenceNumber());
    }

    @Test
    void rfc8448ServerApplicationDataAtSequenceOne() {
        byte[] payload = Rfc8448Vectors.applicationPayload();
        Tls13RecordEncrypter enc = new Tls13RecordEncrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Rfc8448Vectors.SERVER_AP_KEY), Rfc8448Vectors.SERVER_AP_IV);
        enc.setSequenceNumber(1);
        byte[] out = new byte[72];
        assertEquals(72, enc.seal(ContentType.APPLICATION_DATA, payload, 0, payload.length, 0, out, 0));
        assertArrayEquals(Rfc8448Vectors.SERVER_AP_RECORD, out);

        Tls13RecordDecrypter dec = new Tls13RecordDecrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Rfc8448Vectors.SERVER_AP_KEY), Rfc8448Vectors.SERVER_AP_IV);
        dec.setSequenceNumber(1);
        byte[] rec = Rfc8448Vectors.SERVER_AP_RECORD.clone();
        assertEquals(50, dec.open(rec, 0, 67));
        assertEquals(ContentType.APPLICATION_DATA, dec.contentType());
        assertArrayEquals(payload, Arrays.copyOfRange(rec, 5, 55));
    }

    @Test
    void rfc8448RecordDoesNotOpenAtTheWrongSequenceNumber() {
        Tls13RecordDecrypter dec = new Tls13RecordDecrypter(
                new JcaTestAead(AeadAlgorithm.AES_128_GCM, Rfc8448Vectors.SERVER_AP_KEY), Rfc8448Vectors.SERVER_AP_IV);
        byte[] rec = Rfc8448Vectors.SERVER_AP_RECORD.clone();
        assertEquals(AlertDescription.BAD_RECORD_MAC, alertOf(() -> dec.open(rec, 0, 67)));
    }

    // ---- round trips ----

    static Stream<Arguments> roundTrips() {
        List<Arguments> cases = new ArrayList<>();
        int[] types = {ContentType.APPLICATION_DATA, ContentType.HANDSHAKE, ContentType.ALERT};
        for (AeadAlgorithm alg : AeadAlgorithm.values()) {
            for (int type : types) {
                for (int len : new int[] {0, 1, 2, 1000, RecordHeader.MAX_PLAINTEXT}) {
                    for (int padding : new int[] {0, 1, 255}) {
                        if (len + padding <= RecordHeader.MAX_PLAINTEXT) {
                            cases.add(Arguments.of(alg, type, len, padding));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} type={1} len={2} padding={3}")
    @MethodSource("roundTrips")
    void sealThenOpenRoundTrips(AeadAlgorithm alg, int type, int len, int padding) {
        Tls13RecordEncrypter enc = encrypter(alg);
        Tls13RecordDecrypter dec = decrypter(alg);
        byte[] pt = content(len);
        int total = Tls13RecordEncrypter.sealedLength(len, padding, alg.tagLength());
        byte[] out = new byte[total + 2];
        assertEquals(total, enc.seal(type, pt, 0, len, padding, out, 2));
        assertEquals(ContentType.APPLICATION_DATA, RecordHeader.contentType(out, 2));
        assertEquals(0x0303, RecordHeader.legacyVersion(out, 2));
        int fragment = RecordHeader.fragmentLength(out, 2, RecordHeader.MAX_TLS13_CIPHERTEXT);
        assertEquals(total - 5, fragment);
        assertEquals(len, dec.open(out, 2, fragment));
        assertEquals(type, dec.contentType());
        assertArrayEquals(pt, Arrays.copyOfRange(out, 7, 7 + len));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void zeroLengthApplicationDataRecord(AeadAlgorithm alg) {
        byte[] out = new byte[5 + 1 + 16];
        assertEquals(22, encrypter(alg).seal(ContentType.APPLICATION_DATA, new byte[0], 0, 0, 0, out, 0));
        Tls13RecordDecrypter dec = decrypter(alg);
        assertEquals(0, dec.open(out, 0, 17));
        assertEquals(ContentType.APPLICATION_DATA, dec.contentType());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void manyRecordsInSequence(AeadAlgorithm alg) {
        Tls13RecordEncrypter enc = encrypter(alg);
        Tls13RecordDecrypter dec = decrypter(alg);
        byte[] pt = content(300);
        byte[] out = new byte[400];
        for (int i = 0; i < 300; i++) {
            int n = enc.seal(ContentType.APPLICATION_DATA, pt, 0, i, i % 3, out, 0);
            assertEquals(i, dec.open(out, 0, n - 5));
            assertArrayEquals(Arrays.copyOf(pt, i), Arrays.copyOfRange(out, 5, 5 + i));
        }
        assertEquals(300, enc.sequenceNumber());
        assertEquals(300, dec.sequenceNumber());
    }

    @Test
    void inputMayOverlapOutputAnywhere() {
        AeadAlgorithm alg = AeadAlgorithm.AES_256_GCM;
        byte[] pt = content(100);
        for (int inOff : new int[] {0, 1, 4, 5, 6, 50}) {
            byte[] buf = new byte[200];
            System.arraycopy(pt, 0, buf, inOff, 100);
            int n = encrypter(alg).seal(ContentType.APPLICATION_DATA, buf, inOff, 100, 3, buf, 0);
            assertEquals(100, decrypter(alg).open(buf, 0, n - 5), "inOff " + inOff);
            assertArrayEquals(pt, Arrays.copyOfRange(buf, 5, 105), "inOff " + inOff);
        }
    }

    // ---- nonce and sequence numbers ----

    @Test
    void nonceIsIvXorPaddedSequenceNumber() {
        AeadAlgorithm alg = AeadAlgorithm.CHACHA20_POLY1305;
        RecordingAead recording = new RecordingAead(JcaTestAead.withKeyByte(alg, 1));
        byte[] iv = iv(alg);
        Tls13RecordEncrypter enc = new Tls13RecordEncrypter(recording, iv);
        byte[] out = new byte[64];

        enc.seal(ContentType.APPLICATION_DATA, new byte[3], 0, 3, 0, out, 0);
        assertArrayEquals(iv, recording.lastNonce, "sequence 0: nonce == iv");
        assertEquals("1703030014", Hex.encode(recording.lastAad), "additional data is the record header");

        enc.seal(ContentType.APPLICATION_DATA, new byte[3], 0, 3, 0, out, 0);
        byte[] expected = iv.clone();
        expected[11] ^= 1;
        assertArrayEquals(expected, recording.lastNonce, "sequence 1");

        enc.setSequenceNumber(0x0102030405060708L);
        enc.seal(ContentType.APPLICATION_DATA, new byte[3], 0, 3, 0, out, 0);
        expected = iv.clone();
        for (int i = 0; i < 8; i++) {
            expected[4 + i] ^= (byte) (i + 1);
        }
        assertArrayEquals(expected, recording.lastNonce, "sequence 0x0102030405060708");

        enc.setSequenceNumber(-1L);
        enc.seal(ContentType.APPLICATION_DATA, new byte[3], 0, 3, 0, out, 0);
        expected = iv.clone();
        for (int i = 4; i < 12; i++) {
            expected[i] = (byte) ~expected[i];
        }
        assertArrayEquals(expected, recording.lastNonce, "sequence 2^64-1");
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sameRecordTwiceGivesDifferentCiphertexts(AeadAlgorithm alg) {
        Tls13RecordEncrypter enc = encrypter(alg);
        byte[] pt = content(40);
        byte[] first = new byte[62];
        byte[] second = new byte[62];
        enc.seal(ContentType.APPLICATION_DATA, pt, 0, 40, 0, first, 0);
        enc.seal(ContentType.APPLICATION_DATA, pt, 0, 40, 0, second, 0);
        assertNotEquals(Hex.encode(first), Hex.encode(second));

        // Out of order: the second record does not open as the first.
        Tls13RecordDecrypter dec = decrypter(alg);
        assertEquals(AlertDescription.BAD_RECORD_MAC, alertOf(() -> dec.open(second.clone(), 0, 57)));
        Tls13RecordDecrypter inOrder = decrypter(alg);
        assertEquals(40, inOrder.open(first, 0, 57));
        assertEquals(40, inOrder.open(second, 0, 57));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sequenceNumberExhaustionRaisesAlertInsteadOfWrapping(AeadAlgorithm alg) {
        Tls13RecordEncrypter enc = encrypter(alg);
        Tls13RecordDecrypter dec = decrypter(alg);
        enc.setSequenceNumber(-2L);
        dec.setSequenceNumber(-2L);
        byte[] out = new byte[40];
        for (int i = 0; i < 2; i++) { // sequence numbers 2^64-2 and 2^64-1 are usable
            int n = enc.seal(ContentType.APPLICATION_DATA, content(5), 0, 5, 0, out, 0);
            assertEquals(5, dec.open(out, 0, n - 5));
        }
        assertTrue(enc.keyUpdateDue());
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, content(5), 0, 5, 0, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> dec.open(out, 0, 22)));
        assertEquals(-1L, enc.sequenceNumber(), "never wraps to 0");
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void keyUpdateDueFlipsAtTheLimit(AeadAlgorithm alg) {
        long threshold = Tls13RecordEncrypter.keyUpdateThreshold(alg);
        if (alg != AeadAlgorithm.CHACHA20_POLY1305) {
            assertTrue(threshold > 0 && threshold < alg.recordLimit(), "updates before the RFC 8446 5.5 limit");
        } else {
            assertTrue(Long.compareUnsigned(threshold, -1L) < 0, "updates before the sequence number wraps");
        }
        Tls13RecordEncrypter enc = encrypter(alg);
        assertFalse(enc.keyUpdateDue());
        enc.setSequenceNumber(threshold - 1);
        assertFalse(enc.keyUpdateDue());
        byte[] out = new byte[40];
        enc.seal(ContentType.APPLICATION_DATA, content(1), 0, 1, 0, out, 0);
        assertTrue(enc.keyUpdateDue());
    }

    // ---- malformed records: exact alerts ----

    /** Builds a record with an arbitrary inner plaintext and header, sealed correctly for sequence 0. */
    private static byte[] craft(AeadAlgorithm alg, int outerType, byte[] inner) {
        JcaTestAead aead = JcaTestAead.withKeyByte(alg, 7);
        byte[] rec = new byte[5 + inner.length + alg.tagLength()];
        RecordHeader.write(rec, 0, outerType, 0x0303, inner.length + alg.tagLength());
        byte[] aad = Arrays.copyOf(rec, 5);
        aead.seal(iv(alg), aad, 5, inner, 0, inner.length, rec, 5);
        return rec;
    }

    private static byte[] sealed(AeadAlgorithm alg, int len) {
        byte[] out = new byte[Tls13RecordEncrypter.sealedLength(len, 0, alg.tagLength())];
        encrypter(alg).seal(ContentType.APPLICATION_DATA, content(len), 0, len, 0, out, 0);
        return out;
    }

    private static byte[] withLength(byte[] header5, int fragmentLen) {
        byte[] rec = new byte[5 + fragmentLen];
        System.arraycopy(header5, 0, rec, 0, 5);
        rec[3] = (byte) (fragmentLen >>> 8);
        rec[4] = (byte) fragmentLen;
        return rec;
    }

    static Stream<Arguments> malformed() {
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        List<Arguments> cases = new ArrayList<>();
        byte[] good = sealed(alg, 30);

        byte[] badTag = good.clone();
        badTag[badTag.length - 1] ^= 1;
        cases.add(Arguments.of("bad tag", badTag, AlertDescription.BAD_RECORD_MAC));

        byte[] badCiphertext = good.clone();
        badCiphertext[6] ^= (byte) 0x80;
        cases.add(Arguments.of("flipped ciphertext bit", badCiphertext, AlertDescription.BAD_RECORD_MAC));

        byte[] badVersion = good.clone();
        badVersion[2] = 0x01; // legacy_record_version is authenticated as additional data
        cases.add(Arguments.of("header not as sealed", badVersion, AlertDescription.BAD_RECORD_MAC));

        cases.add(Arguments.of("truncated to 15 bytes (< tag)", withLength(good, 15), AlertDescription.BAD_RECORD_MAC));
        cases.add(Arguments.of("empty fragment", withLength(good, 0), AlertDescription.BAD_RECORD_MAC));
        cases.add(Arguments.of("fragment 2^14+257", withLength(good, RecordHeader.MAX_TLS13_CIPHERTEXT + 1),
                AlertDescription.RECORD_OVERFLOW));
        cases.add(Arguments.of("all-zero plaintext", craft(alg, ContentType.APPLICATION_DATA, new byte[20]),
                AlertDescription.UNEXPECTED_MESSAGE));
        cases.add(Arguments.of("empty inner plaintext", craft(alg, ContentType.APPLICATION_DATA, new byte[0]),
                AlertDescription.UNEXPECTED_MESSAGE));
        cases.add(Arguments.of("inner change_cipher_spec",
                craft(alg, ContentType.APPLICATION_DATA, new byte[] {1, ContentType.CHANGE_CIPHER_SPEC, 0}),
                AlertDescription.UNEXPECTED_MESSAGE));
        cases.add(Arguments.of("unknown inner type 99",
                craft(alg, ContentType.APPLICATION_DATA, new byte[] {1, 99}), AlertDescription.UNEXPECTED_MESSAGE));

        byte[] wrongOuter = good.clone();
        wrongOuter[0] = ContentType.HANDSHAKE;
        cases.add(Arguments.of("outer type handshake", wrongOuter, AlertDescription.UNEXPECTED_MESSAGE));
        byte[] outerAlert = good.clone();
        outerAlert[0] = ContentType.ALERT;
        cases.add(Arguments.of("outer type alert", outerAlert, AlertDescription.UNEXPECTED_MESSAGE));

        byte[] innerTooLong = new byte[RecordHeader.MAX_PLAINTEXT + 2]; // content 2^14 + 1, then type
        innerTooLong[innerTooLong.length - 1] = ContentType.APPLICATION_DATA;
        cases.add(Arguments.of("content 2^14+1", craft(alg, ContentType.APPLICATION_DATA, innerTooLong),
                AlertDescription.RECORD_OVERFLOW));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRecordRaisesExactAlert(String name, byte[] record, AlertDescription expected) {
        Tls13RecordDecrypter dec = decrypter(AeadAlgorithm.AES_128_GCM);
        int fragment = ((record[3] & 0xff) << 8) | (record[4] & 0xff);
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> dec.open(record, 0, fragment));
        assertEquals(expected, e.alert(), e.getMessage());
        assertFalse(e.isReceived());
    }

    /** Out of place, malformed records end in the same alerts as in place, however much room the output has. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRecordRaisesTheSameAlertOpenedOutOfPlace(String name, byte[] record, AlertDescription expected) {
        Tls13RecordDecrypter dec = decrypter(AeadAlgorithm.AES_128_GCM);
        int fragment = ((record[3] & 0xff) << 8) | (record[4] & 0xff);
        byte[] out = new byte[RecordHeader.MAX_TLS13_CIPHERTEXT];
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> dec.open(record, 0, fragment, out, 3));
        assertEquals(expected, e.alert(), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void opensIntoASeparateArrayAndLeavesTheRecordAlone(AeadAlgorithm alg) {
        Tls13RecordEncrypter enc = encrypter(alg);
        Tls13RecordDecrypter dec = decrypter(alg);
        byte[] pt = content(1000);
        byte[] rec = new byte[Tls13RecordEncrypter.sealedLength(1000, 3, alg.tagLength())];
        enc.seal(ContentType.HANDSHAKE, pt, 0, 1000, 3, rec, 0);
        byte[] sealedCopy = rec.clone();
        int fragment = rec.length - 5;
        int inner = fragment - alg.tagLength(); // content, type and three bytes of padding

        byte[] small = new byte[4 + inner - 1];
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> dec.open(rec, 0, fragment, small, 4)));
        assertEquals(0, dec.sequenceNumber(), "a refused call consumes no sequence number");

        byte[] out = new byte[4 + inner];
        assertEquals(1000, dec.open(rec, 0, fragment, out, 4));
        assertEquals(ContentType.HANDSHAKE, dec.contentType());
        assertArrayEquals(pt, Arrays.copyOfRange(out, 4, 1004));
        assertArrayEquals(sealedCopy, rec, "the record is not written");
        assertEquals(1, dec.sequenceNumber());

        // the next record, in place again, follows at sequence 1
        byte[] next = new byte[Tls13RecordEncrypter.sealedLength(10, 0, alg.tagLength())];
        enc.seal(ContentType.APPLICATION_DATA, pt, 0, 10, 0, next, 0);
        assertEquals(10, dec.open(next, 0, next.length - 5));
    }

    @Test
    void paddedRecordOpensAtTheMaximumInnerLength() {
        // content 2^14 plus 1 type byte: the largest TLSInnerPlaintext without padding; with padding over.
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        byte[] inner = new byte[RecordHeader.MAX_PLAINTEXT + 1];
        inner[RecordHeader.MAX_PLAINTEXT] = ContentType.APPLICATION_DATA;
        assertEquals(RecordHeader.MAX_PLAINTEXT, decrypter(alg).open(craft(alg, 23, inner), 0, inner.length + 16));

        byte[] padded = new byte[RecordHeader.MAX_PLAINTEXT + 2];
        padded[0] = ContentType.APPLICATION_DATA; // content 0, type, 2^14 zeros of padding: 2^14 + 2 bytes
        assertEquals(AlertDescription.RECORD_OVERFLOW,
                alertOf(() -> decrypter(alg).open(craft(alg, 23, padded), 0, padded.length + 16)));
    }

    @Test
    void recordSizeLimitAppliesToContentTypeAndPadding() {
        AeadAlgorithm alg = AeadAlgorithm.AES_256_GCM;
        // We advertised record_size_limit 101 (RFC 8449): at most 100 bytes of content, 101 of inner plaintext.
        byte[] ok = new byte[5 + 101 + 16];
        encrypter(alg).seal(ContentType.APPLICATION_DATA, content(100), 0, 100, 0, ok, 0);
        Tls13RecordDecrypter dec = decrypter(alg);
        dec.setMaxPlaintext(100);
        assertEquals(100, dec.open(ok, 0, 117));

        byte[] over = new byte[5 + 102 + 16];
        encrypter(alg).seal(ContentType.APPLICATION_DATA, content(101), 0, 101, 0, over, 0);
        Tls13RecordDecrypter dec2 = decrypter(alg);
        dec2.setMaxPlaintext(100);
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertOf(() -> dec2.open(over, 0, 118)));

        byte[] paddedOver = new byte[5 + 102 + 16];
        encrypter(alg).seal(ContentType.APPLICATION_DATA, content(50), 0, 50, 51, paddedOver, 0);
        Tls13RecordDecrypter dec3 = decrypter(alg);
        dec3.setMaxPlaintext(100);
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertOf(() -> dec3.open(paddedOver, 0, 118)));
    }

    // ---- caller errors ----

    @Test
    void sealRejectsArgumentsThatBreakTheRfc() {
        Tls13RecordEncrypter enc = encrypter(AeadAlgorithm.AES_128_GCM);
        byte[] big = new byte[RecordHeader.MAX_PLAINTEXT + 2];
        byte[] out = new byte[RecordHeader.MAX_TLS13_CIPHERTEXT + 10];
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.CHANGE_CIPHER_SPEC, big, 0, 1, 0, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> enc.seal(0, big, 0, 1, 0, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, big, 0, RecordHeader.MAX_PLAINTEXT + 1, 0, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, big, 0, RecordHeader.MAX_PLAINTEXT, 1, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, big, 0, 10, -1, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, big, 0, 10, 0, new byte[31], 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, big, big.length - 5, 10, 0, out, 0)));
        assertEquals(0, enc.sequenceNumber(), "failed calls consume no sequence number");
        assertEquals(32, enc.seal(ContentType.APPLICATION_DATA, big, 0, 10, 0, new byte[32], 0));
    }

    @Test
    void sealHonoursThePeersRecordSizeLimit() {
        Tls13RecordEncrypter enc = encrypter(AeadAlgorithm.AES_128_GCM);
        enc.setMaxPlaintext(63); // peer record_size_limit 64
        byte[] out = new byte[200];
        assertEquals(5 + 64 + 16, enc.seal(ContentType.APPLICATION_DATA, content(63), 0, 63, 0, out, 0));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, content(64), 0, 64, 0, out, 0)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> enc.seal(ContentType.APPLICATION_DATA, content(60), 0, 60, 4, out, 0)));
    }

    @Test
    void constructorRejectsWrongIvLength() {
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> new Tls13RecordEncrypter(
                JcaTestAead.withKeyByte(AeadAlgorithm.AES_128_GCM, 1), new byte[8])));
        assertEquals(AlertDescription.INTERNAL_ERROR, alertOf(() -> new Tls13RecordDecrypter(
                JcaTestAead.withKeyByte(AeadAlgorithm.AES_128_GCM, 1), new byte[13])));
    }

    @Test
    void decrypterRejectsFragmentLengthThatDisagreesWithTheHeader() {
        byte[] rec = sealed(AeadAlgorithm.AES_128_GCM, 10);
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> decrypter(AeadAlgorithm.AES_128_GCM).open(rec, 0, rec.length - 6)));
        assertEquals(AlertDescription.INTERNAL_ERROR,
                alertOf(() -> decrypter(AeadAlgorithm.AES_128_GCM).open(rec, 1, rec.length - 5)));
    }

    @Test
    void encrypterCopiesTheIv() {
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        byte[] iv = iv(alg);
        Tls13RecordEncrypter enc = new Tls13RecordEncrypter(JcaTestAead.withKeyByte(alg, 7), iv);
        Arrays.fill(iv, (byte) 0);
        byte[] out = new byte[30];
        int n = enc.seal(ContentType.APPLICATION_DATA, content(8), 0, 8, 0, out, 0);
        assertEquals(8, decrypter(alg).open(out, 0, n - 5));
    }
}
