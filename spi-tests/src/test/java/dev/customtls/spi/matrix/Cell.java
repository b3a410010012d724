package dev.customtls.spi.matrix;

import dev.customtls.pki.TestPki.KeyType;

/**
 * One row of the interop matrix: what {@code Custom} is restricted to (protocol version, cipher suite,
 * key-exchange group), the server certificate's key type and the feature exercised. Names are JSSE's
 * ({@code TLSv1.3}, {@code TLS_AES_128_GCM_SHA256}) and {@code jdk.tls.namedGroups}' ({@code x25519}).
 */
record Cell(String protocol, String suite, String group, KeyType cert, Feature feature) {

    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";

    boolean tls13() {
        return TLS13.equals(protocol);
    }

    /** The row label of the report. */
    String label() {
        return protocol + " | " + suite + " | " + group + " | " + certLabel() + " | " + feature.label();
    }

    String certLabel() {
        return switch (cert) {
            case EC_P256 -> "EC P-256";
            case EC_P384 -> "EC P-384";
            case RSA_2048 -> "RSA-2048";
            case ED25519 -> "Ed25519";
        };
    }

    /** A short name for test display names and file names. */
    String id() {
        return (protocol + "-" + suite + "-" + group + "-" + cert + "-" + feature).replace('.', '_');
    }
}
