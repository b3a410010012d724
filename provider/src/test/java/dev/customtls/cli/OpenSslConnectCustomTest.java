package dev.customtls.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link OpenSslConnectTest} with the {@code Custom} provider as the client (fails until Custom exists). */
class OpenSslConnectCustomTest extends OpenSslConnectTest {

    private static CustomProviderFixture fixture;

    @BeforeAll
    static void remember() {
        fixture = new CustomProviderFixture();
    }

    @AfterAll
    static void restore() {
        fixture.restore();
    }

    @Override
    String provider() {
        return ProviderSelector.CUSTOM;
    }
}
