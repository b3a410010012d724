package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and {@code connect} with Custom over TLS 1.2: a 1.2-only connection and RSA key exchange. */
class Tls12CliTest {
    private static CustomProviderFixture fixture;
    private StatusServer server;

    @BeforeAll
    static void remember() {
        fixture = new CustomProviderFixture();
    }

    @AfterAll
    static void restore() {
        fixture.restore();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void serve(String... args) throws Exception {
        ServeCommand command = new ServeCommand();
        java.util.List<String> all = new java.util.ArrayList<>(List.of("--port", "0", "--provider", ProviderSelector.CUSTOM));
        all.addAll(List.of(args));
        // RSA key exchange is among the suites served: allowed for Custom on Java 24+ too (read at init).
        server = dev.customtls.jsse.RsaKeyExchangeAllowance.during(
                () -> command.start(command.options().parse(all), new CapturedTerminal().terminal));
    }

    @Test
    void tls12OnlyAndRsaKeyExchange(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create("TLS 1.2 CLI CA");
        KeyStore ks = pki.issue(TestPki.KeyType.RSA_2048, "localhost").toKeyStore("server");
        Path p12 = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, TestPki.PASSWORD);
        }
        Path caPem = Pem.write(dir.resolve("ca.pem"), Pem.certificate(pki.caCertificate()));
        serve("--keystore", p12.toString(), "--storepass", new String(TestPki.PASSWORD),
                "--suites", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_AES_128_GCM_SHA256");

        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:" + server.port(), "--cafile",
                caPem.toString(), "--protocols", "TLSv1.2", "--provider", ProviderSelector.CUSTOM);
        assertEquals(0, r.code(), r::toString);
        assertEquals("TLSv1.2", ServeConnectTest.value(r.out(), "protocol:"), r::toString);
        assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", ServeConnectTest.value(r.out(), "cipher suite:"), r::toString);

        r = dev.customtls.jsse.RsaKeyExchangeAllowance.during(() -> CapturedTerminal.run("connect",
                "localhost:" + server.port(), "--cafile", caPem.toString(), "--protocols", "TLSv1.2", "--suites",
                "TLS_RSA_WITH_AES_128_GCM_SHA256", "--provider", ProviderSelector.CUSTOM));
        assertEquals(0, r.code(), r::toString);
        assertEquals("TLS_RSA_WITH_AES_128_GCM_SHA256", ServeConnectTest.value(r.out(), "cipher suite:"), r::toString);
        assertTrue(r.out().contains("HTTP/1.0 200"), r::toString);
    }
}
