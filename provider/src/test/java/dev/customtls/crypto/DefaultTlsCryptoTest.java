package dev.customtls.crypto;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

/** DefaultTlsCrypto routes each primitive to the backend its Javadoc table names. */
class DefaultTlsCryptoTest {

    private final DefaultTlsCrypto crypto = new DefaultTlsCrypto(new SecureRandom());

    @Test
    void sharedInstance() {
        assertSame(DefaultTlsCrypto.instance(), DefaultTlsCrypto.instance());
        assertSame(crypto.secureRandom(), crypto.secureRandom());
    }

    @Test
    void keySharesFollowTheMeasurements() {
        assertInstanceOf(BcTlsCrypto.class, crypto.keyShareBackend(NamedGroup.X25519));
        assertInstanceOf(BcTlsCrypto.class, crypto.keyShareBackend(NamedGroup.SECP256R1));
        assertInstanceOf(JdkTlsCrypto.class, crypto.keyShareBackend(NamedGroup.FFDHE2048));
        for (NamedGroup g : NamedGroup.values()) {
            assertTrue(crypto.supportsGroup(g));
        }
    }

    @Test
    void signaturesFollowTheMeasurements() {
        assertInstanceOf(BcTlsCrypto.class, crypto.signingBackend(SignatureScheme.ECDSA_SECP256R1_SHA256));
        assertInstanceOf(BcTlsCrypto.class, crypto.verifyingBackend(SignatureScheme.ECDSA_SECP256R1_SHA256));
        assertInstanceOf(BcTlsCrypto.class, crypto.signingBackend(SignatureScheme.ED25519));
        assertInstanceOf(BcTlsCrypto.class, crypto.verifyingBackend(SignatureScheme.ED25519));
        assertInstanceOf(JdkTlsCrypto.class, crypto.signingBackend(SignatureScheme.RSA_PSS_RSAE_SHA256));
        for (SignatureScheme s : SignatureScheme.values()) {
            assertTrue(crypto.supportsSignature(s));
        }
    }
}
