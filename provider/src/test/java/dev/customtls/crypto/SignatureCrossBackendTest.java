package dev.customtls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.pki.TestPki;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every signature scheme signed by each backend and verified by each backend, plus malformed input. */
class SignatureCrossBackendTest {

    private static final byte[] MESSAGE = ("TLS 1.3, server CertificateVerify\0" + "x".repeat(64))
            .getBytes(StandardCharsets.US_ASCII);

    private static final KeyPair P256 = TestPki.KeyType.EC_P256.generate();
    private static final KeyPair P384 = TestPki.KeyType.EC_P384.generate();
    private static final KeyPair P521 = generate("EC", "secp521r1");
    private static final KeyPair RSA = TestPki.KeyType.RSA_2048.generate();
    private static final KeyPair RSA_PSS = generate("RSASSA-PSS", null);
    private static final KeyPair ED25519 = TestPki.KeyType.ED25519.generate();
    private static final KeyPair ED448 = generate("Ed448", null);

    private static final Map<SignatureScheme, KeyPair> KEYS = Map.ofEntries(
            Map.entry(SignatureScheme.ECDSA_SECP256R1_SHA256, P256),
            Map.entry(SignatureScheme.ECDSA_SECP384R1_SHA384, P384),
            Map.entry(SignatureScheme.ECDSA_SECP521R1_SHA512, P521),
            Map.entry(SignatureScheme.ECDSA_SHA1, P256),
            Map.entry(SignatureScheme.RSA_PSS_RSAE_SHA256, RSA),
            Map.entry(SignatureScheme.RSA_PSS_RSAE_SHA384, RSA),
            Map.entry(SignatureScheme.RSA_PSS_RSAE_SHA512, RSA),
            Map.entry(SignatureScheme.RSA_PSS_PSS_SHA256, RSA_PSS),
            Map.entry(SignatureScheme.RSA_PSS_PSS_SHA384, RSA_PSS),
            Map.entry(SignatureScheme.RSA_PSS_PSS_SHA512, RSA_PSS),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA256, RSA),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA384, RSA),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA512, RSA),
            Map.entry(SignatureScheme.RSA_PKCS1_SHA1, RSA),
            Map.entry(SignatureScheme.ED25519, ED25519),
            Map.entry(SignatureScheme.ED448, ED448));

    private static KeyPair generate(String alg, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SignatureScheme s : SignatureScheme.values()) {
            Backends.pairs().forEach(p -> out.add(Arguments.of(s, p.get()[0], p.get()[1])));
        }
        return out.stream();
    }

    @Test
    void everySchemeHasATestKey() {
        assertEquals(SignatureScheme.values().length, KEYS.size());
    }

    @ParameterizedTest(name = "{0} signed by {1}, verified by {2}")
    @MethodSource("cases")
    void signThenVerify(SignatureScheme scheme, TlsCrypto signer, TlsCrypto verifier) {
        assertTrue(signer.supportsSignature(scheme));
        KeyPair kp = KEYS.get(scheme);
        byte[] sig = signer.sign(scheme, kp.getPrivate(), MESSAGE);
        assertTrue(verifier.verify(scheme, kp.getPublic(), MESSAGE, sig), "valid signature refused");

        byte[] otherMessage = MESSAGE.clone();
        otherMessage[3] ^= 1;
        assertFalse(verifier.verify(scheme, kp.getPublic(), otherMessage, sig), "altered message accepted");
        byte[] badSig = sig.clone();
        badSig[badSig.length / 2] ^= 0x10;
        assertFalse(verifier.verify(scheme, kp.getPublic(), MESSAGE, badSig), "altered signature accepted");
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void malformedSignaturesAreFalseNotExceptions(TlsCrypto crypto) {
        byte[][] garbage = {
            new byte[0], new byte[1], new byte[] {0x30, 0x00}, new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00},
            new byte[] {0x30, (byte) 0x81}, new byte[64], new byte[256], new byte[1024],
        };
        for (SignatureScheme s : SignatureScheme.values()) {
            for (byte[] g : garbage) {
                assertFalse(crypto.verify(s, KEYS.get(s).getPublic(), MESSAGE, g), s + " " + Arrays.toString(g));
            }
            assertFalse(crypto.verify(s, KEYS.get(s).getPublic(), MESSAGE, null));
            assertFalse(crypto.verify(s, null, MESSAGE, new byte[64]));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void wrongKeyTypeVerifiesFalseAndSignsInternalError(TlsCrypto crypto) {
        byte[] ecSig = crypto.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, P256.getPrivate(), MESSAGE);
        assertFalse(crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, RSA.getPublic(), MESSAGE, ecSig));
        assertFalse(crypto.verify(SignatureScheme.ED25519, P256.getPublic(), MESSAGE, new byte[64]));
        assertFalse(crypto.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, ED25519.getPublic(), MESSAGE, new byte[256]));
        // ECDSA signed with a P-256 key is not valid for another P-256 key
        assertFalse(crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256,
                TestPki.KeyType.EC_P256.generate().getPublic(), MESSAGE, ecSig));

        for (Object[] c : new Object[][] {
            {SignatureScheme.ECDSA_SECP256R1_SHA256, RSA},
            {SignatureScheme.RSA_PSS_RSAE_SHA256, P256},
            {SignatureScheme.ED25519, RSA},
            {SignatureScheme.ED448, ED25519},
        }) {
            SignatureScheme s = (SignatureScheme) c[0];
            KeyPair kp = (KeyPair) c[1];
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> crypto.sign(s, kp.getPrivate(), MESSAGE));
            assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        }
    }
}
