package dev.customtls.bench.tls;

import dev.customtls.bench.harness.EnginePairDriver;
import dev.customtls.bench.harness.TlsEndpoints;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
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
 * Application-data transfers per second on an established TLS 1.3 connection: the client {@code wrap}s
 * {@code size} bytes (one record, or as many as the engine makes: SunJSSE seals at most 16367 bytes per
 * TLS 1.3 record, so 16 KiB takes two wraps) and the server {@code unwrap}s them (seal + open, per suite).
 * Buffers are allocated once; each operation checks that all {@code size} bytes went through. Bytes per
 * second = score x size.
 *
 * <p>Conscrypt 2.5.2 cannot choose a TLS 1.3 suite, so it runs only with its default
 * {@code TLS_AES_128_GCM_SHA256} (checked on the wire at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Tls13BulkTransferBenchmark {

    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    public String provider;

    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"64", "1024", "16384"})
    public int size;

    private SSLEngine client;
    private SSLEngine server;
    private ByteBuffer plaintext;
    private ByteBuffer record;
    private ByteBuffer received;
    private long records;

    @Setup(Level.Trial)
    public void setup() throws SSLException {
        TlsEndpoints endpoints = TlsEndpoints.forBenchmark(provider, "EC_P256", "TLSv1.3", suite, "x25519", false);
        EnginePairDriver driver = new EnginePairDriver();
        client = endpoints.newClient(false);
        server = endpoints.newServer();
        driver.establish(client, server);
        endpoints.expect(driver, false);
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        plaintext = ByteBuffer.wrap(data);
        record = ByteBuffer.allocate(2 * client.getSession().getPacketBufferSize() + size);
        received = ByteBuffer.allocate(server.getSession().getApplicationBufferSize() + size);
        recordRoundTrip();
    }

    @Benchmark
    public int recordRoundTrip() throws SSLException {
        plaintext.clear();
        record.clear();
        while (plaintext.hasRemaining()) {
            SSLEngineResult w = client.wrap(plaintext, record);
            if (w.bytesConsumed() == 0 || w.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                throw new IllegalStateException("wrap did not seal application data: " + w);
            }
            records++;
        }
        record.flip();
        received.clear();
        while (record.hasRemaining()) {
            SSLEngineResult u = server.unwrap(record, received);
            if (u.bytesConsumed() == 0) {
                throw new IllegalStateException("unwrap did not open a record: " + u);
            }
        }
        if (received.position() != size) {
            throw new IllegalStateException("received " + received.position() + " of " + size + " bytes");
        }
        return received.position();
    }

    /** Records sealed so far (SunJSSE seals at most 16367 bytes per TLS 1.3 record: 16 KiB takes two). */
    public long records() {
        return records;
    }
}
