package dev.customtls.spi.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A single-threaded NIO echo server on loopback: one selector, one {@link SSLEngine} per connection,
 * delegated tasks run inline. Counts completed handshakes, clean closes and failures.
 */
final class NioEchoServer implements AutoCloseable {
    final AtomicInteger handshakes = new AtomicInteger();
    final AtomicInteger closedCleanly = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    volatile Throwable firstFailure;
    private final SSLContext context;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Thread thread;
    private volatile boolean running = true;

    NioEchoServer(SSLContext context) throws IOException {
        this.context = context;
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "nio-echo-server");
        thread.start();
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    private void loop() {
        while (running) {
            try {
                selector.select(100);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        Connection c = (Connection) key.attachment();
                        try {
                            c.onReadable();
                        } catch (IOException | RuntimeException e) {
                            fail(e);
                            c.close();
                        }
                    }
                }
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = listener.accept()) != null) {
            ch.configureBlocking(false);
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.beginHandshake();
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            key.attach(new Connection(ch, key, engine));
        }
    }

    private void fail(Throwable t) {
        failures.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = t;
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            k.channel().close();
        }
        selector.close();
        listener.close();
    }

    /** One accepted connection: read, unwrap, echo, answer close_notify. */
    private final class Connection {
        private final SocketChannel ch;
        private final SelectionKey key;
        private final SSLEngine engine;
        private final ByteBuffer netIn;
        private final ByteBuffer netOut;
        private final ByteBuffer app;

        Connection(SocketChannel ch, SelectionKey key, SSLEngine engine) {
            this.ch = ch;
            this.key = key;
            this.engine = engine;
            int packet = engine.getSession().getPacketBufferSize();
            netIn = ByteBuffer.allocate(packet);
            netOut = ByteBuffer.allocate(packet);
            app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + LoadSettings.MESSAGE);
        }

        void onReadable() throws IOException {
            int n = ch.read(netIn);
            if (n < 0) {
                try {
                    engine.closeInbound();
                } catch (SSLException truncated) {
                    fail(truncated);
                }
                close();
                return;
            }
            pump();
        }

        private void pump() throws IOException {
            for (int guard = 0; guard < 10_000; guard++) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    wrap(ByteBuffer.allocate(0));
                    continue;
                }
                netIn.flip();
                SSLEngineResult r = engine.unwrap(netIn, app);
                netIn.compact();
                if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    handshakes.incrementAndGet();
                }
                if (app.position() > 0) {
                    app.flip();
                    while (app.hasRemaining()) {
                        wrap(app);
                    }
                    app.clear();
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    engine.closeOutbound();
                    while (!engine.isOutboundDone()) {
                        wrap(ByteBuffer.allocate(0));
                    }
                    closedCleanly.incrementAndGet();
                    close();
                    return;
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                        || (r.bytesConsumed() == 0 && engine.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                        && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP)) {
                    return;
                }
            }
            throw new IllegalStateException("no end to the engine's work");
        }

        private void wrap(ByteBuffer src) throws IOException {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                throw new IllegalStateException("wrap " + r);
            }
            if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                handshakes.incrementAndGet();
            }
            netOut.flip();
            while (netOut.hasRemaining()) {
                if (ch.write(netOut) == 0) {
                    Thread.onSpinWait();
                }
            }
            netOut.clear();
        }

        void close() {
            key.cancel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
