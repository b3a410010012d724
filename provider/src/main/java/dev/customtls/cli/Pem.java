package dev.customtls.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** PEM text (RFC 7468) for certificates and PKCS#8 private keys, as {@code openssl} and {@code curl} read it. */
final class Pem {

    private Pem() {
    }

    /** A certificate as a {@code CERTIFICATE} PEM block. */
    static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    /** Several certificates, one block after the other. */
    static String certificates(List<X509Certificate> chain) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(certificate(c));
        }
        return sb.toString();
    }

    /** A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block (RFC 7468 section 10). */
    static String privateKey(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalStateException("private key is not exportable as PKCS#8");
        }
        return block("PRIVATE KEY", der);
    }

    /** Writes {@code text} to {@code file} (created or replaced). */
    static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /**
     * Reads every certificate of a PEM (or DER) file.
     *
     * @throws CommandException if the file cannot be read or holds no certificate
     */
    static List<X509Certificate> readCertificates(Path file) throws CommandException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new CommandException("no certificate in " + file);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new CommandException("cannot parse certificates in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String block(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
