package dev.customtls.jsse;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;

import java.security.Security;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code jdk.tls.disabledAlgorithms} security property, applied as SunJSSE applies it to what a handshake
 * negotiates: protocol versions, cipher suites (by name, by {@code *} pattern such as {@code TLS_RSA_*}, or by
 * a component such as {@code RSA}, {@code ECDHE}, {@code AES_128_GCM}, {@code ChaCha20-Poly1305}), named
 * groups (by name, or by key size: {@code EC keySize < 224}, {@code DH keySize < 2048}) and handshake signature
 * schemes (by name, e.g. {@code rsa_pkcs1_sha1 usage HandshakeSignature}, or by their JCA algorithm and its
 * parts, e.g. {@code SHA1}). {@code include} entries are expanded (e.g. {@code include
 * jdk.disabled.namedCurves}).
 *
 * <p>Certificates are not checked here: the trust manager checks the peer's chain against the same property
 * (SunJSSE's {@code X509TrustManagerImpl} reads it through the engine). Entries limited to other uses
 * ({@code usage TLSServer}, {@code jdkCA}, {@code denyAfter}) therefore do not disable anything here.
 *
 * <p>Syntax (the JDK's {@code java.security} file): entries separated by commas; each is an algorithm name
 * followed by optional constraints joined with {@code &}. Names compare without regard to case.
 */
final class DisabledAlgorithms {
    static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    /** Nothing disabled (a property that is unset or empty). */
    static final DisabledAlgorithms NONE = new DisabledAlgorithms(List.of());

    /** One entry: a name (lower case, may hold {@code *}) and what limits it. */
    private record Entry(String name, boolean unconditional, boolean handshakeSignature, List<KeySize> keySizes) {
        boolean matches(String candidate) {
            String c = candidate.toLowerCase(Locale.ROOT);
            return name.indexOf('*') < 0 ? name.equals(c) : glob(name, c);
        }
    }

    /** {@code keySize <op> n}: the key sizes it disables. */
    private record KeySize(String op, int bits) {
        boolean disables(int size) {
            return switch (op) {
                case "<" -> size < bits;
                case "<=" -> size <= bits;
                case ">" -> size > bits;
                case ">=" -> size >= bits;
                case "==" -> size == bits;
                case "!=" -> size != bits;
                default -> false;
            };
        }
    }

    private final List<Entry> entries;
    // What the entries disable among the algorithms we implement, worked out once: engines ask per handshake.
    private final Set<ProtocolVersion> disabledVersions = EnumSet.noneOf(ProtocolVersion.class);
    private final Set<CipherSuite> disabledSuites = EnumSet.noneOf(CipherSuite.class);
    private final Set<NamedGroup> disabledGroups = EnumSet.noneOf(NamedGroup.class);
    private final Set<SignatureScheme> disabledSchemes = EnumSet.noneOf(SignatureScheme.class);

    private DisabledAlgorithms(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (ProtocolVersion v : ProtocolVersion.values()) {
            if (!permitsProtocol(v.jsseName())) {
                disabledVersions.add(v);
            }
        }
        for (CipherSuite s : CipherSuite.values()) {
            if (!evaluate(s)) {
                disabledSuites.add(s);
            }
        }
        for (NamedGroup g : NamedGroup.values()) {
            if (!evaluate(g)) {
                disabledGroups.add(g);
            }
        }
        for (SignatureScheme s : SignatureScheme.values()) {
            if (!evaluate(s)) {
                disabledSchemes.add(s);
            }
        }
    }

    /** The property as it is now (read at {@code SSLContext.init}). */
    static DisabledAlgorithms fromSecurityProperty() {
        return parse(Security.getProperty(PROPERTY), Security::getProperty);
    }

    /** Parses {@code value}; {@code include} names are resolved with {@code properties}. */
    static DisabledAlgorithms parse(String value, Function<String, String> properties) {
        List<Entry> out = new ArrayList<>();
        addEntries(value, properties, out, new HashSet<>());
        return out.isEmpty() ? NONE : new DisabledAlgorithms(out);
    }

    /** Each property is included once at most, which also ends include cycles. */
    private static void addEntries(String value, Function<String, String> properties, List<Entry> out,
                                   Set<String> included) {
        if (value == null || value.isBlank()) {
            return;
        }
        for (String raw : value.split(",")) {
            String entry = raw.trim().replace("\"", "");
            if (entry.isEmpty()) {
                continue;
            }
            String[] words = entry.split("\\s+", 2);
            if (words[0].equalsIgnoreCase("include") && words.length == 2) {
                String name = words[1].trim();
                if (included.add(name)) {
                    addEntries(properties.apply(name), properties, out, included);
                }
                continue;
            }
            out.add(entry(words[0], words.length == 2 ? words[1] : ""));
        }
    }

    private static Entry entry(String name, String constraints) {
        boolean unconditional = constraints.isBlank();
        boolean handshakeSignature = false;
        List<KeySize> sizes = new ArrayList<>();
        for (String c : constraints.split("&")) {
            String[] w = c.trim().split("\\s+");
            if (w.length == 3 && w[0].equalsIgnoreCase("keySize")) {
                try {
                    sizes.add(new KeySize(w[1], Integer.parseInt(w[2])));
                } catch (NumberFormatException e) {
                    // A malformed size limits nothing, as in the JDK (which refuses the entry).
                }
            } else if (w.length >= 2 && w[0].equalsIgnoreCase("usage")) {
                for (int i = 1; i < w.length; i++) {
                    handshakeSignature |= w[i].equalsIgnoreCase("HandshakeSignature");
                }
            }
        }
        return new Entry(name.toLowerCase(Locale.ROOT), unconditional, handshakeSignature, List.copyOf(sizes));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether {@code name} (e.g. {@code TLSv1.2}) is disabled outright. */
    boolean permitsProtocol(String name) {
        for (Entry e : entries) {
            if (e.unconditional && e.matches(name)) {
                return false;
            }
        }
        return true;
    }

    boolean permits(ProtocolVersion version) {
        return !disabledVersions.contains(version);
    }

    boolean permits(CipherSuite suite) {
        return !disabledSuites.contains(suite);
    }

    boolean permits(NamedGroup group) {
        return !disabledGroups.contains(group);
    }

    boolean permits(SignatureScheme scheme) {
        return !disabledSchemes.contains(scheme);
    }

    /** A suite is disabled by its name, a pattern matching it, or any of its components. */
    private boolean evaluate(CipherSuite suite) {
        List<String> names = new ArrayList<>();
        names.add(suite.jsseName());
        switch (suite.keyExchange()) {
            case ECDHE_ECDSA -> names.addAll(List.of("ECDHE", "ECDSA", "ECDHE_ECDSA"));
            case ECDHE_RSA -> names.addAll(List.of("ECDHE", "RSA", "ECDHE_RSA"));
            case RSA -> names.add("RSA");
            case TLS13 -> { }
        }
        switch (suite.aead()) {
            case AES_128_GCM -> names.addAll(List.of("AES_128_GCM", "AES", "GCM"));
            case AES_256_GCM -> names.addAll(List.of("AES_256_GCM", "AES", "GCM"));
            case CHACHA20_POLY1305 -> names.addAll(List.of("CHACHA20_POLY1305", "ChaCha20-Poly1305"));
        }
        names.addAll(hashNames(suite.hash().name()));
        return permitsAll(names);
    }

    /** A group is disabled by its name, its key algorithm, or a key size limit on that algorithm. */
    private boolean evaluate(NamedGroup group) {
        List<String> names = new ArrayList<>();
        names.add(group.rfcName());
        String algorithm;
        int bits;
        switch (group) {
            case SECP256R1 -> { algorithm = "EC"; bits = 256; }
            case SECP384R1 -> { algorithm = "EC"; bits = 384; }
            case SECP521R1 -> { algorithm = "EC"; bits = 521; }
            case X25519 -> { algorithm = "XDH"; bits = 255; }
            case X448 -> { algorithm = "XDH"; bits = 448; }
            case X25519MLKEM768 -> { algorithm = "ML-KEM"; bits = 768; }
            default -> { algorithm = "DH"; bits = group.publicKeyLength() * 8; }
        }
        names.add(algorithm);
        if (algorithm.equals("DH")) {
            names.add("DiffieHellman");
        }
        if (!permitsAll(names)) {
            return false;
        }
        for (Entry e : entries) {
            if (!e.keySizes.isEmpty() && (e.matches(algorithm) || (algorithm.equals("DH") && e.matches("DiffieHellman")))) {
                for (KeySize k : e.keySizes) {
                    if (k.disables(bits)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * A scheme is disabled for handshake signatures by its name (outright or with {@code usage
     * HandshakeSignature}), or outright by its JCA algorithm or one of that algorithm's parts.
     */
    private boolean evaluate(SignatureScheme scheme) {
        for (Entry e : entries) {
            if ((e.unconditional || e.handshakeSignature) && e.matches(scheme.rfcName())) {
                return false;
            }
        }
        String jca = CustomSSLSession.jcaName(scheme);
        List<String> names = new ArrayList<>();
        names.add(jca);
        int with = jca.toLowerCase(Locale.ROOT).indexOf("with");
        if (with > 0) {
            names.addAll(hashNames(jca.substring(0, with)));
            names.add(jca.substring(with + 4));
        } else if (scheme.hash() != null) {
            names.addAll(hashNames(scheme.hash().name()));
        }
        return permitsAll(names);
    }

    private boolean permitsAll(List<String> names) {
        for (Entry e : entries) {
            if (!e.unconditional) {
                continue;
            }
            for (String n : names) {
                if (e.matches(n)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A digest's names as the JDK's algorithm decomposer knows them: {@code SHA256} and {@code SHA-256}. */
    private static List<String> hashNames(String hash) {
        String plain = hash.toUpperCase(Locale.ROOT).replace("-", "");
        if (plain.startsWith("SHA") && plain.length() > 3) {
            return List.of(plain, "SHA-" + plain.substring(3));
        }
        return List.of(plain);
    }

    /** {@code *} matches any run of characters; both sides lower case. */
    private static boolean glob(String pattern, String s) {
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == s.charAt(i)) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return "DisabledAlgorithms" + entries.stream().map(Entry::name).toList();
    }
}
