package dev.customtls.core.text;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Human-readable lines about a certificate: subject, issuer, key type, validity. */
public final class CertificateDescription {

    private CertificateDescription() {
    }

    /** Lines describing each certificate of a chain, numbered from 0 (the leaf). */
    public static List<String> chain(List<X509Certificate> chain) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            lines.add(i + " subject: " + c.getSubjectX500Principal().getName());
            lines.add("  issuer:  " + c.getIssuerX500Principal().getName());
            lines.add("  key:     " + keyType(c.getPublicKey()) + ", signed with " + c.getSigAlgName());
            lines.add("  valid:   " + validity(c));
        }
        return lines;
    }

    /** E.g. {@code EC P-256}, {@code RSA 2048-bit}, {@code Ed25519}. */
    public static String keyType(PublicKey key) {
        if (key instanceof ECPublicKey) {
            int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            switch (bits) {
                case 256: return "EC P-256";
                case 384: return "EC P-384";
                case 521: return "EC P-521";
                default: return "EC " + bits + "-bit";
            }
        }
        if (key instanceof RSAPublicKey) {
            return "RSA " + ((RSAPublicKey) key).getModulus().bitLength() + "-bit";
        }
        if (key instanceof EdECPublicKey) {
            return ((EdECPublicKey) key).getParams().getName();
        }
        return key.getAlgorithm();
    }

    /** {@code notBefore to notAfter}, in UTC to the second. */
    public static String validity(X509Certificate c) {
        DateTimeFormatter f = DateTimeFormatter.ISO_INSTANT;
        return f.format(c.getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS)) + " to "
                + f.format(c.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS));
    }
}
