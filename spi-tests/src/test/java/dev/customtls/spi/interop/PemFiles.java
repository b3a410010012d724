package dev.customtls.spi.interop;

import dev.customtls.pki.TestPki.Credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Writes certificates and PKCS#8 private keys as PEM files (RFC 7468) for openssl. */
public final class PemFiles {

    private PemFiles() {
    }

    /** Writes {@code credential}'s leaf certificate and key; returns {cert, key} paths. */
    public static Path[] write(Credential credential, Path dir, String name) throws IOException {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        Files.writeString(cert, pem("CERTIFICATE", encoded(credential.certificate())), StandardCharsets.US_ASCII);
        Files.writeString(key, pem("PRIVATE KEY", credential.keyPair().getPrivate().getEncoded()),
                StandardCharsets.US_ASCII);
        return new Path[] {cert, key};
    }

    /** Writes one certificate (a CA for {@code -CAfile}). */
    public static Path writeCertificate(X509Certificate certificate, Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".pem");
        Files.writeString(file, pem("CERTIFICATE", encoded(certificate)), StandardCharsets.US_ASCII);
        return file;
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * An EC key in the SEC 1 format ({@code openssl ec}): GnuTLS 3.7 cannot read the JDK's PKCS#8 encoding of
     * EC keys (no public key inside: "ASN1 parser: Element was not found"). The original file when openssl
     * is missing (its cells fail anyway).
     */
    public static Path sec1(Path key, Path out) {
        try {
            Process p = new ProcessBuilder(OpenSslProcess.binary(), "ec", "-in", key.toString(), "-out",
                    out.toString()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return out;
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // no openssl
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return key;
    }
}
