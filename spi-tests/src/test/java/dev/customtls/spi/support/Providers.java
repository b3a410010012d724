package dev.customtls.spi.support;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSSE providers under test and the one way the tests obtain an {@link SSLContext} from them.
 *
 * <p>The provider list comes from the system property {@code spi.providers} (a comma list, default
 * {@code SunJSSE,Custom}). The provider {@code Custom} is loaded by class name and registered when the class
 * is on the class path; when it is not, every cell that involves it fails with "Custom provider not found"
 * (it is never skipped).
 */
public final class Providers {

    /** The reference provider. */
    public static final String SUN_JSSE = "SunJSSE";
    /** Our provider's registered name. */
    public static final String CUSTOM = "Custom";
    /** Class name of our provider. */
    public static final String CUSTOM_CLASS = "dev.customtls.jsse.CustomProvider";
    /** System property naming the providers under test. */
    public static final String PROVIDERS_PROPERTY = "spi.providers";

    private static final Object INIT_LOCK = new Object();

    private Providers() {
    }

    /** The providers under test, in the order given by {@code spi.providers}. */
    public static List<String> configured() {
        String value = System.getProperty(PROVIDERS_PROPERTY, SUN_JSSE + "," + CUSTOM);
        List<String> names = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(PROVIDERS_PROPERTY + " names no provider");
        }
        return List.copyOf(names);
    }

    /** All ordered (client, server) pairs of configured providers. */
    public static List<List<String>> pairs() {
        List<String> names = configured();
        List<List<String>> pairs = new ArrayList<>();
        for (String client : names) {
            for (String server : names) {
                pairs.add(List.of(client, server));
            }
        }
        return List.copyOf(pairs);
    }

    /** Whether {@code name} is the provider whose contexts read our per-context system properties. */
    public static boolean isCustom(String name) {
        return CUSTOM.equals(name);
    }

    /**
     * The registered provider called {@code name}; throws {@code IllegalStateException("<name> provider not
     * found")} when it is not registered, so that every test cell involving it fails.
     */
    public static Provider require(String name) {
        Registration.ensure();
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new IllegalStateException(name + " provider not found");
        }
        return p;
    }

    /** An initialised {@code TLS} context of {@code provider}. */
    public static SSLContext sslContext(String provider, KeyManager[] km, TrustManager[] tm) {
        return sslContext(provider, "TLS", km, tm, Map.of());
    }

    private static final String DISABLED_ALGORITHMS = "jdk.tls.disabledAlgorithms";

    /** Takes the TLS_RSA_* entries out of jdk.tls.disabledAlgorithms; returns the value to put back (or null). */
    private static String allowRsaKeyExchange() {
        String before = java.security.Security.getProperty(DISABLED_ALGORITHMS);
        if (before == null || !before.toUpperCase(java.util.Locale.ROOT).contains("TLS_RSA_")) {
            return null;
        }
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String entry : before.split(",")) {
            if (!entry.trim().toUpperCase(java.util.Locale.ROOT).startsWith("TLS_RSA_")) {
                kept.add(entry.trim());
            }
        }
        java.security.Security.setProperty(DISABLED_ALGORITHMS, String.join(", ", kept));
        return before;
    }

    /**
     * An initialised context of {@code provider} for {@code protocol} ({@code TLS}, {@code TLSv1.3}, ...).
     * The system properties in {@code initProperties} are set for the duration of {@code init} and then
     * restored: this is how per-context settings reach {@code Custom}, which reads {@code jdk.tls.namedGroups}
     * and {@code dev.customtls.keyShares} at {@code SSLContext.init}. SunJSSE reads the former once per JVM;
     * it is forced to do so before any property is changed here, so the properties never leak into it.
     */
    public static SSLContext sslContext(String provider, String protocol, KeyManager[] km, TrustManager[] tm,
                                        Map<String, String> initProperties) {
        return sslContext(provider, protocol, km, tm, initProperties, Map.of());
    }

    /**
     * As {@link #sslContext(String, String, KeyManager[], TrustManager[], Map)}, with security properties too
     * (e.g. {@code jdk.tls.keyLimits}), set likewise for the duration of {@code init}; {@code Custom} only.
     */
    public static SSLContext sslContext(String provider, String protocol, KeyManager[] km, TrustManager[] tm,
                                        Map<String, String> initProperties, Map<String, String> securityProperties) {
        Provider p = require(provider);
        if (!securityProperties.isEmpty() && !isCustom(provider)) {
            throw new IllegalStateException("security properties are set for " + CUSTOM + " contexts only");
        }
        try {
            SSLContext ctx = SSLContext.getInstance(protocol, p);
            if (initProperties.isEmpty() && !isCustom(provider)) {
                ctx.init(km, tm, null);
                return ctx;
            }
            SunJsseGroupsWarmUp.ensure();
            synchronized (INIT_LOCK) {
                // These tests cover every suite Custom implements, RSA key exchange included: on Java 24+, whose
                // jdk.tls.disabledAlgorithms lists TLS_RSA_* (honoured by Custom as by SunJSSE), Custom contexts
                // are initialised with that entry taken out, as a user needing those suites would take it out.
                String disabledBefore = isCustom(provider) ? allowRsaKeyExchange() : null;
                Map<String, String> saved = new java.util.HashMap<>();
                for (Map.Entry<String, String> e : initProperties.entrySet()) {
                    saved.put(e.getKey(), System.getProperty(e.getKey()));
                    System.setProperty(e.getKey(), e.getValue());
                }
                Map<String, String> savedSecurity = new java.util.HashMap<>();
                for (Map.Entry<String, String> e : securityProperties.entrySet()) {
                    savedSecurity.put(e.getKey(), Security.getProperty(e.getKey()));
                    Security.setProperty(e.getKey(), e.getValue());
                }
                try {
                    ctx.init(km, tm, null);
                } finally {
                    for (Map.Entry<String, String> e : savedSecurity.entrySet()) {
                        // A security property cannot be removed; an unset one goes back to empty.
                        Security.setProperty(e.getKey(), e.getValue() == null ? "" : e.getValue());
                    }
                    for (Map.Entry<String, String> e : saved.entrySet()) {
                        if (e.getValue() == null) {
                            System.clearProperty(e.getKey());
                        } else {
                            System.setProperty(e.getKey(), e.getValue());
                        }
                    }
                    if (disabledBefore != null) {
                        java.security.Security.setProperty(DISABLED_ALGORITHMS, disabledBefore);
                    }
                }
            }
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create " + protocol + " context of " + provider, e);
        }
    }

    /** Registers {@code Custom} once if its class is on the class path. */
    private static final class Registration {
        private static final boolean CUSTOM_ON_CLASS_PATH = register();

        /** Triggers the one-time registration; true when the class of {@code Custom} was found. */
        static boolean ensure() {
            return CUSTOM_ON_CLASS_PATH;
        }

        private static boolean register() {
            Class<?> type;
            try {
                type = Class.forName(CUSTOM_CLASS);
            } catch (ClassNotFoundException e) {
                return false;
            }
            try {
                Provider p = (Provider) type.getDeclaredConstructor().newInstance();
                if (Security.getProvider(p.getName()) == null) {
                    Security.addProvider(p);
                }
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot instantiate " + CUSTOM_CLASS, e);
            }
        }
    }

    /**
     * Makes SunJSSE read {@code jdk.tls.namedGroups} (which it does once per JVM, when it first produces a
     * ClientHello) before any test changes that property for a {@code Custom} context.
     */
    private static final class SunJsseGroupsWarmUp {
        private static final boolean DONE = warmUp();

        /** Triggers the one-time warm-up. */
        static boolean ensure() {
            return DONE;
        }

        private static boolean warmUp() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS", SUN_JSSE);
                ctx.init(null, null, null);
                SSLEngine engine = ctx.createSSLEngine("localhost", 443);
                engine.setUseClientMode(true);
                engine.beginHandshake();
                ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                engine.wrap(ByteBuffer.allocate(0), out);
                return true;
            } catch (GeneralSecurityException | javax.net.ssl.SSLException e) {
                throw new IllegalStateException("cannot warm up SunJSSE", e);
            }
        }
    }
}
