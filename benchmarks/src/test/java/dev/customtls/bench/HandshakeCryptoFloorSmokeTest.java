package dev.customtls.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.bench.crypto.HandshakeCryptoFloorBenchmark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The crypto floor benchmark runs each case and its signature verifies. */
class HandshakeCryptoFloorSmokeTest {

    @ParameterizedTest
    @CsvSource({"x25519,EC_P256", "x25519,RSA_2048", "secp256r1,EC_P256", "secp256r1,RSA_2048"})
    void onePairsWorth(String group, String cert) {
        HandshakeCryptoFloorBenchmark b = new HandshakeCryptoFloorBenchmark();
        b.group = group;
        b.cert = cert;
        b.setup();
        assertTrue(b.handshakePair());
        assertTrue(b.handshakePair());
    }
}
