package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ServeConnectTest} with the {@code Custom} provider on both sides (fails until Custom exists),
 * plus the key exchange group, which Custom exposes in its session.
 */
class ServeConnectCustomTest extends ServeConnectTest {

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

    @Test
    void customExposesTheNamedGroup() throws Exception {
        java.nio.file.Path ca = serve();
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + serverPort(), "--cafile",
                ca.toString(), "--provider", provider());
        assertTrue(r.code() == 0, r::toString);
        String group = ServeConnectTest.value(r.out(), "named group:");
        assertTrue(group.equals("x25519") || group.equals("secp256r1") || group.equals("secp384r1"), r::toString);
        String reply = r.out().substring(r.out().indexOf("--- reply:"));
        assertTrue(reply.contains("named group:  " + group), r::toString);
    }
}
