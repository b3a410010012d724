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
 * Full TLS 1.3 handshakes per second: a whole connection (handshake with certificate authentication,
 * NewSessionTicket delivered, one application byte server to client, close_notify both ways) over a fresh
 * engine pair, with {@code TLS_AES_128_GCM_SHA256}, one key share of the pinned group, and an EC P-256 or
 * RSA-2048 server certificate. Client engines have no peer host/port, so no session is ever offered; every
 * iteration checks on the wire that the ClientHello has no {@code pre_shared_key} and exactly one key share.
 *
 * <p>Not {@code final}: JMH subclasses benchmark classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Tls13FullHandshakeBenchmark {

    static final String SUITE = "TLS_AES_128_GCM_SHA256";

    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    public String provider;

    /** X25519MLKEM768: hybrid post-quantum (ML-KEM-768 + X25519), where a provider has it. */
    @Param({"x25519", "secp256r1", "X25519MLKEM768"})
    public String group;

    @Param({"EC_P256", "RSA_2048"})
    public String cert;

    private TlsEndpoints endpoints;
    private EnginePairDriver driver;

    @Setup(Level.Trial)
    public void setup() throws SSLException {
        endpoints = TlsEndpoints.forBenchmark(provider, cert, "TLSv1.3", SUITE, group, false);
        driver = new EnginePairDriver();
        connection(); // fail fast, before warm-up, if the wire check fails
    }

    @Benchmark
    public EnginePairDriver connection() throws SSLException {
        driver.connect(endpoints.newClient(false), endpoints.newServer());
        endpoints.expect(driver, false);
        return driver;
    }
}
