package dev.customtls.jsse;

import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.TlsCrypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The system properties an {@code SSLContext} reads once, at {@code init}, as SunJSSE reads them (names
 * kept): {@code jdk.tls.namedGroups}, {@code jdk.tls.maxHandshakeMessageSize},
 * {@code jdk.tls.maxCertificateChainLength}; plus ours: {@code dev.customtls.keyShares} (groups a client
 * sends key shares for in its first ClientHello, comma-separated, or {@code none}).
 */
record ContextSettings(List<NamedGroup> namedGroups, List<NamedGroup> keyShareGroups,
                       List<SignatureScheme> signatureSchemes, TlsConfig.Limits limits) {

    /** Our default suite order: AES-128-GCM first (fastest with AES-NI), as Go and OpenSSL. */
    static final List<CipherSuite> DEFAULT_SUITES = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            // TLS 1.2 (RFC 5289, RFC 7905): ECDHE only, forward-secret; ECDSA before RSA as SunJSSE.
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    /** Everything we implement: the defaults plus the RSA key exchange suites (supported, not enabled by default). */
    static final List<CipherSuite> SUPPORTED_SUITES = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384);

    static final List<NamedGroup> DEFAULT_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1,
            NamedGroup.SECP384R1, NamedGroup.SECP521R1, NamedGroup.X448, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072);

    static final List<SignatureScheme> DEFAULT_SIGNATURE_SCHEMES = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ED25519, SignatureScheme.ED448,
            SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);

    static ContextSettings read(TlsCrypto crypto) {
        List<NamedGroup> groups = groups(System.getProperty("jdk.tls.namedGroups"), crypto);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("jdk.tls.namedGroups names no supported group: "
                    + System.getProperty("jdk.tls.namedGroups"));
        }
        String shares = System.getProperty("dev.customtls.keyShares");
        List<NamedGroup> keyShares;
        if (shares == null || shares.isBlank()) {
            keyShares = List.of(groups.get(0));
        } else if (shares.trim().equalsIgnoreCase("none")) {
            keyShares = List.of();
        } else {
            keyShares = groups(shares, crypto);
        }
        List<SignatureScheme> schemes = new ArrayList<>();
        for (SignatureScheme s : DEFAULT_SIGNATURE_SCHEMES) {
            if (crypto.supportsSignature(s)) {
                schemes.add(s);
            }
        }
        TlsConfig.Limits d = TlsConfig.Limits.DEFAULT;
        TlsConfig.Limits limits = new TlsConfig.Limits(
                intProperty("jdk.tls.maxHandshakeMessageSize", d.maxHandshakeMessageSize()),
                intProperty("jdk.tls.maxCertificateChainLength", d.maxCertificateChainLength()),
                d.maxEmptyRecords(), d.maxWarningAlerts(), d.maxKeyUpdates());
        return new ContextSettings(List.copyOf(groups), List.copyOf(keyShares), List.copyOf(schemes), limits);
    }

    private static List<NamedGroup> groups(String property, TlsCrypto crypto) {
        List<NamedGroup> out = new ArrayList<>();
        if (property == null || property.isBlank()) {
            for (NamedGroup g : DEFAULT_GROUPS) {
                if (crypto.supportsGroup(g)) {
                    out.add(g);
                }
            }
            return out;
        }
        for (String name : property.split(",")) {
            NamedGroup g = NamedGroup.fromName(name.trim().replace("\"", "").toLowerCase(Locale.ROOT));
            if (g != null && crypto.supportsGroup(g) && !out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    private static int intProperty(String name, int def) {
        String v = System.getProperty(name);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n > 0 ? n : def;
        } catch (NumberFormatException e) {
            return def;
        }
    }
}
