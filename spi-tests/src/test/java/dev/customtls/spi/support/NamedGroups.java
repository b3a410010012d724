package dev.customtls.spi.support;

import javax.net.ssl.SSLParameters;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Key-exchange group names (as in {@code jdk.tls.namedGroups}) and their code points (RFC 8446 section
 * 4.2.7), and access to {@code SSLParameters.setNamedGroups}, which exists from JDK 20 on and is therefore
 * called by reflection (the tests compile against Java 17).
 */
public final class NamedGroups {

    public static final String X25519 = "x25519";
    public static final String SECP256R1 = "secp256r1";
    public static final String SECP384R1 = "secp384r1";

    private static final Map<String, Integer> CODES = Map.of(
            SECP256R1, 0x0017, SECP384R1, 0x0018, "secp521r1", 0x0019,
            X25519, 0x001d, "x448", 0x001e, "ffdhe2048", 0x0100, "ffdhe3072", 0x0101, "X25519MLKEM768", 0x11ec);

    private NamedGroups() {
    }

    /** The code point of a group name; throws for unknown names. */
    public static int code(String name) {
        Integer code = CODES.get(name);
        if (code == null) {
            throw new IllegalArgumentException("unknown group " + name);
        }
        return code;
    }

    /** The name of a code point, or {@code 0x....} when unknown. */
    public static String name(int code) {
        for (Map.Entry<String, Integer> e : CODES.entrySet()) {
            if (e.getValue() == code) {
                return e.getKey();
            }
        }
        return String.format("0x%04x", code);
    }

    /** Whether this JDK has {@code SSLParameters.setNamedGroups(String[])} (JDK 20+). */
    public static boolean parametersHaveNamedGroups() {
        return setter() != null;
    }

    /**
     * Sets the named groups on {@code params} when the JDK supports it.
     *
     * @return whether the groups were set
     */
    public static boolean trySet(SSLParameters params, String... groups) {
        Method m = setter();
        if (m == null) {
            return false;
        }
        try {
            m.invoke(params, (Object) groups.clone());
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters.setNamedGroups failed", e);
        }
    }

    private static Method setter() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
