package dev.customtls.spi.interop;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.TestCredentials;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PEM files an OpenSSL peer needs for the shared test credentials: the CA certificate (for {@code -CAfile})
 * and the EC P-256 server's certificate and key (for {@code s_server -cert/-key}).
 */
record OpenSslFiles(Path caFile, Path serverCertificate, Path serverKey) {

    /** Writes them to {@code dir}; the calling test class is skipped when there is no openssl binary. */
    static OpenSslFiles write(Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(OpenSslProcess.binary())), "no openssl binary");
        TestCredentials creds = TestCredentials.shared();
        Path ca = PemFiles.writeCertificate(creds.caCertificate(), dir, "ca");
        Path[] server = PemFiles.write(creds.server(KeyType.EC_P256), dir, "server");
        return new OpenSslFiles(ca, server[0], server[1]);
    }
}
