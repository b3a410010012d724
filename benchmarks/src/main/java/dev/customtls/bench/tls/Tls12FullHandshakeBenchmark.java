package dev.customtls.bench.tls;

import dev.customtls.bench.harness.EnginePairDriver;
import dev.customtls.bench.harness.TlsEndpoints;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full TLS 1.2 handshakes per second with {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, x25519 and an
 * EC P-256 server certificate: a whole connection as in {@link Tls13FullHandshakeBenchmark} (a TLS 1.2
 * NewSessionTicket, when a provider sends one, is part of the handshake). Client engines have no peer
 * host/port; every iteration checks on the wire that the server sent its Certificate and an x25519
 * ServerKeyExchange (RFC 5246 section 7.4, RFC 8422 section 5.4).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Tls12FullHandshakeBenchmark {

    static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    static final String GROUP = "x25519";

    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    public String provider;

    private TlsEndpoints endpoints;
    private EnginePairDriver driver;

    @Setup(Level.Trial)
    public void setup() throws SSLException {
        endpoints = TlsEndpoints.forBenchmark(provider, "EC_P256", "TLSv1.2", SUITE, GROUP, false);
        driver = new EnginePairDriver();
        connection();
    }

    @Benchmark
    public EnginePairDriver connection() throws SSLException {
        driver.connect(endpoints.newClient(false), endpoints.newServer());
        endpoints.expect(driver, false);
        return driver;
    }
}
