package dev.customtls.jsse;

import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.extension.DisabledExtensions;
import dev.customtls.core.handshake.CertificateCompression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The system properties an {@code SSLContext} reads once, at {@code init}, as SunJSSE reads them (names
 * kept): {@code jdk.tls.namedGroups}, {@code jdk.tls.maxHandshakeMessageSize},
 * {@code jdk.tls.maxCertificateChainLength} (with {@code jdk.tls.client.maxInboundCertificateChainLength} and
 * {@code jdk.tls.server.maxInboundCertificateChainLength}), {@code jdk.tls.acknowledgeCloseNotify},
 * {@code jdk.tls.client.enableStatusRequestExtension}, {@code jdk.tls.client.useCompatibilityMode},
 * {@code jsse.enableFFDHE},
 * {@code jdk.tls.client.cipherSuites}, {@code jdk.tls.server.cipherSuites}, {@code jdk.tls.client.protocols} and
 * {@code jdk.tls.server.protocols} (these two for the "TLS" and "Default" contexts only, as in SunJSSE),
 * {@code jdk.tls.client.SignatureSchemes} and {@code jdk.tls.server.SignatureSchemes},
 * {@code jdk.tls.useExtendedMasterSecret} and {@code jdk.tls.allowLegacyMasterSecret},
 * the security property {@code jdk.tls.keyLimits},
 * {@code jdk.tls.client.disableExtensions} and {@code jdk.tls.server.disableExtensions} (with
 * {@code jsse.enableSNIExtension} and {@code jdk.tls.client.enableSessionTicketExtension}), and the
 * security property {@code jdk.tls.disabledAlgorithms} ({@link DisabledAlgorithms}); plus ours: {@code dev.customtls.keyShares} (groups a client
 * sends key shares for in its first ClientHello, comma-separated, or {@code none}) and
 * {@code dev.customtls.certificateCompression}.
 */
record ContextSettings(List<NamedGroup> namedGroups, List<NamedGroup> supportedGroups, List<NamedGroup> keyShareGroups,
                       boolean keySharesSet,
                       List<SignatureScheme> signatureSchemes, TlsConfig.Limits clientLimits,
                       TlsConfig.Limits serverLimits,
                       boolean acknowledgeCloseNotify, boolean requestCertificateStatus, DisabledAlgorithms disabled,
                       List<String> clientProtocols, List<String> serverProtocols,
                       List<CipherSuite> clientSuites, List<CipherSuite> serverSuites,
                       List<SignatureScheme> clientSignatureSchemes, List<SignatureScheme> serverSignatureSchemes,
                       boolean clientCertificateAuthorities, TlsConfig.ExtendedMasterSecret extendedMasterSecret,
                       DisabledExtensions clientDisabledExtensions, DisabledExtensions serverDisabledExtensions,
                       CertificateCompression certificateCompression, boolean middleboxCompatibility) {

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

    /**
     * Reads the properties; {@code defaultProtocols} are the context's own (e.g. only TLSv1.2 for "TLSv1.2"), and
     * {@code protocolProperties} says whether {@code jdk.tls.client/server.protocols} replace them.
     */
    static ContextSettings read(TlsCrypto crypto, List<String> defaultProtocols, boolean protocolProperties) {
        DisabledAlgorithms disabled = DisabledAlgorithms.fromSecurityProperty();
        String namedGroups = System.getProperty("jdk.tls.namedGroups");
        List<NamedGroup> groups = groups(namedGroups, crypto);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("jdk.tls.namedGroups names no supported group: " + namedGroups);
        }
        groups.removeIf(g -> !disabled.permits(g));
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(DisabledAlgorithms.PROPERTY + " disables every named group enabled here"
                    + " (jdk.tls.namedGroups: " + (namedGroups == null ? "unset" : namedGroups) + ")");
        }
        // SunJSSE: the RFC 7919 groups unless jsse.enableFFDHE is "false" (case-insensitive).
        boolean ffdhe = !isFalse("jsse.enableFFDHE");
        if (!ffdhe) {
            groups.removeIf(NamedGroup::isFfdhe);
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("jsse.enableFFDHE=false leaves no named group (jdk.tls.namedGroups: "
                        + namedGroups + ")");
            }
        }
        // What SSLParameters.setNamedGroups may choose from: the property's groups when it is set (as SunJSSE),
        // else every group we implement (the defaults leave some out: larger ffdhe, X25519MLKEM768).
        List<NamedGroup> supported = namedGroups != null && !namedGroups.isBlank() ? groups
                : Arrays.stream(NamedGroup.values())
                        .filter(g -> crypto.supportsGroup(g) && disabled.permits(g) && (ffdhe || !g.isFfdhe())).toList();
        String shares = System.getProperty("dev.customtls.keyShares");
        List<NamedGroup> keyShares;
        boolean sharesSet = shares != null && !shares.isBlank();
        if (!sharesSet) {
            keyShares = defaultKeyShares(groups);
        } else if (shares.trim().equalsIgnoreCase("none")) {
            keyShares = List.of();
        } else {
            keyShares = groups(shares, crypto);
            keyShares.removeIf(g -> !disabled.permits(g));
        }
        List<SignatureScheme> schemes = DEFAULT_SIGNATURE_SCHEMES.stream()
                .filter(s -> crypto.supportsSignature(s) && disabled.permits(s)).toList();
        TlsConfig.Limits d = TlsConfig.Limits.DEFAULT;
        TlsConfig.KeyUpdateLimits keyLimits = keyUpdateLimits(java.security.Security.getProperty("jdk.tls.keyLimits"));
        int maxMessage = intProperty("jdk.tls.maxHandshakeMessageSize", d.maxHandshakeMessageSize());
        TlsConfig.Limits clientLimits = new TlsConfig.Limits(maxMessage, inboundChainLength(true), d.maxEmptyRecords(),
                d.maxWarningAlerts(), d.maxKeyUpdates(), keyLimits);
        TlsConfig.Limits serverLimits = new TlsConfig.Limits(maxMessage, inboundChainLength(false), d.maxEmptyRecords(),
                d.maxWarningAlerts(), d.maxKeyUpdates(), keyLimits);
        // SunJSSE: TLS 1.3 half-close unless this is "true" (case-insensitive), then close_notify is answered.
        boolean acknowledge = Boolean.parseBoolean(System.getProperty("jdk.tls.acknowledgeCloseNotify", "false").trim());
        // SunJSSE: clients ask for a stapled OCSP response unless this is "false" (case-insensitive).
        boolean statusRequest = !"false".equalsIgnoreCase(
                System.getProperty("jdk.tls.client.enableStatusRequestExtension", "true").trim());
        List<String> clientProtocols = protocols(protocolProperties ? "jdk.tls.client.protocols" : null,
                defaultProtocols, disabled);
        List<String> serverProtocols = protocols(protocolProperties ? "jdk.tls.server.protocols" : null,
                defaultProtocols, disabled);
        return new ContextSettings(List.copyOf(groups), List.copyOf(supported), List.copyOf(keyShares), sharesSet,
                schemes, clientLimits, serverLimits,
                acknowledge, statusRequest, disabled, clientProtocols, serverProtocols,
                suites("jdk.tls.client.cipherSuites", disabled), suites("jdk.tls.server.cipherSuites", disabled),
                schemes("jdk.tls.client.SignatureSchemes", schemes), schemes("jdk.tls.server.SignatureSchemes", schemes),
                // SunJSSE: clients name their trust manager's CAs in the ClientHello only when this is "true".
                Boolean.parseBoolean(System.getProperty("jdk.tls.client.enableCAExtension", "false").trim()),
                extendedMasterSecretProperties(), disabledExtensions(true), disabledExtensions(false),
                certificateCompression(System.getProperty(CERTIFICATE_COMPRESSION)),
                // SunJSSE: TLS 1.3 middlebox compatibility mode unless this is "false" (case-insensitive).
                !isFalse("jdk.tls.client.useCompatibilityMode"));
    }

    /** Ours: the TLS 1.3 certificate compression algorithms (RFC 8879), {@code zlib} (the default) or {@code none}. */
    static final String CERTIFICATE_COMPRESSION = "dev.customtls.certificateCompression";

    /**
     * {@code dev.customtls.certificateCompression}: unset or naming {@code zlib}, zlib (offered, and used when
     * the peer offers it); {@code none} (or anything naming no algorithm we implement), off. A new instance
     * per context, each with its cache of compressed chains.
     */
    static CertificateCompression certificateCompression(String value) {
        if (value == null || value.isBlank()) {
            return CertificateCompression.zlib();
        }
        for (String name : value.replace("\"", "").split(",")) {
            if (CertificateCompression.algorithmCode(name) == CertificateCompression.ZLIB) {
                return CertificateCompression.zlib();
            }
        }
        return CertificateCompression.NONE;
    }

    /**
     * The extensions one role leaves out: {@code jdk.tls.client.disableExtensions} or
     * {@code jdk.tls.server.disableExtensions} (comma-separated RFC names, the whole value possibly in double
     * quotes, unknown names ignored, as SunJSSE reads them); for clients also server_name when
     * {@code jsse.enableSNIExtension} is "false" and session_ticket when
     * {@code jdk.tls.client.enableSessionTicketExtension} is "false" (both case-insensitive, as SunJSSE).
     */
    static DisabledExtensions disabledExtensions(boolean client) {
        String value = System.getProperty(client ? "jdk.tls.client.disableExtensions" : "jdk.tls.server.disableExtensions");
        DisabledExtensions out = DisabledExtensions.fromNames(value == null ? null : value.replace("\"", ""));
        if (client && isFalse("jsse.enableSNIExtension")) {
            out = out.with(ExtensionType.SERVER_NAME);
        }
        if (client && isFalse("jdk.tls.client.enableSessionTicketExtension")) {
            out = out.with(ExtensionType.SESSION_TICKET);
        }
        return out;
    }

    private static boolean isFalse(String property) {
        String v = System.getProperty(property);
        return v != null && v.trim().equalsIgnoreCase("false");
    }

    /** SunJSSE's default for the client certificate chains a server accepts (JDK 20+). */
    static final int DEFAULT_SERVER_INBOUND_CHAIN_LENGTH = 8;

    /**
     * The longest certificate chain one role accepts from its peer, as SunJSSE (JDK 20+) decides it:
     * {@code jdk.tls.client.maxInboundCertificateChainLength} (server chains) or
     * {@code jdk.tls.server.maxInboundCertificateChainLength} (client chains) when set to 0 or more, else
     * {@code jdk.tls.maxCertificateChainLength} when set to 0 or more, else 10 for clients and 8 for servers.
     */
    static int inboundChainLength(boolean client) {
        Integer own = Integer.getInteger(client ? "jdk.tls.client.maxInboundCertificateChainLength"
                : "jdk.tls.server.maxInboundCertificateChainLength");
        if (own != null && own >= 0) {
            return own;
        }
        Integer global = Integer.getInteger("jdk.tls.maxCertificateChainLength");
        if (global != null && global >= 0) {
            return global;
        }
        return client ? TlsConfig.Limits.DEFAULT.maxCertificateChainLength() : DEFAULT_SERVER_INBOUND_CHAIN_LENGTH;
    }

    /** The limits of one role's connections. */
    TlsConfig.Limits limits(boolean client) {
        return client ? clientLimits : serverLimits;
    }

    /** The largest limit SunJSSE accepts in {@code jdk.tls.keyLimits}: 2^62 bytes. */
    private static final long MAX_KEY_LIMIT = 1L << 62;

    /**
     * The security property {@code jdk.tls.keyLimits} as SunJSSE reads it: comma-separated entries
     * {@code <cipher> KeyUpdate <bytes>}, the cipher {@code AES/GCM/NoPadding} or {@code ChaCha20-Poly1305}
     * (case-insensitive), the bytes a number or {@code 2^n}, from 1 to 2^62; other entries are ignored. The JDK's
     * {@code java.security} sets both to 2^37.
     */
    static TlsConfig.KeyUpdateLimits keyUpdateLimits(String property) {
        long aesGcm = 0;
        long chaCha = 0;
        if (property == null) {
            return TlsConfig.KeyUpdateLimits.NONE;
        }
        for (String entry : property.split(",")) {
            String[] words = entry.trim().toUpperCase(Locale.ROOT).split("\\s+");
            if (words.length != 3 || !words[1].equals("KEYUPDATE")) {
                continue;
            }
            long bytes = keyLimitBytes(words[2]);
            if (bytes <= 0) {
                continue;
            }
            if (words[0].equals("AES/GCM/NOPADDING")) {
                aesGcm = bytes;
            } else if (words[0].equals("CHACHA20-POLY1305")) {
                chaCha = bytes;
            }
        }
        return new TlsConfig.KeyUpdateLimits(aesGcm, chaCha);
    }

    /** {@code 2^n} or a decimal number of bytes, 1 to 2^62; -1 for anything else. */
    private static long keyLimitBytes(String value) {
        try {
            long bytes;
            int caret = value.indexOf('^');
            if (caret >= 0) {
                if (!value.substring(0, caret).equals("2")) {
                    return -1;
                }
                int exponent = Integer.parseInt(value.substring(caret + 1));
                bytes = exponent < 0 || exponent > 62 ? -1 : 1L << exponent;
            } else {
                bytes = Long.parseLong(value);
            }
            return bytes >= 1 && bytes <= MAX_KEY_LIMIT ? bytes : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * SunJSSE's TLS 1.2 extended master secret switches, both true unless "false" (case-insensitive):
     * {@code jdk.tls.useExtendedMasterSecret=false} turns it off, {@code jdk.tls.allowLegacyMasterSecret=false}
     * requires it of the peer in a full handshake.
     */
    static TlsConfig.ExtendedMasterSecret extendedMasterSecretProperties() {
        if ("false".equalsIgnoreCase(System.getProperty("jdk.tls.useExtendedMasterSecret", "true").trim())) {
            return TlsConfig.ExtendedMasterSecret.DISABLED;
        }
        return "false".equalsIgnoreCase(System.getProperty("jdk.tls.allowLegacyMasterSecret", "true").trim())
                ? TlsConfig.ExtendedMasterSecret.REQUIRED : TlsConfig.ExtendedMasterSecret.OFFERED;
    }

    /**
     * The key shares a client sends when {@code dev.customtls.keyShares} does not say: one for its first group, and
     * when that is a hybrid KEM (X25519MLKEM768) also one for the first classical group after it, as Chrome and Go
     * do, so a server without the hybrid needs no HelloRetryRequest.
     */
    static List<NamedGroup> defaultKeyShares(List<NamedGroup> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        NamedGroup first = groups.get(0);
        if (first.isKem()) {
            for (NamedGroup g : groups) {
                if (!g.isKem()) {
                    return List.of(first, g);
                }
            }
        }
        return List.of(first);
    }

    /** The signature schemes of one role: the engine's own or, when it sets none, these. */
    List<SignatureScheme> signatureSchemes(boolean client) {
        return client ? clientSignatureSchemes : serverSignatureSchemes;
    }

    /**
     * {@code jdk.tls.client.SignatureSchemes} / {@code jdk.tls.server.SignatureSchemes} (JDK 17+): the schemes of
     * that role, in the property's order, among those we support and allow; unset: all of them. Naming none of
     * them is a configuration error (a handshake could not sign or verify anything).
     */
    private static List<SignatureScheme> schemes(String property, List<SignatureScheme> allowed) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return allowed;
        }
        List<SignatureScheme> out = named(value, n -> {
            SignatureScheme s = SignatureScheme.fromName(n);
            return allowed.contains(s) ? s : null;
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException(property + " names no signature scheme this provider supports and "
                    + DisabledAlgorithms.PROPERTY + " allows: " + value);
        }
        return List.copyOf(out);
    }

    /** The suites this provider supports that {@code jdk.tls.disabledAlgorithms} leaves. */
    List<CipherSuite> supportedSuites() {
        return permittedSuites(SUPPORTED_SUITES, disabled);
    }

    /**
     * Default enabled protocols: the property's names (those we support, in its order) or the context's own;
     * those {@code jdk.tls.disabledAlgorithms} disables removed.
     */
    private static List<String> protocols(String property, List<String> defaults, DisabledAlgorithms disabled) {
        List<String> out = new ArrayList<>();
        String value = property == null ? null : System.getProperty(property);
        if (value != null && !value.isBlank()) {
            out.addAll(named(value, n -> List.of(CustomSSLContext.SUPPORTED_PROTOCOLS).contains(n) ? n : null));
            if (out.isEmpty()) {
                throw new IllegalArgumentException(property + " names no protocol this provider supports"
                        + " (TLSv1.3, TLSv1.2): " + value);
            }
        } else {
            out.addAll(defaults);
        }
        out.removeIf(n -> !disabled.permitsProtocol(n));
        return List.copyOf(out);
    }

    /** Default enabled suites: the property's (supported ones, in its order) or ours; disabled ones removed. */
    private static List<CipherSuite> suites(String property, DisabledAlgorithms disabled) {
        List<CipherSuite> out = named(System.getProperty(property), CipherSuite::fromJsseName);
        // As SunJSSE: a property naming no supported suite leaves the defaults.
        return permittedSuites(out.isEmpty() ? DEFAULT_SUITES : out, disabled);
    }

    private static List<CipherSuite> permittedSuites(List<CipherSuite> suites, DisabledAlgorithms disabled) {
        return suites.stream().filter(disabled::permits).toList();
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
        return named(property, n -> {
            NamedGroup g = NamedGroup.fromName(n.toLowerCase(Locale.ROOT));
            return g != null && crypto.supportsGroup(g) ? g : null;
        });
    }

    /**
     * The values a comma-separated property names, in its order and each once: every name trimmed and unquoted
     * (as the JDK writes them in {@code java.security}), looked up; names {@code lookup} does not know (null) are
     * left out. An unset or blank property names nothing.
     */
    private static <T> List<T> named(String value, Function<String, T> lookup) {
        List<T> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String name : value.split(",")) {
            T t = lookup.apply(name.trim().replace("\"", ""));
            if (t != null && !out.contains(t)) {
                out.add(t);
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
