package dev.customtls.bench.harness;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Benchmark cases a peer provider cannot run, by design of its API rather than by a failure; the reasons
 * appear as "not available" in the results table. Measured with bctls 1.84 and Conscrypt 2.5.2
 * ({@code BENCHMARK-NOTES.md}).
 */
public final class KnownGaps {

    /** The only TLS 1.3 suite Conscrypt negotiates here (its suites cannot be chosen). */
    public static final String CONSCRYPT_SUITE = "TLS_AES_128_GCM_SHA256";

    /** File descriptors Conscrypt 2.5.2 opens per engine (its native {@code AppData} pipe). */
    static final int CONSCRYPT_FDS_PER_ENGINE = 2;
    /** Descriptors the JVM and JMH hold besides the engines' (jars, sockets, /proc files), generously. */
    static final int FD_HEADROOM = 512;

    private KnownGaps() {
    }

    /**
     * Why {@code kind} cannot run a case, or {@code null}.
     *
     * @param group the pinned key exchange group, or {@code null} if the case has none
     * @param tls13Suite the pinned TLS 1.3 suite, or {@code null}
     * @param tls13Resumption whether the case is a TLS 1.3 resumption
     */
    public static String reason(ProviderKind kind, String group, String tls13Suite, boolean tls13Resumption) {
        if (kind == ProviderKind.CONSCRYPT && group != null && !group.equalsIgnoreCase("x25519")) {
            return "Conscrypt 2.5.2 has no API to choose the key exchange group (X25519 only)";
        }
        if (kind == ProviderKind.CONSCRYPT && tls13Suite != null && !tls13Suite.equals(CONSCRYPT_SUITE)) {
            return "Conscrypt 2.5.2 ignores TLS 1.3 suite selection (only its default " + CONSCRYPT_SUITE + ")";
        }
        if (kind == ProviderKind.SUNJSSE && "X25519MLKEM768".equalsIgnoreCase(group) && !sunJsseHasHybrid()) {
            return "SunJSSE of JDK " + Runtime.version().feature() + " has no X25519MLKEM768";
        }
        if (kind == ProviderKind.BCJSSE && "X25519MLKEM768".equalsIgnoreCase(group)) {
            return "BCJSSE 1.84 does not negotiate X25519MLKEM768 when jdk.tls.namedGroups names it (its server "
                    + "answers with a HelloRetryRequest)";
        }
        if (kind == ProviderKind.BCJSSE && tls13Resumption) {
            return "BCJSSE 1.84 does not resume TLS 1.3 sessions";
        }
        return null;
    }

    /**
     * Why {@code kind} cannot hold {@code pairs} idle engine pairs open on this machine, or {@code null}.
     * Conscrypt 2.5.2 opens a pipe (two file descriptors) for every engine, in native code that fails with
     * "AppData::create pipe(2) failed: Too many open files" once the process limit is reached; the other
     * providers open none.
     */
    public static String idleConnectionsReason(ProviderKind kind, int pairs) {
        if (kind != ProviderKind.CONSCRYPT) {
            return null;
        }
        long limit = maxFileDescriptors();
        long needed = (long) pairs * 2 * CONSCRYPT_FDS_PER_ENGINE + FD_HEADROOM;
        if (limit > 0 && needed > limit) {
            return "Conscrypt 2.5.2 opens a pipe (2 file descriptors) per engine: " + pairs + " pairs need about "
                    + needed + ", above this process's open-files limit of " + limit + " (ulimit -n)";
        }
        return null;
    }

    /** The process's open-files limit, or -1 where the JVM does not tell it. */
    static long maxFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean ? ((UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount() : -1;
    }

    /** Whether this JDK's SunJSSE lists X25519MLKEM768 among its named groups (SSLParameters.getNamedGroups, JDK 20+). */
    private static boolean sunJsseHasHybrid() {
        try {
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS", "SunJSSE");
            ctx.init(null, null, null);
            javax.net.ssl.SSLParameters p = ctx.getSupportedSSLParameters();
            Object groups = javax.net.ssl.SSLParameters.class.getMethod("getNamedGroups").invoke(p);
            return groups != null && java.util.Arrays.asList((String[]) groups).contains("X25519MLKEM768");
        } catch (ReflectiveOperationException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Throws {@link ProviderUnavailableException} when {@link #reason} is not {@code null}. */
    public static void check(ProviderKind kind, String group, String tls13Suite, boolean tls13Resumption) {
        String reason = reason(kind, group, tls13Suite, tls13Resumption);
        if (reason != null) {
            throw new ProviderUnavailableException(reason);
        }
    }
}
