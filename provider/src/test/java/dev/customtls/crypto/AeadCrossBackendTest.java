package dev.customtls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AEAD seal/open across backends, in place and out of place, and tampering detected as bad_record_mac. */
class AeadCrossBackendTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            Backends.pairs().forEach(p -> out.add(Arguments.of(a, p.get()[0], p.get()[1])));
        }
        return out.stream();
    }

    static Stream<Arguments> algorithmsAndBackends() {
        List<Arguments> out = new ArrayList<>();
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            Backends.each().forEach(c -> out.add(Arguments.of(a, c)));
        }
        return out.stream();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "{0}: sealed by {1}, opened by {2}")
    @MethodSource("cases")
    void sealThenOpenAcrossBackends(AeadAlgorithm alg, TlsCrypto sealer, TlsCrypto opener) {
        byte[] key = bytes(alg.keyLength(), 1);
        Aead s = sealer.aead(alg, key);
        Aead o = opener.aead(alg, key);
        byte[] aad = {23, 3, 3, 0, 0};
        for (int len : new int[] {0, 1, 15, 16, 17, 255, 16384 + 1}) {
            byte[] nonce = bytes(12, len + 7);
            byte[] plain = bytes(len, len);
            byte[] sealed = new byte[len + 16];
            assertEquals(len + 16, s.seal(nonce, aad, aad.length, plain, 0, len, sealed, 0));
            byte[] opened = new byte[len];
            assertEquals(len, o.open(nonce, aad, aad.length, sealed, 0, sealed.length, opened, 0));
            assertArrayEquals(plain, opened);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("algorithmsAndBackends")
    void inPlaceWithOffsets(AeadAlgorithm alg, TlsCrypto crypto) {
        byte[] key = bytes(alg.keyLength(), 2);
        Aead s = crypto.aead(alg, key);
        Aead o = crypto.aead(alg, key);
        byte[] aad = bytes(13, 3);
        byte[] plain = bytes(1000, 4);
        byte[] buf = new byte[5 + 1000 + 16 + 7];
        System.arraycopy(plain, 0, buf, 5, 1000);
        byte[] nonce = bytes(12, 5);
        assertEquals(1016, s.seal(nonce, aad, aad.length, buf, 5, 1000, buf, 5));
        // same ciphertext as out-of-place sealing by a fresh instance of the other backend
        byte[] ref = new byte[1016];
        TlsCrypto other = crypto == Backends.JDK ? Backends.BC : Backends.JDK;
        other.aead(alg, key).seal(nonce, aad, aad.length, plain, 0, 1000, ref, 0);
        assertArrayEquals(ref, Arrays.copyOfRange(buf, 5, 5 + 1016));
        assertEquals(1000, o.open(nonce, aad, aad.length, buf, 5, 1016, buf, 5));
        assertArrayEquals(plain, Arrays.copyOfRange(buf, 5, 1005));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("algorithmsAndBackends")
    void tamperingIsBadRecordMac(AeadAlgorithm alg, TlsCrypto crypto) {
        byte[] key = bytes(alg.keyLength(), 6);
        byte[] aad = bytes(5, 7);
        byte[] nonce = bytes(12, 8);
        byte[] plain = bytes(100, 9);
        byte[] sealed = new byte[116];
        crypto.aead(alg, key).seal(nonce, aad, aad.length, plain, 0, 100, sealed, 0);

        List<Runnable> attacks = new ArrayList<>();
        for (int pos : new int[] {0, 50, 99, 100, 115}) {
            byte[] t = sealed.clone();
            t[pos] ^= 1;
            attacks.add(() -> crypto.aead(alg, key).open(nonce, aad, aad.length, t, 0, t.length, new byte[116], 0));
        }
        byte[] aad2 = aad.clone();
        aad2[4] ^= 1;
        attacks.add(() -> crypto.aead(alg, key).open(nonce, aad2, aad2.length, sealed, 0, 116, new byte[116], 0));
        byte[] nonce2 = nonce.clone();
        nonce2[11] ^= 1;
        attacks.add(() -> crypto.aead(alg, key).open(nonce2, aad, aad.length, sealed, 0, 116, new byte[116], 0));
        byte[] key2 = key.clone();
        key2[0] ^= 1;
        attacks.add(() -> crypto.aead(alg, key2).open(nonce, aad, aad.length, sealed, 0, 116, new byte[116], 0));
        attacks.add(() -> crypto.aead(alg, key).open(nonce, aad, aad.length, sealed, 0, 115, new byte[116], 0));
        attacks.add(() -> crypto.aead(alg, key).open(nonce, aad, aad.length, sealed, 0, 15, new byte[116], 0));
        attacks.add(() -> crypto.aead(alg, key).open(nonce, aad, aad.length, sealed, 0, 0, new byte[116], 0));
        for (Runnable r : attacks) {
            TlsAlertException e = assertThrows(TlsAlertException.class, r::run);
            assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
        }

        // a failed in-place open leaves no unauthenticated plaintext behind
        byte[] t = sealed.clone();
        t[115] ^= 1;
        assertThrows(TlsAlertException.class, () -> crypto.aead(alg, key).open(nonce, aad, aad.length, t, 0, 116, t, 0));
        byte[] leaked = Arrays.copyOf(t, 100);
        for (int i = 0; i < 100; i++) {
            if (leaked[i] == plain[i] && i > 0 && leaked[i - 1] == plain[i - 1] && i > 1 && leaked[i - 2] == plain[i - 2]) {
                throw new AssertionError("plaintext left in buffer after failed open");
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("algorithmsAndBackends")
    void wrongKeyOrNonceLengthIsInternalError(AeadAlgorithm alg, TlsCrypto crypto) {
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> crypto.aead(alg, new byte[alg.keyLength() - 1]));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        Aead a = crypto.aead(alg, new byte[alg.keyLength()]);
        e = assertThrows(TlsAlertException.class, () -> a.seal(new byte[8], new byte[0], 0, new byte[1], 0, 1, new byte[17], 0));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    /** RFC 8448 section 3: the client close_notify record (application key, sequence number 1). */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("algorithmsAndBackends")
    void aes128GcmAgainstRfc8448AlertRecord(AeadAlgorithm alg, TlsCrypto crypto) {
        if (alg != AeadAlgorithm.AES_128_GCM) {
            return;
        }
        // RFC 8448 section 3, client's close_notify alert protected with the client application key
        // (sequence number 1): key 17422dda..., iv 5b78923d... xor 1
        HexFormat hex = HexFormat.of();
        byte[] key = hex.parseHex("17422dda596ed5d9acd890e3c63f5051");
        byte[] nonce = hex.parseHex("5b78923dee08579033e523d8");
        byte[] plain = hex.parseHex("010015");
        byte[] aad = hex.parseHex("1703030013");
        byte[] out = new byte[19];
        crypto.aead(alg, key).seal(nonce, aad, 5, plain, 0, 3, out, 0);
        assertEquals("c9872760655666b74d7ff1153efd6db6d0b0e3", hex.formatHex(out));
    }

    /**
     * An AEAD that takes over a retired one's cipher object (a traffic key change) seals exactly as a new one
     * with the same key, for every algorithm the retired one may have had.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("algorithmsAndBackends")
    void rekeyedAeadEqualsANewOne(AeadAlgorithm alg, TlsCrypto crypto) {
        byte[] aad = {23, 3, 3, 0, 0};
        byte[] nonce = bytes(12, 3);
        byte[] plain = bytes(100, 4);
        for (AeadAlgorithm previous : AeadAlgorithm.values()) {
            Aead retired = crypto.aead(previous, bytes(previous.keyLength(), 5));
            retired.seal(nonce, aad, aad.length, plain, 0, plain.length, new byte[116], 0);
            byte[] key = bytes(alg.keyLength(), 6);
            Aead next = crypto.aead(alg, key, retired);
            assertEquals(alg, next.algorithm());
            byte[] expected = new byte[116];
            crypto.aead(alg, key).seal(nonce, aad, aad.length, plain, 0, plain.length, expected, 0);
            byte[] actual = new byte[116];
            next.seal(nonce, aad, aad.length, plain, 0, plain.length, actual, 0);
            assertArrayEquals(expected, actual, "after " + previous);
            byte[] opened = new byte[100];
            // (the opening side is another object: a JCA ChaCha20 cipher refuses the same key and nonce twice)
            Aead opener = crypto.aead(alg, key, crypto.aead(previous, bytes(previous.keyLength(), 8)));
            assertEquals(100, opener.open(nonce, aad, aad.length, actual, 0, 116, opened, 0));
            assertArrayEquals(plain, opened);
        }
        assertEquals(alg, crypto.aead(alg, bytes(alg.keyLength(), 7), null).algorithm());
    }
}
