package dev.customtls.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The server behind {@code serve}, in the spirit of {@code openssl s_server -www}: for each connection it
 * completes the handshake, reads the request head, and answers {@code HTTP/1.0 200 OK} with a short text
 * naming what was negotiated. Connections are handled by a small fixed pool of threads with a bounded
 * queue; connections beyond that are closed at once.
 */
final class StatusServer implements AutoCloseable {

    /** Settings of a server. */
    record Settings(InetAddress bindAddress, int port, int threads, List<String> alpn, TlsOptions.Enabled enabled,
            int timeoutMillis, int maxEarlyData) {
        Settings {
            alpn = List.copyOf(alpn);
        }

        /** Without 0-RTT. */
        Settings(InetAddress bindAddress, int port, int threads, List<String> alpn, TlsOptions.Enabled enabled,
                 int timeoutMillis) {
            this(bindAddress, port, threads, alpn, enabled, timeoutMillis, 0);
        }
    }

    /** Connections waiting for a thread before new ones are refused. */
    static final int QUEUE_LENGTH = 64;

    private final SSLServerSocket serverSocket;
    private final Settings settings;
    private final String providerName;
    private final Consumer<String> log;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final CountDownLatch closed = new CountDownLatch(1);

    private StatusServer(SSLServerSocket serverSocket, Settings settings, String providerName, Consumer<String> log) {
        this.serverSocket = serverSocket;
        this.settings = settings;
        this.providerName = providerName;
        this.log = log;
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_LENGTH), daemonThreads("customtls-serve-"));
        this.acceptor = daemonThreads("customtls-accept-").newThread(this::acceptLoop);
    }

    /**
     * Binds the server socket and starts accepting.
     *
     * @param log told one line per connection and per failure
     */
    static StatusServer start(SSLContext context, Settings settings, Consumer<String> log) throws CommandException {
        SSLServerSocket ss;
        try {
            ss = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(settings.port(), 50, settings.bindAddress());
        } catch (IOException e) {
            throw new CommandException("cannot listen on " + settings.bindAddress().getHostAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        StatusServer server = new StatusServer(ss, settings, context.getProvider().getName(), log);
        server.acceptor.start();
        return server;
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    int port() {
        return serverSocket.getLocalPort();
    }

    /** Blocks until {@link #close()} is called. */
    void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops accepting, and stops the worker threads. */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.accept("closing the server socket failed: " + e.getMessage());
        }
        pool.shutdownNow();
        closed.countDown();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            SSLSocket socket;
            try {
                socket = (SSLSocket) serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    log.accept("accept failed: " + e.getMessage());
                    pauseAfterFailedAccept();
                }
                continue;
            }
            try {
                pool.execute(() -> handle(socket));
            } catch (RejectedExecutionException e) {
                log.accept(socket.getRemoteSocketAddress() + ": refused, all " + settings.threads()
                        + " threads busy and " + QUEUE_LENGTH + " connections waiting");
                closeQuietly(socket);
            }
        }
    }

    private void handle(SSLSocket socket) {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        try (socket) {
            socket.setSoTimeout(settings.timeoutMillis());
            socket.setSSLParameters(settings.enabled().applyTo(socket.getSSLParameters()));
            ServerAlpn.install(socket, settings.alpn(), line -> { });
            boolean earlyData = settings.maxEarlyData() > 0 && socket instanceof dev.customtls.jsse.EarlyDataEngine;
            if (earlyData) {
                ((dev.customtls.jsse.EarlyDataEngine) socket).setEarlyDataEnabled(settings.maxEarlyData());
            }
            long handshakeStart = System.currentTimeMillis();
            socket.startHandshake();
            SessionReport report = SessionReport.of(socket);
            // 0-RTT: the request (or its start) may have arrived as early data, read apart from 1-RTT data.
            byte[] early = earlyData ? bytes(((dev.customtls.jsse.EarlyDataEngine) socket).readEarlyData()) : new byte[0];
            java.io.InputStream in = early.length == 0 ? socket.getInputStream()
                    : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(early), socket.getInputStream());
            RequestHead head = RequestHead.read(new BufferedInputStream(in));
            OutputStream out = socket.getOutputStream();
            boolean resumed = socket.getSession().getCreationTime() < handshakeStart;
            out.write(StatusPage.response(providerName, report, head, earlyData
                    ? List.of("resumed:      " + (resumed ? "yes (PSK from a session ticket)" : "no (full handshake)"),
                            "early data:   " + (early.length > 0 ? "yes, " + early.length
                                    + " bytes of the request arrived as 0-RTT early data" : "no, the request arrived as 1-RTT data"))
                    : List.of()));
            out.flush();
            log.accept(peer + ": " + report.protocol() + " " + report.cipherSuite()
                    + (report.alpn() == null ? "" : " alpn=" + report.alpn())
                    + " \"" + head.printableRequestLine() + "\"");
        } catch (SocketException e) {
            log.accept(peer + ": connection failed: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.accept(peer + ": connection failed: " + e);
        }
    }

    /** Keeps a persistent accept error (e.g. out of file descriptors) from spinning a core. */
    private void pauseAfterFailedAccept() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void closeQuietly(SSLSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do for a refused connection
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
