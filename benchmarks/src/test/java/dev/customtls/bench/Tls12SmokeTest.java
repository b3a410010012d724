package dev.customtls.bench;

import dev.customtls.bench.tls.Tls12FullHandshakeBenchmark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TLS 1.2 full handshake, one operation per provider, in its own JVM (see {@link Secp256r1SmokeTest}). */
class Tls12SmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    void fullTls12Handshake(String provider) throws Exception {
        SmokeRunner.run(provider, "x25519", null, false, () -> {
            Tls12FullHandshakeBenchmark b = new Tls12FullHandshakeBenchmark();
            b.provider = provider;
            b.setup();
            b.connection();
            b.connection();
        });
    }

    @org.junit.jupiter.api.Test
    void interleavedTls12Handshakes() throws Exception {
        BenchmarkSmokeTest.interleaved("tls12-ecdsa");
    }
}
