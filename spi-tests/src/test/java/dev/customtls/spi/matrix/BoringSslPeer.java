package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.support.TestCredentials;
import dev.customtls.spi.support.TestData;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * BoringSSL (Google's OpenSSL fork, the TLS of Chrome and Android) as the peer, in process: Netty's
 * {@code netty-tcnative-boringssl-static} engine, an {@code SSLEngine} over BoringSSL, driven over a socket by
 * {@link EngineOverSocket} on a thread. As server it echoes until Custom's close_notify and answers it; as
 * client it sends lines, checks their echo, and answers Custom's close_notify. One context serves both
 * connections of a resumption row, so BoringSSL's own session cache and tickets are what resume.
 */
final class BoringSslPeer implements Peer {

    /** The groups BoringSSL implements, by the matrix's names. */
    private static final Map<String, String> GROUPS = Map.of(
            "x25519", "X25519", "secp256r1", "P-256", "secp384r1", "P-384", "secp521r1", "P-521",
            "X25519MLKEM768", "X25519MLKEM768");
    private static final char[] PASSWORD = "changeit".toCharArray();
    /** One event loop for every BoringSSL peer of the run (daemon threads). */
    private static final EventLoopGroup LOOP = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("boringssl-peer", true), NioIoHandler.newFactory());

    @Override
    public String name() {
        return "BoringSSL (netty-tcnative)";
    }

    @Override
    public void requireInstalled() {
        if (!OpenSsl.isAvailable()) {
            throw new AssertionError("Netty's BoringSSL did not load: " + OpenSsl.unavailabilityCause());
        }
    }

    @Override
    public String notApplicable(Cell cell, Role role) {
        if (!cell.group().equals("-") && !GROUPS.containsKey(cell.group())) {
            return "BoringSSL has no " + cell.group() + " in TLS";
        }
        if (cell.feature() == Feature.EARLY_DATA) {
            return "Netty's BoringSSL engine has no 0-RTT API";
        }
        if (cell.feature() == Feature.EXPORTER) {
            return "Netty's BoringSSL engine has no keying material exporter API";
        }
        if (cell.cert() == dev.customtls.pki.TestPki.KeyType.ED25519) {
            return "BoringSSL through Netty: its client does not offer Ed25519 (not in BoringSSL's default "
                    + "signature algorithms, and Netty has no setting for them); its server answers a handshake "
                    + "with an Ed25519 key from a KeyManager with internal_error";
        }
        return null;
    }

    @Override
    public void run(CellRun run) throws Exception {
        Cell cell = run.cell();
        int connections = cell.feature() == Feature.RESUMPTION ? 2 : 1;
        NettyPeer peer = new NettyPeer(cell);
        if (run.role() == Role.CUSTOM_CLIENT) {
            SslContext server = context(run, false);
            Channel listener = new ServerBootstrap().group(LOOP).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(server.newHandler(ch.alloc()), peer.echo());
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            run.track(() -> listener.close().await(1000));
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            run.clientDialogue(port, connections, peer::describe, (conn, c) -> {
                conn.closeOrderly();
                peer.awaitConnection(c);
            });
        } else {
            SslContext client = context(run, true);
            ServerSocket listener = run.listen();
            int port = listener.getLocalPort();
            int lines = cell.feature() == Feature.KEY_UPDATE ? 3 : 1;
            // The peer connects again once Custom has closed the previous connection (so a ticket has arrived).
            peer.connectClient(client, port, lines, run);
            run.serverDialogue(listener, connections, lines, peer::describe, (conn, c) -> {
                conn.closeOrderly();
                peer.awaitConnection(c);
                if (c + 1 < connections) {
                    peer.connectClient(client, port, lines, run);
                }
            });
        }
    }

    /** The peer's side of each connection, on Netty's event loop; failures and progress kept for the report. */
    private static final class NettyPeer {
        private final Cell cell;
        private final StringBuffer log = new StringBuffer();
        private final List<CompletableFuture<Void>> done = new java.util.concurrent.CopyOnWriteArrayList<>();

        NettyPeer(Cell cell) {
            this.cell = cell;
        }

        String describe() {
            return "BoringSSL peer: " + log;
        }

        /** A new client connection to Custom's listener, tracked by the cell. */
        void connectClient(SslContext client, int port, int lines, CellRun run) {
            Channel ch = new Bootstrap().group(LOOP).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler tls = client.newHandler(ch.alloc(), TestCredentials.HOST, port);
                            if (cell.feature() == Feature.SNI) {
                                // Netty sends no SNI for a name without a dot unless it is set explicitly.
                                SSLParameters p = tls.engine().getSSLParameters();
                                p.setServerNames(List.of(new SNIHostName(TestCredentials.HOST)));
                                tls.engine().setSSLParameters(p);
                            }
                            ch.pipeline().addLast(tls, client(lines));
                        }
                    })
                    .connect(InetAddress.getLoopbackAddress(), port).channel();
            run.track(() -> ch.close().await(1000));
        }

        private CompletableFuture<Void> next() {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            return f;
        }

        void awaitConnection(int index) throws Exception {
            long deadline = System.nanoTime() + CustomEndpoint.WAIT.toNanos();
            while (done.size() <= index && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (done.size() <= index) {
                throw new AssertionError("the BoringSSL peer saw no connection " + index + "; " + describe());
            }
            try {
                done.get(index).get(CustomEndpoint.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("the BoringSSL peer failed: " + e.getCause() + "; " + describe(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the BoringSSL peer did not finish; " + describe());
            }
        }

        /** Server: checks the handshake, echoes, answers Custom's close_notify with its own. */
        ChannelInboundHandlerAdapter echo() {
            return new PeerHandler(next()) {
                @Override
                void handshakeDone(ChannelHandlerContext ctx) throws Exception {
                    checkServerSide(cell, ctx.pipeline().get(SslHandler.class).engine());
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ctx.writeAndFlush(msg);
                }
            };
        }

        /** Client: sends {@code lines} lines one by one, checks each echo, then answers Custom's close_notify. */
        ChannelInboundHandlerAdapter client(int lines) {
            return new PeerHandler(next()) {
                private final java.io.ByteArrayOutputStream echo = new java.io.ByteArrayOutputStream();
                private byte[] line;
                private int sent;

                @Override
                void handshakeDone(ChannelHandlerContext ctx) {
                    checkAlpn(cell, ctx.pipeline().get(SslHandler.class).engine());
                    sendLine(ctx);
                }

                @Override
                void closeNotifyReceived() {
                    if (sent < lines || line != null) {
                        throw new AssertionError("close_notify after " + sent + " of " + lines + " lines");
                    }
                }

                private void sendLine(ChannelHandlerContext ctx) {
                    String head = "B2C-" + sent + "-";
                    line = (head + TestData.text(CustomEndpoint.LINE_LENGTH - head.length() - 1, 70 + sent) + "\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    sent++;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(line));
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    try {
                        echo.writeBytes(ByteBufUtil.getBytes(buf));
                    } finally {
                        buf.release();
                    }
                    if (line == null) {
                        fail(ctx, new AssertionError("data from Custom that is no echo"));
                    } else if (echo.size() >= line.length) {
                        if (!Arrays.equals(line, echo.toByteArray())) {
                            fail(ctx, new AssertionError("echo differs on line " + (sent - 1)));
                            return;
                        }
                        echo.reset();
                        line = null;
                        if (sent < lines) {
                            sendLine(ctx);
                        }
                    }
                }
            };
        }

        /** One connection's handler: the handshake's outcome, the close_notify exchange, failures. */
        private abstract class PeerHandler extends ChannelInboundHandlerAdapter {
            private final CompletableFuture<Void> finished;

            PeerHandler(CompletableFuture<Void> finished) {
                this.finished = finished;
            }

            /** The handshake succeeded: check it, start the dialogue. */
            abstract void handshakeDone(ChannelHandlerContext ctx) throws Exception;

            /** Custom's close_notify arrived: throw if it came too early. */
            void closeNotifyReceived() {
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                try {
                    if (evt instanceof SslHandshakeCompletionEvent hs) {
                        if (!hs.isSuccess()) {
                            throw hs.cause();
                        }
                        log.append("handshake ok; ");
                        handshakeDone(ctx);
                    } else if (evt instanceof SslCloseCompletionEvent) {
                        closeNotifyReceived();
                        log.append("close_notify received; ");
                        // Closing the channel sends our close_notify first.
                        ctx.close().addListener(f -> finished.complete(null));
                    }
                } catch (Throwable e) {
                    fail(ctx, e);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                fail(ctx, cause);
            }

            void fail(ChannelHandlerContext ctx, Throwable cause) {
                log.append("failed: ").append(cause).append("; ");
                finished.completeExceptionally(cause);
                ctx.close();
            }
        }
    }

    /** The peer's context for the cell: its certificate, trust, groups, ALPN and client authentication. */
    private static SslContext context(CellRun run, boolean client) throws Exception {
        Cell cell = run.cell();
        SslContextBuilder b;
        if (client) {
            b = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
            if (cell.feature() == Feature.CLIENT_AUTH) {
                b.keyManager(keyManagers(run.files().client().pkcs12()));
            }
        } else {
            b = SslContextBuilder.forServer(keyManagers(run.files().server(cell.cert()).pkcs12()));
            if (cell.feature() == Feature.CLIENT_AUTH) {
                b.clientAuth(ClientAuth.REQUIRE);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(load(run.files().trustStore()));
        b.sslProvider(SslProvider.OPENSSL).trustManager(tmf).protocols(cell.protocol());
        if (!cell.tls13()) {
            // Netty's default TLS 1.2 list has no ChaCha20: offer the row's suite.
            b.ciphers(List.of(cell.suite()));
        }
        if (cell.feature() == Feature.HELLO_RETRY) {
            // Server: only secp384r1, so Custom's x25519 share is refused; client: x25519 first, so Custom asks.
            b.option(OpenSslContextOption.GROUPS, client ? new String[] {"X25519", "P-256", "P-384"}
                    : new String[] {GROUPS.get(MatrixGrid.P384)});
        } else if (GROUPS.containsKey(cell.group())) {
            // BoringSSL's defaults leave out some groups (P-521): offer the row's group first, then its defaults.
            b.option(OpenSslContextOption.GROUPS, new String[] {GROUPS.get(cell.group()), "X25519", "P-256", "P-384"});
        }
        if (cell.feature() == Feature.ALPN) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, CustomEndpoint.ALPN));
        }
        return b.build();
    }

    private static void checkServerSide(Cell cell, SSLEngine engine) throws Exception {
        checkAlpn(cell, engine);
        if (cell.feature() == Feature.SNI) {
            var names = ((ExtendedSSLSession) engine.getSession()).getRequestedServerNames();
            if (!names.contains(new SNIHostName(TestCredentials.HOST))) {
                throw new AssertionError("BoringSSL server saw server names " + names);
            }
        }
        if (cell.feature() == Feature.CLIENT_AUTH) {
            engine.getSession().getPeerCertificates();
        }
    }

    private static void checkAlpn(Cell cell, SSLEngine engine) {
        if (cell.feature() == Feature.ALPN && !CustomEndpoint.ALPN.equals(engine.getApplicationProtocol())) {
            throw new AssertionError("BoringSSL's ALPN result: " + engine.getApplicationProtocol());
        }
    }

    private static KeyManagerFactory keyManagers(Path pkcs12) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(pkcs12), PASSWORD);
        return kmf;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }
}
