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
 * Resumed TLS 1.3 handshakes per second (PSK with (EC)DHE, RFC 8446 section 2.2): a whole connection as in
 * {@link Tls13FullHandshakeBenchmark}, x25519, {@code TLS_AES_128_GCM_SHA256}, EC P-256 server; the client
 * engines share one client context and peer host/port, so each connection resumes with the ticket the
 * previous one received. Every iteration proves resumption on the wire: the ClientHello offers and the
 * plaintext ServerHello selects {@code pre_shared_key} (0x0029), so the server sent no Certificate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Tls13ResumedHandshakeBenchmark {

    static final String GROUP = "x25519";

    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    public String provider;

    private TlsEndpoints endpoints;
    private EnginePairDriver driver;

    @Setup(Level.Trial)
    public void setup() throws SSLException {
        endpoints = TlsEndpoints.forBenchmark(provider, "EC_P256", "TLSv1.3",
                Tls13FullHandshakeBenchmark.SUITE, GROUP, true);
        driver = new EnginePairDriver();
        driver.connect(endpoints.newClient(true), endpoints.newServer()); // gets the first ticket
        endpoints.expect(driver, false);
        connection();
    }

    @Benchmark
    public EnginePairDriver connection() throws SSLException {
        driver.connect(endpoints.newClient(true), endpoints.newServer());
        endpoints.expect(driver, true);
        return driver;
    }
}
