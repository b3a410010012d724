package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --provider Custom}: the handshake is traced live, message by message, through
 * {@code HandshakeObservable} (fails until Custom and its observable sockets exist).
 */
class DemoCustomTest {

    private static CustomProviderFixture fixture;

    @BeforeAll
    static void remember() {
        fixture = new CustomProviderFixture();
    }

    @AfterAll
    static void restore() {
        fixture.restore();
    }

    @Test
    void customTracesTheHandshakeLive() {
        String out = DemoTest.demo(ProviderSelector.CUSTOM).out();
        DemoTest.assertInOrder(out, List.of(
                "customtls demo: provider Custom",
                "tracing live",
                "client -> server: ClientHello",
                "versions: TLSv1.3",
                "cipher suites: TLS_",
                "groups: ",
                "key-share groups: ",
                "random: ",
                "server -> client: ServerHello",
                "version: TLSv1.3",
                "cipher suite: TLS_",
                "group: ",
                "Key exchange: ECDHE over ",
                "server -> client: EncryptedExtensions",
                // RFC 8879, on by default: the chain comes compressed, then the client checks it
                "server -> client: CompressedCertificate",
                "algorithm: zlib",
                "Certificate of ",
                "Server certificate CN=localhost verified by the trust manager",
                "server -> client: CertificateVerify",
                "server -> client: Finished",
                "client -> server: Finished",
                "Application data: client -> server",
                "Application data: server -> client",
                "| HTTP/1.0 200 OK",
                "Summary",
                "protocol:         TLSv1.3",
                "tracing:          live"));
        assertTrue(Pattern.compile("random: [0-9a-f]{64}").matcher(out).find(), out);
        assertTrue(out.contains("verified against the test CA CN=customtls demo CA"), out);
        assertTrue(!out.contains("named group:      not exposed"), out);
    }
}
