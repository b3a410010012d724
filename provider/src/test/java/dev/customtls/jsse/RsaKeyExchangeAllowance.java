package dev.customtls.jsse;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Java 24 and later list {@code TLS_RSA_*} in {@code jdk.tls.disabledAlgorithms}, which {@code Custom} honours
 * as SunJSSE does. Tests of RSA key exchange initialise their {@code Custom} contexts inside
 * {@link #during(Callable)}, which takes that entry out of the security property for the call only, as a user
 * who needs those suites would take it out of {@code java.security}. The property is read at
 * {@code SSLContext.init}, so the contexts keep the allowance afterwards.
 */
public final class RsaKeyExchangeAllowance {
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";
    private static final Object LOCK = new Object();

    private RsaKeyExchangeAllowance() {
    }

    /** Runs {@code init} with every {@code TLS_RSA_*} entry removed from {@code jdk.tls.disabledAlgorithms}. */
    public static <T> T during(Callable<T> init) throws Exception {
        synchronized (LOCK) {
            String before = Security.getProperty(PROPERTY);
            if (before == null) {
                return init.call();
            }
            List<String> kept = new ArrayList<>();
            for (String entry : before.split(",")) {
                if (!entry.trim().toUpperCase(java.util.Locale.ROOT).startsWith("TLS_RSA_")) {
                    kept.add(entry.trim());
                }
            }
            Security.setProperty(PROPERTY, String.join(", ", kept));
            try {
                return init.call();
            } finally {
                Security.setProperty(PROPERTY, before);
            }
        }
    }
}
