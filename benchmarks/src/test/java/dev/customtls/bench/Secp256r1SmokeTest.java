package dev.customtls.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.customtls.bench.tls.Tls13FullHandshakeBenchmark;
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
        SmokeRunner.run(provider, "secp256r1", "TLS_AES_128_GCM_SHA256", false, () -> {
            Tls13FullHandshakeBenchmark b = new Tls13FullHandshakeBenchmark();
            b.provider = provider;
            b.group = "secp256r1";
            b.cert = "EC_P256";
            b.setup();
            assertNotNull(b.connection());
        });
    }
}
