package dev.customtls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;
import dev.customtls.pki.TestPki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.NoSuchPaddingException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RSA premaster recovery (RFC 5246 section 7.4.7.1) in every backend and every path: Bouncy Castle's
 * Marvin-hardened decryption, the JCA's raw RSA with our branch-free checks (a key without an encoding), and
 * the last resort for a key whose provider has only PKCS #1 decryption. A well-formed premaster comes back
 * exactly; every malformed one, down to a single wrong byte of the encoding, comes back as 48 fresh random
 * bytes behind the client's version, without an exception.
 */
class RsaPremasterSecretTest {

    private static final int TLS12 = 0x0303;
    private static final KeyPair KEYS = TestPki.KeyType.RSA_2048.generate();
    private static final RSAPublicKey PUBLIC = (RSAPublicKey) KEYS.getPublic();
    private static final int K = (PUBLIC.getModulus().bitLength() + 7) / 8;
    private static final Provider PKCS1_ONLY = new Pkcs1OnlyProvider();

    @BeforeAll
    static void addPkcs1OnlyProvider() {
        Security.addProvider(PKCS1_ONLY);
    }

    @AfterAll
    static void removePkcs1OnlyProvider() {
        Security.removeProvider(PKCS1_ONLY.getName());
    }

    /** The crypto and key of each path. */
    static Stream<Arguments> paths() {
        PrivateKey software = KEYS.getPrivate();
        return Stream.of(
                Arguments.of("Bouncy Castle", new BcTlsCrypto(), software),
                Arguments.of("JCA raw RSA", new JdkTlsCrypto(), software),
                Arguments.of("default, software key", DefaultTlsCrypto.instance(), software),
                Arguments.of("default, key without encoding", DefaultTlsCrypto.instance(),
                        new UnencodedRsaKey((RSAPrivateKey) software)),
                Arguments.of("default, PKCS #1-only provider", DefaultTlsCrypto.instance(), new OpaqueKey(software)),
                Arguments.of("default, opaque key with raw RSA", DefaultTlsCrypto.instance(),
                        new OpaqueRawKey(software)));
    }

    @Test
    void defaultUsesBouncyCastleForEveryKeyItTakes() {
        DefaultTlsCrypto crypto = new DefaultTlsCrypto(new SecureRandom());
        assertInstanceOf(BcTlsCrypto.class, crypto.rsaDecryptionBackend(KEYS.getPrivate()));
        assertInstanceOf(JdkTlsCrypto.class,
                crypto.rsaDecryptionBackend(new UnencodedRsaKey((RSAPrivateKey) KEYS.getPrivate())));
        assertInstanceOf(JdkTlsCrypto.class, crypto.rsaDecryptionBackend(new OpaqueKey(KEYS.getPrivate())));
        assertInstanceOf(JdkTlsCrypto.class, crypto.rsaDecryptionBackend(new OpaqueRawKey(KEYS.getPrivate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void wellFormedPremasterIsRecovered(String path, TlsCrypto crypto, PrivateKey key) throws Exception {
        byte[] premaster = premaster(TLS12);
        assertArrayEquals(premaster, crypto.rsaPremasterSecret(key, pkcs1Encrypt(premaster), TLS12));
        // The same bytes, encoded by hand: the crafted encodings below start from a valid one.
        assertArrayEquals(premaster, crypto.rsaPremasterSecret(key, rawEncrypt(encode(premaster)), TLS12));
    }

    /** One defect each; everything else about the encoding is right. */
    static List<UnaryOperator<byte[]>> defects() {
        return List.of(
                em -> set(em, 0, 1),                        // leading byte not zero
                em -> set(em, 1, 1),                        // block type 1 (signature padding)
                em -> set(em, 1, 0),                        // block type 0
                em -> set(em, 2, 0),                        // a zero at the start of the padding string
                em -> set(em, K - 50, 0),                   // a zero at its end: a 48-byte premaster after it...
                em -> set(em, K - 49, 7),                   // ...or no separator before the premaster
                em -> set(em, 9, 0),                        // a zero within the first eight padding bytes
                em -> set(em, K - 48, 1),                   // version 0x0103
                em -> set(em, K - 47, 1),                   // version 0x0301 (TLS 1.0: a rollback)
                em -> shiftLeft(em),                        // a 49-byte premaster
                em -> shiftRight(em));                      // a 47-byte premaster
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void everyMalformedEncodingGivesARandomPremaster(String path, TlsCrypto crypto, PrivateKey key) throws Exception {
        byte[] premaster = premaster(TLS12);
        int n = 0;
        for (UnaryOperator<byte[]> defect : defects()) {
            byte[] encrypted = rawEncrypt(defect.apply(encode(premaster)));
            byte[] first = crypto.rsaPremasterSecret(key, encrypted, TLS12);
            byte[] second = crypto.rsaPremasterSecret(key, encrypted, TLS12);
            assertFallback(premaster, first, "defect " + n);
            assertFallback(premaster, second, "defect " + n);
            assertFalse(Arrays.equals(first, second), "defect " + n + ": a fresh random premaster each time");
            n++;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void garbageOfEveryLengthGivesARandomPremaster(String path, TlsCrypto crypto, PrivateKey key) throws Exception {
        byte[] premaster = premaster(TLS12);
        byte[] flipped = pkcs1Encrypt(premaster);
        flipped[10] ^= 0x40;
        byte[] allOnes = new byte[K]; // not below the modulus
        Arrays.fill(allOnes, (byte) 0xff);
        byte[][] hostile = {flipped, new byte[0], new byte[1], new byte[3], new byte[K], allOnes, new byte[K + 1],
                Arrays.copyOf(pkcs1Encrypt(premaster), K - 1), pkcs1Encrypt(new byte[0]),
                pkcs1Encrypt(Arrays.copyOf(premaster, 47)), pkcs1Encrypt(Arrays.copyOf(premaster, 49))};
        for (byte[] h : hostile) {
            assertFallback(premaster, crypto.rsaPremasterSecret(key, h, TLS12), h.length + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void versionIsTheClientHellos(String path, TlsCrypto crypto, PrivateKey key) throws Exception {
        byte[] tls11Inside = premaster(0x0302);
        byte[] pm = crypto.rsaPremasterSecret(key, pkcs1Encrypt(tls11Inside), TLS12);
        assertFallback(tls11Inside, pm, "a TLS 1.1 premaster in a TLS 1.2 ClientHello");
        assertArrayEquals(tls11Inside, crypto.rsaPremasterSecret(key, pkcs1Encrypt(tls11Inside), 0x0302));
    }

    @Test
    void aKeyThatCannotDecryptIsAnInternalError() {
        PrivateKey ec = TestPki.KeyType.EC_P256.generate().getPrivate();
        for (TlsCrypto crypto : List.of(new BcTlsCrypto(), new JdkTlsCrypto(), DefaultTlsCrypto.instance())) {
            assertThrows(TlsAlertException.class, () -> crypto.rsaPremasterSecret(ec, new byte[K], TLS12),
                    crypto.toString());
        }
    }

    @Test
    void selectionLooksAtEveryByteOfTheEncoding() {
        byte[] premaster = premaster(TLS12);
        byte[] fallback = premaster(TLS12);
        byte[] em = encode(premaster);
        assertArrayEquals(premaster, RsaPremasterEncoding.select(em, fallback, TLS12));
        for (UnaryOperator<byte[]> defect : defects()) {
            assertArrayEquals(fallback, RsaPremasterEncoding.select(defect.apply(em.clone()), fallback, TLS12));
        }
        assertArrayEquals(premaster, RsaPremasterEncoding.select(em, fallback, TLS12), "inputs are not modified");
        byte[] tooShort = RsaPremasterEncoding.select(new byte[58], fallback, TLS12);
        assertArrayEquals(fallback, tooShort);
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertFallback(byte[] sent, byte[] got, String what) {
        assertEquals(48, got.length, what);
        assertEquals(TLS12 >>> 8, got[0] & 0xff, what + ": starts with the ClientHello's version");
        assertEquals(TLS12 & 0xff, got[1] & 0xff, what + ": starts with the ClientHello's version");
        assertNotEquals(Arrays.toString(sent), Arrays.toString(got), what + ": not the bytes sent");
    }

    private static byte[] premaster(int version) {
        byte[] pm = new byte[48];
        new SecureRandom().nextBytes(pm);
        pm[0] = (byte) (version >>> 8);
        pm[1] = (byte) version;
        return pm;
    }

    /** EME-PKCS1-v1_5 of {@code message} for the test key, with non-zero padding bytes. */
    private static byte[] encode(byte[] message) {
        byte[] em = new byte[K];
        em[1] = 2;
        for (int i = 2; i < K - message.length - 1; i++) {
            em[i] = (byte) (1 + (i % 255));
        }
        System.arraycopy(message, 0, em, K - message.length, message.length);
        return em;
    }

    private static byte[] set(byte[] em, int index, int value) {
        em[index] = (byte) value;
        return em;
    }

    /** The separator one byte earlier: the message grows to 49 bytes (its first byte a padding byte). */
    private static byte[] shiftLeft(byte[] em) {
        em[K - 50] = 0;
        em[K - 49] = 3;
        return em;
    }

    /** The separator one byte later: the message shrinks to 47 bytes. */
    private static byte[] shiftRight(byte[] em) {
        em[K - 49] = 5;
        em[K - 48] = 0;
        return em;
    }

    private static byte[] rawEncrypt(byte[] em) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RSA/ECB/NoPadding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, PUBLIC);
        return c.doFinal(em);
    }

    private static byte[] pkcs1Encrypt(byte[] message) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, PUBLIC);
        return c.doFinal(message);
    }

    /** An RSA private key without a PKCS #8 encoding, as keys of tokens and other providers are. */
    interface UnencodedKey extends PrivateKey {
        @Override
        default String getAlgorithm() {
            return "RSA";
        }

        @Override
        default String getFormat() {
            return null;
        }

        @Override
        default byte[] getEncoded() {
            return null;
        }
    }

    /** Usable through its RSA interface by any provider (raw RSA included), but not convertible. */
    record UnencodedRsaKey(RSAPrivateKey key) implements UnencodedKey, RSAPrivateKey {
        @Override
        public BigInteger getPrivateExponent() {
            return key.getPrivateExponent();
        }

        @Override
        public BigInteger getModulus() {
            return key.getModulus();
        }

        @Override
        public String getAlgorithm() {
            return UnencodedKey.super.getAlgorithm();
        }

        @Override
        public String getFormat() {
            return UnencodedKey.super.getFormat();
        }

        @Override
        public byte[] getEncoded() {
            return UnencodedKey.super.getEncoded();
        }
    }

    /** A key only {@link Pkcs1OnlyProvider} can use: no RSA interface, no encoding. */
    record OpaqueKey(PrivateKey inner) implements UnencodedKey {
    }

    /** A key only {@link Pkcs1OnlyProvider}'s raw cipher can use: no RSA interface (no modulus), no encoding. */
    record OpaqueRawKey(PrivateKey inner) implements UnencodedKey {
    }

    /** A provider with PKCS #1 decryption and no raw RSA, as some hardware tokens are. */
    static final class Pkcs1OnlyProvider extends Provider {
        private static final long serialVersionUID = 1L;

        Pkcs1OnlyProvider() {
            super("TestPkcs1Only", "1", "RSA/ECB/PKCS1Padding for OpaqueKey, also NoPadding for OpaqueRawKey");
            put("Cipher.RSA", Pkcs1OnlyCipher.class.getName());
            put("Cipher.RSA SupportedPaddings", "PKCS1PADDING|NOPADDING");
            put("Cipher.RSA SupportedModes", "ECB");
            put("Cipher.RSA SupportedKeyClasses", OpaqueKey.class.getName() + "|" + OpaqueRawKey.class.getName());
        }
    }

    /**
     * Decrypts with the key inside an {@link OpaqueKey} (PKCS #1 only) or an {@link OpaqueRawKey} (PKCS #1 and raw
     * RSA), as a token would: through the real key, which the caller never sees.
     */
    public static final class Pkcs1OnlyCipher extends CipherSpi {
        private Cipher inner;
        private String padding = "PKCS1Padding";

        @Override
        protected void engineSetMode(String mode) throws java.security.NoSuchAlgorithmException {
            if (!mode.equalsIgnoreCase("ECB")) {
                throw new java.security.NoSuchAlgorithmException(mode);
            }
        }

        @Override
        protected void engineSetPadding(String padding) throws NoSuchPaddingException {
            if (!padding.equalsIgnoreCase("PKCS1Padding") && !padding.equalsIgnoreCase("NoPadding")) {
                throw new NoSuchPaddingException(padding);
            }
            this.padding = padding;
        }

        @Override
        protected void engineInit(int opmode, Key key, SecureRandom random) throws InvalidKeyException {
            PrivateKey real;
            if (key instanceof OpaqueKey opaque && padding.equalsIgnoreCase("PKCS1Padding")) {
                real = opaque.inner();
            } else if (key instanceof OpaqueRawKey opaque) {
                real = opaque.inner();
            } else {
                throw new InvalidKeyException("not a key of this provider, or raw RSA for an OpaqueKey");
            }
            if (opmode != Cipher.DECRYPT_MODE) {
                throw new InvalidKeyException("decryption only");
            }
            try {
                inner = Cipher.getInstance("RSA/ECB/" + padding, "SunJCE");
                inner.init(Cipher.DECRYPT_MODE, real, random);
            } catch (GeneralSecurityException e) {
                throw new InvalidKeyException(e);
            }
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidKeyException {
            engineInit(opmode, key, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, java.security.AlgorithmParameters params, SecureRandom random)
                throws InvalidKeyException {
            engineInit(opmode, key, random);
        }

        @Override
        protected byte[] engineDoFinal(byte[] input, int offset, int length)
                throws javax.crypto.IllegalBlockSizeException, BadPaddingException {
            return inner.doFinal(input, offset, length);
        }

        @Override
        protected int engineDoFinal(byte[] input, int offset, int length, byte[] output, int outOffset) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected byte[] engineUpdate(byte[] input, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int engineUpdate(byte[] input, int offset, int length, byte[] output, int outOffset) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected int engineGetBlockSize() {
            return 0;
        }

        @Override
        protected int engineGetOutputSize(int inputLen) {
            return inner.getOutputSize(inputLen);
        }

        @Override
        protected byte[] engineGetIV() {
            return null;
        }

        @Override
        protected java.security.AlgorithmParameters engineGetParameters() {
            return null;
        }
    }

    @Test
    void theOpaqueKeyReallyHasNoRawRsa() {
        // Guards the PKCS #1-only case: if some provider took the key for raw RSA, that path would go untested.
        assertThrows(GeneralSecurityException.class, () -> {
            Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new OpaqueKey(KEYS.getPrivate()));
        });
        assertNull(new OpaqueKey(KEYS.getPrivate()).getEncoded());
    }
}
