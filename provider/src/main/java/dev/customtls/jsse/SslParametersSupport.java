package dev.customtls.jsse;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLParameters;

/**
 * Copies and validates {@code SSLParameters}, including {@code setNamedGroups}/{@code setSignatureSchemes}
 * on JDKs that have them (20+), looked up once.
 */
final class SslParametersSupport {
    private static final Method GET_GROUPS = method("getNamedGroups");
    private static final Method SET_GROUPS = method("setNamedGroups", String[].class);
    private static final Method GET_SCHEMES = method("getSignatureSchemes");
    private static final Method SET_SCHEMES = method("setSignatureSchemes", String[].class);
    /** The arguments of a getter: passed explicitly, as a varargs call would allocate an empty array each time. */
    private static final Object[] NO_ARGS = {};

    private SslParametersSupport() {
    }

    private static Method method(String name, Class<?>... args) {
        try {
            return SSLParameters.class.getMethod(name, args);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** A deep copy of {@code p}. */
    static SSLParameters copy(SSLParameters p) {
        SSLParameters c = new SSLParameters();
        copyInto(p, c);
        return c;
    }

    /** Copies every property that {@code from} sets into {@code to}. */
    static void copyInto(SSLParameters from, SSLParameters to) {
        if (from.getCipherSuites() != null) {
            to.setCipherSuites(from.getCipherSuites());
        }
        if (from.getProtocols() != null) {
            to.setProtocols(from.getProtocols());
        }
        if (from.getNeedClientAuth()) {
            to.setNeedClientAuth(true);
        } else {
            to.setWantClientAuth(from.getWantClientAuth());
        }
        to.setEndpointIdentificationAlgorithm(from.getEndpointIdentificationAlgorithm());
        to.setAlgorithmConstraints(from.getAlgorithmConstraints());
        if (from.getServerNames() != null) {
            to.setServerNames(from.getServerNames());
        }
        if (from.getSNIMatchers() != null) {
            to.setSNIMatchers(from.getSNIMatchers());
        }
        to.setUseCipherSuitesOrder(from.getUseCipherSuitesOrder());
        to.setApplicationProtocols(from.getApplicationProtocols());
        to.setMaximumPacketSize(from.getMaximumPacketSize());
        to.setEnableRetransmissions(from.getEnableRetransmissions());
        setNamedGroups(to, namedGroups(from));
        setSignatureSchemes(to, signatureSchemes(from));
    }

    static String[] namedGroups(SSLParameters p) {
        return (String[]) invoke(GET_GROUPS, p, NO_ARGS);
    }

    static String[] signatureSchemes(SSLParameters p) {
        return (String[]) invoke(GET_SCHEMES, p, NO_ARGS);
    }

    static void setNamedGroups(SSLParameters p, String[] groups) {
        if (SET_GROUPS != null && groups != null) {
            invoke(SET_GROUPS, p, new Object[] {groups});
        }
    }

    static void setSignatureSchemes(SSLParameters p, String[] schemes) {
        if (SET_SCHEMES != null && schemes != null) {
            invoke(SET_SCHEMES, p, new Object[] {schemes});
        }
    }

    private static Object invoke(Method m, SSLParameters p, Object[] args) {
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(p, args);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Validates suite names as SunJSSE does: unknown names are an IllegalArgumentException. */
    static List<CipherSuite> suites(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("cipher suites must not be null");
        }
        List<CipherSuite> out = new ArrayList<>(names.length);
        for (String n : names) {
            if (n == null || n.isEmpty()) {
                throw new IllegalArgumentException("An element of the cipher suites is null or empty");
            }
            CipherSuite s = CipherSuite.fromJsseName(n);
            if (s == null || !ContextSettings.SUPPORTED_SUITES.contains(s)) {
                throw new IllegalArgumentException("Unsupported CipherSuite: " + n);
            }
            out.add(s);
        }
        return out;
    }

    /** Validates protocol names: known names are accepted, only TLSv1.3 is used; others are an error. */
    static List<ProtocolVersion> protocols(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("protocols must not be null");
        }
        List<ProtocolVersion> out = new ArrayList<>(names.length);
        for (String n : names) {
            if (n == null) {
                throw new IllegalArgumentException("An element of the protocols is null");
            }
            ProtocolVersion v = ProtocolVersion.fromJsseName(n);
            if (v == null && !n.equals("SSLv2Hello")) {
                throw new IllegalArgumentException("Unsupported protocol: " + n);
            }
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The groups {@code SSLParameters.setNamedGroups} chose, in its order, among {@code supported}; none chosen
     * (null): the context's {@code defaults}.
     */
    static List<NamedGroup> groups(String[] names, List<NamedGroup> defaults, List<NamedGroup> supported) {
        if (names == null) {
            return defaults;
        }
        List<NamedGroup> out = new ArrayList<>();
        for (String n : names) {
            NamedGroup g = NamedGroup.fromName(n.toLowerCase(Locale.ROOT));
            if (g != null && supported.contains(g) && !out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    static List<SignatureScheme> schemes(String[] names, List<SignatureScheme> fallback) {
        if (names == null) {
            return fallback;
        }
        List<SignatureScheme> out = new ArrayList<>();
        for (String n : names) {
            SignatureScheme s = SignatureScheme.fromName(n);
            if (s != null && fallback.contains(s) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
