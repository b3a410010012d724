package dev.customtls.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The X25519MLKEM768 full handshake, one operation per provider (the wire check proves the group); providers
 * without the group skip with the reason {@code KnownGaps} gives. A fresh JVM per class, as for secp256r1.
 */
class HybridSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    void fullTls13Handshake(String provider) throws Exception {
        SmokeRunner.fullTls13Handshake(provider, "X25519MLKEM768");
    }
}
