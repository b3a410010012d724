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
            int timeoutMillis) {
        Settings {
            alpn = List.copyOf(alpn);
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
            socket.startHandshake();
            SessionReport report = SessionReport.of(socket);
            RequestHead head = RequestHead.read(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            out.write(StatusPage.response(providerName, report, head));
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
