package dev.customtls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Digests (including the clone a running transcript needs) and HMACs agree across backends and with known answers. */
class DigestAndHmacTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void sha256KnownAnswerAndClone(TlsCrypto crypto) throws Exception {
        MessageDigest md = crypto.digest(HashAlgorithm.SHA256);
        assertEquals(32, md.getDigestLength());
        md.update(ABC, 0, 1);
        MessageDigest copy = (MessageDigest) md.clone();
        md.update(ABC, 1, 2);
        copy.update(ABC, 1, 2);
        byte[] a = md.digest();
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HexFormat.of().formatHex(a));
        assertArrayEquals(a, copy.digest());
        // after digest() the object is reset
        assertArrayEquals(a, md.digest(ABC));
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void allHashesMatchTheJdk(TlsCrypto crypto) throws Exception {
        byte[] data = new byte[1000];
        new java.util.Random(1).nextBytes(data);
        for (HashAlgorithm h : HashAlgorithm.values()) {
            assertArrayEquals(MessageDigest.getInstance(h.jcaName()).digest(data), crypto.digest(h).digest(data), h.toString());
            byte[] key = Arrays.copyOf(data, 20);
            Mac ref = Mac.getInstance(h.hmacJcaName());
            ref.init(new javax.crypto.spec.SecretKeySpec(key, h.hmacJcaName()));
            Mac mac = crypto.hmac(h, key);
            assertEquals(h.length(), mac.getMacLength());
            assertArrayEquals(ref.doFinal(data), mac.doFinal(data), h.toString());
            // a Mac is reusable after doFinal with the same key
            assertArrayEquals(ref.doFinal(data), mac.doFinal(data));
        }
    }

    /** RFC 4231 test case 2 (key "Jefe"). */
    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void hmacSha256Rfc4231(TlsCrypto crypto) {
        Mac mac = crypto.hmac(HashAlgorithm.SHA256, "Jefe".getBytes(StandardCharsets.US_ASCII));
        byte[] out = mac.doFinal("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HexFormat.of().formatHex(out));
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void emptyKeyIsTheZeroKey(TlsCrypto crypto) {
        byte[] empty = crypto.hmac(HashAlgorithm.SHA256, new byte[0]).doFinal(ABC);
        assertArrayEquals(crypto.hmac(HashAlgorithm.SHA256, new byte[32]).doFinal(ABC), empty);
        assertFalse(Arrays.equals(empty, crypto.hmac(HashAlgorithm.SHA256, new byte[] {1}).doFinal(ABC)));
    }

    /**
     * A backend may re-key one Mac per thread: a half-used Mac is reset by the next hmac call, and other
     * threads get their own (RFC 4231 test case 2 on eight threads at once, interleaved with other keys).
     */
    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void rekeyedMacsAreIndependentPerThread(TlsCrypto crypto) throws Exception {
        byte[] jefe = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] msg = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        Mac halfUsed = crypto.hmac(HashAlgorithm.SHA256, new byte[] {9, 9, 9});
        halfUsed.update(ABC);
        assertEquals(expected, HexFormat.of().formatHex(crypto.hmac(HashAlgorithm.SHA256, jefe).doFinal(msg)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                byte[] other = {(byte) t};
                results.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int i = 0; i < 2000; i++) {
                        Mac m = crypto.hmac(HashAlgorithm.SHA256, jefe);
                        m.update(msg, 0, 10);
                        crypto.hmac(HashAlgorithm.SHA384, other).doFinal(msg); // another hash does not disturb it
                        m.update(msg, 10, msg.length - 10);
                        ok &= expected.equals(HexFormat.of().formatHex(m.doFinal()));
                    }
                    return ok;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertEquals(Boolean.TRUE, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
