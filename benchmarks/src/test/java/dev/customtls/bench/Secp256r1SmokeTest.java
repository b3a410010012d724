package dev.customtls.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The secp256r1 full handshake, one operation per provider. Surefire runs each test class in a fresh JVM
 * ({@code reuseForks=false}): on JDK 17 the group comes from {@code jdk.tls.namedGroups}, fixed per JVM.
 */
class Secp256r1SmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    void fullTls13Handshake(String provider) throws Exception {
        SmokeRunner.fullTls13Handshake(provider, "secp256r1");
    }
}
