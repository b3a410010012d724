package dev.customtls.core.keyschedule;

import static dev.customtls.core.keyschedule.Rfc8448KeyScheduleTest.assertHex;
import static dev.customtls.core.keyschedule.Rfc8448KeyScheduleTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HKDF (RFC 5869 test vectors), HkdfLabel encoding, exporters and the TLS 1.2 PRF (published P_hash vectors). */
class HkdfAndPrfTest {

    static java.util.stream.Stream<TlsCrypto> backends() {
        return Rfc8448KeyScheduleTest.backends();
    }

    /** RFC 5869 appendix A.1 (basic SHA-256 case). */
    @ParameterizedTest
    @MethodSource("backends")
    void rfc5869Case1(TlsCrypto crypto) {
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] prk = hkdf.extract(hex("000102030405060708090a0b0c"), ikm);
        assertHex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", prk);
        assertHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                hkdf.expand(prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42));
    }

    /** RFC 5869 appendix A.3 (zero-length salt and info): the empty salt is the same as no salt. */
    @ParameterizedTest
    @MethodSource("backends")
    void rfc5869Case3EmptySalt(TlsCrypto crypto) {
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] prk = hkdf.extract(new byte[0], ikm);
        assertHex("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04", prk);
        assertArrayEquals(prk, hkdf.extract(null, ikm));
        assertHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                hkdf.expand(prk, new byte[0], 42));
    }

    /** expandLabel feeds HkdfLabel to the MAC piece by piece; it must equal Expand over the encoded label. */
    @ParameterizedTest
    @MethodSource("backends")
    void expandLabelEqualsExpandOverTheEncodedLabel(TlsCrypto crypto) {
        for (HashAlgorithm h : new HashAlgorithm[] {HashAlgorithm.SHA256, HashAlgorithm.SHA384}) {
            Hkdf hkdf = new Hkdf(crypto, h);
            byte[] secret = new byte[h.length()];
            Arrays.fill(secret, (byte) 7);
            for (String label : new String[] {"key", "iv", "finished", "c hs traffic", "", "x".repeat(249), "caf\u00e9"}) {
                for (byte[] context : new byte[][] {null, new byte[0], hkdf.hash(new byte[0]), new byte[255]}) {
                    for (int length : new int[] {0, 1, 12, 16, h.length() - 1, h.length(), h.length() + 1, 3 * h.length()}) {
                        assertArrayEquals(hkdf.expand(secret, Hkdf.hkdfLabel(label, context, length), length),
                                hkdf.expandLabel(secret, label, context, length), label + "/" + length);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void emptyHashIsTheHashOfNothing(TlsCrypto crypto) {
        for (HashAlgorithm h : HashAlgorithm.values()) {
            Hkdf hkdf = new Hkdf(crypto, h);
            byte[] empty = hkdf.emptyHash();
            assertArrayEquals(hkdf.hash(new byte[0]), empty);
            empty[0] ^= 1;
            assertArrayEquals(hkdf.hash(new byte[0]), hkdf.emptyHash()); // a copy each time
        }
    }

    @Test
    void hkdfLabelEncoding() {
        // RFC 8448 section 3: the "key" info for a 16-byte key is 00 10 09 "tls13 key" 00
        assertHex("001009746c733133206b657900", Hkdf.hkdfLabel("key", null, 16));
        assertHex("000c08746c733133206976 00".replace(" ", ""), Hkdf.hkdfLabel("iv", new byte[0], 12));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void outOfRangeArgumentsAreInternalErrors(TlsCrypto crypto) {
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        byte[] secret = new byte[32];
        Runnable[] bad = {
            () -> hkdf.expand(secret, new byte[0], 255 * 32 + 1),
            () -> hkdf.expand(secret, new byte[0], -1),
            () -> hkdf.expandLabel(secret, "x".repeat(250), null, 32),
            () -> hkdf.expandLabel(secret, "key", new byte[256], 32),
        };
        for (Runnable r : bad) {
            TlsAlertException e = assertThrows(TlsAlertException.class, r::run);
            assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        }
        assertEquals(255 * 32, hkdf.expand(secret, new byte[0], 255 * 32).length);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void keyUpdateAndTrafficKeysToString(TlsCrypto crypto) {
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        byte[] s = hex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5");
        assertArrayEquals(hkdf.expandLabel(s, "traffic upd", new byte[0], 32), TrafficSecrets.next(hkdf, s));
        TrafficKeys k = TrafficSecrets.keys(hkdf, s, dev.customtls.core.constants.AeadAlgorithm.AES_128_GCM);
        assertFalse(k.toString().contains(java.util.HexFormat.of().formatHex(k.key())));
        assertEquals("TrafficKeys[key=16 bytes, iv=12 bytes]", k.toString());
    }

    /** The P_SHA256 vector circulated on the IETF TLS working group list (secret, "test label", seed, 100 bytes). */
    @ParameterizedTest
    @MethodSource("backends")
    void prfSha256KnownAnswer(TlsCrypto crypto) {
        Tls12Prf prf = new Tls12Prf(crypto, HashAlgorithm.SHA256);
        assertHex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e"
                + "14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e"
                + "5a5110fff70187347b66",
                prf.prf(hex("9bbe436ba940f017b17652849a71db35"), "test label",
                        hex("a0ba9f936cda311827a6f796ffd5198c"), 100));
    }

    /** The companion P_SHA384 vector (first 48 bytes). */
    @ParameterizedTest
    @MethodSource("backends")
    void prfSha384KnownAnswer(TlsCrypto crypto) {
        Tls12Prf prf = new Tls12Prf(crypto, HashAlgorithm.SHA384);
        assertHex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0",
                prf.prf(hex("b80b733d6ceefcdc71566ea48e5567df"), "test label",
                        hex("cd665cf6a8447dd6ff8b27555edb7465"), 48));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void prfDerivationsUseTheRightLabelsAndOrder(TlsCrypto crypto) {
        Tls12Prf prf = new Tls12Prf(crypto, HashAlgorithm.SHA256);
        byte[] pre = hex("0303" + "11".repeat(46));
        byte[] cr = hex("aa".repeat(32));
        byte[] sr = hex("bb".repeat(32));
        byte[] ms = prf.masterSecret(pre, cr, sr);
        assertEquals(48, ms.length);
        assertArrayEquals(prf.prf(pre, "master secret", hex("aa".repeat(32) + "bb".repeat(32)), 48), ms);
        byte[] sessionHash = hex("cc".repeat(32));
        assertArrayEquals(prf.prf(pre, "extended master secret", sessionHash, 48),
                prf.extendedMasterSecret(pre, sessionHash));
        assertArrayEquals(prf.prf(ms, "key expansion", hex("bb".repeat(32) + "aa".repeat(32)), 40),
                prf.keyBlock(ms, sr, cr, 40));
        byte[] cv = prf.verifyData(ms, true, sessionHash);
        byte[] sv = prf.verifyData(ms, false, sessionHash);
        assertEquals(12, cv.length);
        assertArrayEquals(prf.prf(ms, "client finished", sessionHash, 12), cv);
        assertArrayEquals(prf.prf(ms, "server finished", sessionHash, 12), sv);
        assertFalse(Arrays.equals(cv, sv));
    }
}
