package dev.customtls.bench.harness;

import java.lang.reflect.Method;
import javax.net.ssl.SSLParameters;

/**
 * Pins the (EC)DHE group. On JDK 20+ through {@code SSLParameters.setNamedGroups} (called reflectively: the
 * module compiles with {@code --release 17}); on older JDKs, and for providers that read it (BCJSSE), through
 * the {@code jdk.tls.namedGroups} system property, which SunJSSE reads once per JVM. Each JMH fork runs one
 * parameter combination, so {@link #pinForThisJvm} sets the property before any TLS class initialises.
 * The wire check ({@link HandshakeWire#expect}) then proves that exactly one key share of that group was sent.
 */
public final class NamedGroups {

    /** The system property SunJSSE and BCJSSE read. */
    public static final String PROPERTY = "jdk.tls.namedGroups";

    private NamedGroups() {
    }

    /**
     * Sets {@code jdk.tls.namedGroups} to {@code group} (a comma-separated list) if unset; if it is set to another value, fails on
     * JDKs without {@code SSLParameters.setNamedGroups}, where the property cannot be overridden per engine.
     */
    public static void pinForThisJvm(String group) {
        String current = System.getProperty(PROPERTY);
        if (current == null || current.isEmpty()) {
            System.setProperty(PROPERTY, group);
        } else if (!current.equalsIgnoreCase(group) && setter() == null) {
            throw new ProviderUnavailableException("this JVM pinned " + PROPERTY + "=" + current
                    + " and JDK " + Runtime.version().feature() + " cannot override it per engine; run "
                    + group + " in its own fork");
        }
    }

    /** Also sets the groups on the parameters when the JDK has {@code SSLParameters.setNamedGroups}. */
    public static void apply(SSLParameters params, String[] groups) {
        Method setter = setter();
        if (setter != null) {
            try {
                setter.invoke(params, (Object) groups.clone());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("SSLParameters.setNamedGroups failed", e);
            }
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
