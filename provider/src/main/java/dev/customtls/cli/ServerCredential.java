package dev.customtls.cli;

import dev.customtls.core.text.CertificateDescription;

import dev.customtls.pki.TestPki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The server's key and certificate: from a key store file, or made on the spot with {@link TestPki} for
 * {@code localhost}, in which case the CA certificate is written as PEM so clients can verify the server.
 */
final class ServerCredential {

    private final KeyStore keyStore;
    private final char[] password;
    private final String description;
    private final Path caCertificateFile;

    private ServerCredential(KeyStore keyStore, char[] password, String description, Path caCertificateFile) {
        this.keyStore = keyStore;
        this.password = password;
        this.description = description;
        this.caCertificateFile = caCertificateFile;
    }

    /** Loads a key store (PKCS#12 or JKS, detected from the file) whose keys use the store password. */
    static ServerCredential load(Path file, char[] password) throws CommandException {
        try {
            KeyStore ks = KeyStore.getInstance(file.toFile(), password);
            return new ServerCredential(ks, password, "key store " + file, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandException("cannot load key store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a throw-away CA and a certificate for {@code hostName}, and writes the CA certificate to
     * {@code ca.pem} in a new temporary directory.
     */
    static ServerCredential generate(String hostName, TestPki.KeyType keyType) throws CommandException {
        TestPki pki = TestPki.create("customtls serve test CA");
        TestPki.Credential credential = pki.issue(keyType, hostName);
        try {
            Path dir = Files.createTempDirectory("customtls-serve-");
            Path ca = Pem.write(dir.resolve("ca.pem"), Pem.certificate(pki.caCertificate()));
            X509Certificate leaf = credential.certificate();
            return new ServerCredential(credential.toKeyStore("server"), TestPki.PASSWORD.clone(),
                    "test certificate " + leaf.getSubjectX500Principal().getName() + " ("
                            + CertificateDescription.keyType(leaf.getPublicKey()) + ") issued by "
                            + pki.caCertificate().getSubjectX500Principal().getName(), ca);
        } catch (IOException e) {
            throw new CommandException("cannot write the CA certificate: " + e.getMessage(), e);
        }
    }

    KeyStore keyStore() {
        return keyStore;
    }

    char[] password() {
        return password;
    }

    String description() {
        return description;
    }

    /** The PEM file of the generated CA, or {@code null} for a loaded key store. */
    Path caCertificateFile() {
        return caCertificateFile;
    }
}
