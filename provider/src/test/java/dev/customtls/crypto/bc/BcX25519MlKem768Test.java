package dev.customtls.crypto.bc;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.ServerKeyShare;
import dev.customtls.core.error.TlsAlertException;
import org.junit.jupiter.api.Test;

import dev.customtls.crypto.MlKem768;

import java.security.SecureRandom;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * X25519MLKEM768's two sides (draft-ietf-tls-ecdhe-mlkem): sizes, agreement, ML-KEM first in every
 * concatenation, and the checks on hostile values (lengths, the FIPS 203 modulus check, X25519's all-zero
 * result), with Bouncy Castle's ML-KEM ({@code JdkMlKem768Test} checks the JDK's against it). Interop with
 * BoringSSL's implementation is in spi-tests ({@code NettyInteropTest}).
 */
class BcX25519MlKem768Test {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MlKem768 BC = new BcMlKem768(RANDOM);

    @Test
    void bothSidesDeriveTheSameSixtyFourByteSecret() {
        BcX25519MlKem768 client = BcX25519MlKem768.generate(BC, RANDOM);
        byte[] clientShare = client.publicKey();
        assertEquals(NamedGroup.X25519MLKEM768.publicKeyLength(), clientShare.length);
        assertEquals(1184 + 32, clientShare.length);
        ServerKeyShare server = BcX25519MlKem768.respond(BC, clientShare, RANDOM);
        assertEquals(1088 + 32, server.publicKey().length);
        byte[] secret = client.agree(server.publicKey());
        assertEquals(64, secret.length);
        assertArrayEquals(server.sharedSecret(), secret);
    }

    /** ML-KEM first: replacing the server's X25519 key (its last 32 bytes) changes only the secret's last half. */
    @Test
    void mlKemFirstThenX25519() {
        BcX25519MlKem768 client = BcX25519MlKem768.generate(BC, RANDOM);
        ServerKeyShare server = BcX25519MlKem768.respond(BC, client.publicKey(), RANDOM);
        byte[] tampered = server.publicKey().clone();
        System.arraycopy(BcXdhKeyShare.generate(NamedGroup.X25519, RANDOM).publicKey(), 0, tampered, 1088, 32);
        byte[] mixed = client.agree(tampered);
        assertArrayEquals(Arrays.copyOf(server.sharedSecret(), 32), Arrays.copyOf(mixed, 32), "ML-KEM half");
        assertFalse(Arrays.equals(Arrays.copyOfRange(server.sharedSecret(), 32, 64), Arrays.copyOfRange(mixed, 32, 64)),
                "X25519 half");
    }

    @Test
    void wrongLengthsRefused() {
        assertAlert(() -> BcX25519MlKem768.respond(BC, new byte[1215], RANDOM));
        assertAlert(() -> BcX25519MlKem768.respond(BC, new byte[32], RANDOM));
        assertAlert(() -> BcX25519MlKem768.generate(BC, RANDOM).agree(new byte[1119]));
        assertAlert(() -> BcX25519MlKem768.generate(BC, RANDOM).agree(new byte[65]));
    }

    @Test
    void encapsulationKeyWithAnUnreducedCoefficientRefused() {
        byte[] share = BcX25519MlKem768.generate(BC, RANDOM).publicKey();
        assertTrue(BcX25519MlKem768.coefficientsReduced(Arrays.copyOf(share, 1184)));
        // First coefficient = 3329 (q): low byte 0x01, high nibble 0xd.
        share[0] = 0x01;
        share[1] = (byte) ((share[1] & 0xf0) | 0x0d);
        assertFalse(BcX25519MlKem768.coefficientsReduced(Arrays.copyOf(share, 1184)));
        byte[] bad = share;
        assertAlert(() -> BcX25519MlKem768.respond(BC, bad, RANDOM));
        // The last coefficient before rho, at its maximum 4095.
        byte[] other = BcX25519MlKem768.generate(BC, RANDOM).publicKey();
        other[1151] = (byte) 0xff;
        other[1150] = (byte) (other[1150] | 0xf0);
        assertFalse(BcX25519MlKem768.coefficientsReduced(Arrays.copyOf(other, 1184)));
    }

    @Test
    void allZeroX25519PartRefused() {
        byte[] share = BcX25519MlKem768.generate(BC, RANDOM).publicKey();
        Arrays.fill(share, 1184, 1216, (byte) 0); // a small-order point: all-zero X25519 secret
        assertAlert(() -> BcX25519MlKem768.respond(BC, share, RANDOM));
    }

    @Test
    void wrongCiphertextYieldsADifferentSecretNotAnError() {
        // ML-KEM rejects implicitly: the handshake then fails at Finished, not here.
        BcX25519MlKem768 client = BcX25519MlKem768.generate(BC, RANDOM);
        ServerKeyShare server = BcX25519MlKem768.respond(BC, client.publicKey(), RANDOM);
        byte[] flipped = server.publicKey().clone();
        flipped[10] ^= 1;
        assertFalse(Arrays.equals(server.sharedSecret(), client.agree(flipped)));
    }

    private static void assertAlert(org.junit.jupiter.api.function.Executable e) {
        TlsAlertException x = assertThrows(TlsAlertException.class, e);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, x.alert(), x.getMessage());
    }
}
