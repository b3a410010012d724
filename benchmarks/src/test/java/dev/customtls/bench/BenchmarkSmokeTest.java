package dev.customtls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.bench.harness.KnownGaps;
import dev.customtls.bench.harness.ProviderKind;
import dev.customtls.bench.harness.ProviderTurns;
import dev.customtls.bench.tls.IdleConnectionMemoryBenchmark;
import dev.customtls.bench.tls.InterleavedBulkBenchmark;
import dev.customtls.bench.tls.InterleavedHandshakeBenchmark;
import dev.customtls.bench.tls.SocketConnectionBenchmark;
import dev.customtls.bench.tls.Tls13BulkTransferBenchmark;
import dev.customtls.bench.tls.Tls13FullHandshakeBenchmark;
import dev.customtls.bench.tls.Tls13ResumedHandshakeBenchmark;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each benchmark's trial setup and one operation per provider (TLS 1.3 x25519 cases; secp256r1 and
 * TLS 1.2 run in {@link Secp256r1SmokeTest} and {@link Tls12SmokeTest}, each in its own JVM, because on
 * JDK 17 the groups are a per-JVM system property).
 * Not a measurement: only proves every benchmark still works, including its wire checks.
 */
class BenchmarkSmokeTest {

    @ParameterizedTest
    @CsvSource({
        "SunJSSE, EC_P256", "SunJSSE, RSA_2048",
        "BCJSSE, EC_P256", "BCJSSE, RSA_2048",
        "Conscrypt, EC_P256", "Conscrypt, RSA_2048",
        "Custom, EC_P256", "Custom, RSA_2048"})
    void fullTls13Handshake(String provider, String cert) throws Exception {
        SmokeRunner.run(provider, "x25519", "TLS_AES_128_GCM_SHA256", false, () -> {
            Tls13FullHandshakeBenchmark b = new Tls13FullHandshakeBenchmark();
            b.provider = provider;
            b.group = "x25519";
            b.cert = cert;
            b.setup();
            assertNotNull(b.connection());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    void resumedTls13Handshake(String provider) throws Exception {
        SmokeRunner.run(provider, "x25519", "TLS_AES_128_GCM_SHA256", true, () -> {
            Tls13ResumedHandshakeBenchmark b = new Tls13ResumedHandshakeBenchmark();
            b.provider = provider;
            b.setup();
            b.connection();
            b.connection();
        });
    }

    @ParameterizedTest
    @CsvSource({
        "SunJSSE, TLS_AES_128_GCM_SHA256", "SunJSSE, TLS_AES_256_GCM_SHA384", "SunJSSE, TLS_CHACHA20_POLY1305_SHA256",
        "BCJSSE, TLS_AES_128_GCM_SHA256", "BCJSSE, TLS_AES_256_GCM_SHA384", "BCJSSE, TLS_CHACHA20_POLY1305_SHA256",
        "Conscrypt, TLS_AES_128_GCM_SHA256", "Conscrypt, TLS_AES_256_GCM_SHA384",
        "Custom, TLS_AES_128_GCM_SHA256"})
    void bulkTransfer(String provider, String suite) throws Exception {
        SmokeRunner.run(provider, "x25519", suite, false, () -> {
            for (int size : new int[] {64, 16384}) {
                Tls13BulkTransferBenchmark b = new Tls13BulkTransferBenchmark();
                b.provider = provider;
                b.suite = suite;
                b.size = size;
                b.setup();
                assertEquals(size, b.recordRoundTrip());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    void idleConnectionMemory(String provider) throws Exception {
        SmokeRunner.run(provider, "x25519", "TLS_AES_128_GCM_SHA256", false, () -> {
            IdleConnectionMemoryBenchmark b = new IdleConnectionMemoryBenchmark();
            b.provider = provider;
            b.connections = 4;
            b.setup();
            IdleConnectionMemoryBenchmark.Retained out = new IdleConnectionMemoryBenchmark.Retained();
            assertEquals(8, b.idleConnections(out).length);
            assertTrue(out.heapBytesPerPair > -1e9); // measured, whatever the GC noise with 4 pairs
        });
    }

    @ParameterizedTest
    @CsvSource({"SunJSSE, false", "BCJSSE, true", "Conscrypt, true", "Custom, false", "Custom, true"})
    void socketConnection(String provider, boolean tcpNoDelay) throws Exception {
        SmokeRunner.run(provider, "x25519", "TLS_AES_128_GCM_SHA256", false, () -> {
            SocketConnectionBenchmark b = new SocketConnectionBenchmark();
            b.provider = provider;
            b.tcpNoDelay = tcpNoDelay;
            b.setup();
            try {
                assertEquals(42, b.connection());
                assertEquals(42, b.connection());
            } finally {
                b.tearDown();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls13-ecdsa", "tls13-rsa", "tls13-resumed"})
    void interleavedHandshakes(String handshake) throws Exception {
        interleaved(handshake);
    }

    /**
     * Every provider that can make the connection takes turns (all four but the known gaps), and each turn is
     * charged to its provider: connections and thread CPU time.
     */
    static void interleaved(String handshake) throws Exception {
        InterleavedHandshakeBenchmark b = new InterleavedHandshakeBenchmark();
        b.handshake = handshake;
        b.providers = "SunJSSE+BCJSSE+Conscrypt+Custom";
        b.setup();
        ProviderTurns turns = new ProviderTurns();
        turns.reset();
        assertTakesTurns(b.takingTurns(), handshake.startsWith("tls13") ? "TLS_AES_128_GCM_SHA256" : null,
                handshake.equals("tls13-resumed"));
        // slices of about 50 ms of CPU each: a few hundred connections go round every provider
        for (int i = 0; i < 5000 && !b.takingTurns().stream().allMatch(k -> ops(turns, k) > 0); i++) {
            b.connection(turns);
        }
        assertCharged(turns, b.takingTurns());
    }

    @ParameterizedTest
    @CsvSource({"64, TLS_AES_128_GCM_SHA256", "16384, TLS_AES_128_GCM_SHA256", "1024, TLS_CHACHA20_POLY1305_SHA256"})
    void interleavedBulk(int size, String suite) throws Exception {
        InterleavedBulkBenchmark b = new InterleavedBulkBenchmark();
        b.size = size;
        b.suite = suite;
        b.providers = "SunJSSE+BCJSSE+Conscrypt+Custom";
        b.setup();
        ProviderTurns turns = new ProviderTurns();
        turns.reset();
        b.startIteration();
        assertTakesTurns(b.takingTurns(), suite, false);
        for (int i = 0; i < 2_000_000 && !b.takingTurns().stream().allMatch(k -> ops(turns, k) > 0); i++) {
            assertEquals(size, b.recordRoundTrip(turns));
        }
        assertCharged(turns, b.takingTurns());
    }

    /** All four providers take turns but those with a known gap for the case. */
    private static void assertTakesTurns(List<ProviderKind> taking, String tls13Suite, boolean resumption) {
        for (ProviderKind kind : ProviderKind.values()) {
            boolean gap = KnownGaps.reason(kind, "x25519", tls13Suite, resumption) != null;
            assertEquals(!gap, taking.contains(kind), kind + " taking turns");
        }
    }

    /** Each provider taking turns was charged operations and CPU time, the others nothing. */
    private static void assertCharged(ProviderTurns turns, List<ProviderKind> taking) {
        for (ProviderKind kind : ProviderKind.values()) {
            if (taking.contains(kind)) {
                assertTrue(ops(turns, kind) > 0 && cpuNanos(turns, kind) > 0, kind + " charged");
            } else {
                assertEquals(0, ops(turns, kind), kind + " not charged");
            }
        }
    }

    private static long ops(ProviderTurns turns, ProviderKind kind) {
        return counter(turns, kind, "Ops");
    }

    private static long cpuNanos(ProviderTurns turns, ProviderKind kind) {
        return counter(turns, kind, "CpuNanos");
    }

    /** A provider's counter, by the field name JMH reports and {@code ResultsTable} reads. */
    private static long counter(ProviderTurns turns, ProviderKind kind, String suffix) {
        try {
            return ProviderTurns.class.getField(kind.counterPrefix() + suffix).getLong(turns);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no counter " + kind.counterPrefix() + suffix, e);
        }
    }
}
