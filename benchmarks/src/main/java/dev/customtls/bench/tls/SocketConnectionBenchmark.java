package dev.customtls.bench.tls;

import dev.customtls.bench.harness.TlsEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TLS 1.3 connections per second over real loopback TCP sockets, the way an application meets a provider
 * through {@code SSLSocket}: connect, full handshake (x25519, {@code TLS_AES_128_GCM_SHA256}, EC P-256 server
 * certificate), one byte client to server and one back, close. Client and server are the same provider; the
 * server runs on its own thread. {@code tcpNoDelay=false} is the socket default (Nagle's algorithm on), which
 * most applications keep; {@code true} is what latency-minded ones set.
 *
 * <p>Wall-clock: a connection here waits on the other thread and on the TCP stack, so unlike the in-memory
 * benchmarks the score includes time no CPU works, which is the point: how a provider's writes meet Nagle's
 * algorithm and delayed acknowledgements. Every client session is invalidated after its connection, so each
 * connection is a full handshake; each one's protocol and suite are checked.
 *
 * <p>Not {@code final}: JMH subclasses benchmark classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// Conscrypt's sockets read the host name out of InetAddress by reflection, which JDK 16+ refuses without this.
@Fork(value = 1, jvmArgsPrepend = "--add-opens=java.base/java.net=ALL-UNNAMED")
public class SocketConnectionBenchmark {

    static final String SUITE = "TLS_AES_128_GCM_SHA256";

    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "Custom"})
    public String provider;

    @Param({"false", "true"})
    public boolean tcpNoDelay;

    private TlsEndpoints endpoints;
    private SSLServerSocket serverSocket;
    private Thread server;
    private volatile Throwable serverFailure;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        endpoints = TlsEndpoints.forBenchmark(provider, "EC_P256", "TLSv1.3", SUITE, "x25519", false);
        serverSocket = endpoints.newServerSocket();
        server = new Thread(this::serve, "tls-socket-benchmark-server");
        server.setDaemon(true);
        server.start();
        connection(); // fail fast, before warm-up
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        serverSocket.close();
        server.join(10_000);
    }

    @Benchmark
    public int connection() throws IOException {
        checkServer();
        int answer;
        try (SSLSocket s = endpoints.newClientSocket(serverSocket.getLocalPort())) {
            s.setTcpNoDelay(tcpNoDelay);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(42);
            out.flush();
            answer = s.getInputStream().read();
            SSLSession session = s.getSession();
            if (answer != 42 || !"TLSv1.3".equals(session.getProtocol()) || !SUITE.equals(session.getCipherSuite())) {
                throw new IllegalStateException(provider + ": unexpected connection: answer " + answer + ", "
                        + session.getProtocol() + ", " + session.getCipherSuite());
            }
            session.invalidate(); // the next connection is a full handshake again
        }
        return answer;
    }

    /** Accepts connections one at a time: reads a byte, echoes it, reads to the end (the client's close). */
    private void serve() {
        while (!serverSocket.isClosed()) {
            try (SSLSocket s = (SSLSocket) serverSocket.accept()) {
                s.setTcpNoDelay(tcpNoDelay);
                s.setSoTimeout(30_000);
                endpoints.apply(s);
                InputStream in = s.getInputStream();
                int b = in.read();
                if (b < 0) {
                    continue;
                }
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                drain(in);
            } catch (SocketException e) {
                if (!serverSocket.isClosed()) {
                    serverFailure = e;
                }
            } catch (IOException | RuntimeException e) {
                serverFailure = e;
            }
        }
    }

    /** Reads to the client's close_notify; how a provider ends the TCP connection is not measured here. */
    private static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // nothing to do
            }
        } catch (IOException e) {
            // a reset after the client's close: the connection was complete
        }
    }

    private void checkServer() {
        Throwable f = serverFailure;
        if (f != null) {
            throw new IllegalStateException(provider + " server failed: " + f, f);
        }
    }
}
