package dev.customtls.spi.matrix;

import dev.customtls.pki.TestPki;
import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.interop.PemFiles;
import dev.customtls.spi.support.TestCredentials;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.EnumMap;
import java.util.Map;

/**
 * The test credentials ({@link TestCredentials#shared()}) as files for the peers: PEM for openssl, GnuTLS
 * and curl, PKCS#12 (password {@code changeit}) for the SunJSSE peer program. Written once per suite.
 */
final class PeerFiles {

    /** A certificate and its key in both formats. */
    record KeyFiles(Path certPem, Path keyPem, Path pkcs12, Path gnutlsKeyPem) {
    }

    private final Path dir;
    private final Path caPem;
    private final Path trustStore;
    private final Map<KeyType, KeyFiles> servers = new EnumMap<>(KeyType.class);
    private final KeyFiles client;

    PeerFiles(Path dir) {
        this.dir = dir;
        try {
            TestCredentials creds = TestCredentials.shared();
            caPem = PemFiles.writeCertificate(creds.caCertificate(), dir, "ca");
            trustStore = dir.resolve("trust.p12");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", creds.caCertificate());
            store(trust, trustStore);
            for (KeyType type : KeyType.values()) {
                servers.put(type, write(creds.server(type), "server-" + type));
            }
            client = write(creds.client(), "client");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyFiles write(TestPki.Credential c, String name) throws IOException, GeneralSecurityException {
        Path[] pem = PemFiles.write(c, dir, name);
        Path p12 = dir.resolve(name + ".p12");
        store(c.toKeyStore("key"), p12);
        Path forGnuTls = "EC".equals(c.keyPair().getPrivate().getAlgorithm())
                ? PemFiles.sec1(pem[1], dir.resolve(name + "-key-sec1.pem")) : pem[1];
        return new KeyFiles(pem[0], pem[1], p12, forGnuTls);
    }

    private static void store(KeyStore ks, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, TestPki.PASSWORD);
        }
    }

    Path dir() {
        return dir;
    }

    Path caPem() {
        return caPem;
    }

    Path trustStore() {
        return trustStore;
    }

    KeyFiles server(KeyType type) {
        return servers.get(type);
    }

    /** The trusted EC P-256 client credential. */
    KeyFiles client() {
        return client;
    }
}
