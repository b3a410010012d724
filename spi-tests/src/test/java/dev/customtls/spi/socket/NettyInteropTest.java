package dev.customtls.spi.socket;

import dev.customtls.pki.TestPki;
import dev.customtls.spi.support.TlsWire;
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
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Netty's {@code SslHandler} driving the provider's {@code SSLEngine}: Netty feeds the engine many records per
 * {@code unwrap}, gathers writes into multi-buffer {@code wrap} calls, sizes its buffers from the session, runs
 * delegated tasks and negotiates ALPN through its own wrapper engine. A client and an echo server, each with
 * the provider named, exchange 2 MB in writes of 1 byte to 40 KiB, then close with close_notify. BoringSSL, through
 * Netty's native engine, is a peer too; a second connection of the same client context must resume.
 */
@Timeout(120)
class NettyInteropTest {

    static final int TOTAL = 2 << 20;

    /** Netty's BoringSSL engine ({@code netty-tcnative-boringssl-static}) as the peer. */
    static final String BORINGSSL = "BoringSSL";

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoop() {
        assertTrue(OpenSsl.isAvailable(), () -> "Netty's BoringSSL did not load: " + OpenSsl.unavailabilityCause());
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * SunJSSE and Custom in every pairing, and Custom against BoringSSL (Netty's native engine, the TLS stack of
     * Chrome and Android) both ways.
     */
    static List<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>(SocketProviders.enginePairsBothVersions());
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            out.add(Arguments.of("Custom", BORINGSSL, protocol));
            out.add(Arguments.of(BORINGSSL, "Custom", protocol));
        }
        return out;
    }

    private static ApplicationProtocolConfig alpn() {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                "h2", "http/1.1");
    }

    /** Netty's JDK engine with the named JSSE provider, or Netty's BoringSSL engine for {@value #BORINGSSL}. */
    private static SslContextBuilder provider(SslContextBuilder builder, String provider) {
        return provider.equals(BORINGSSL)
                ? builder.sslProvider(SslProvider.OPENSSL)
                : builder.sslProvider(SslProvider.JDK).sslContextProvider(SocketProviders.provider(provider));
    }

    static SslContext serverContext(String provider, String protocol) throws Exception {
        return provider(SslContextBuilder.forServer(serverKeys()), provider)
                .protocols(protocol)
                .applicationProtocolConfig(alpn())
                .build();
    }

    static SslContext clientContext(String provider, String protocol) throws Exception {
        return provider(SslContextBuilder.forClient(), provider)
                .trustManager(trust())
                .protocols(protocol)
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(alpn())
                .build();
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("pairs")
    void echoTwoMegabytesThenCloseNotify(String clientProvider, String serverProvider, String protocol)
            throws Exception {
        SslContext serverTls = serverContext(serverProvider, protocol);
        SslContext clientTls = clientContext(clientProvider, protocol);

        CompletableFuture<String> serverAlpn = new CompletableFuture<>();
        CompletableFuture<Boolean> serverSawCloseNotify = new CompletableFuture<>();
        Channel listener = bindEcho(serverTls, serverAlpn, serverSawCloseNotify);
        try {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            Collector collector = new Collector(TOTAL);
            Channel client = connect(clientTls, port, collector);
            SslHandler clientSsl = client.pipeline().get(SslHandler.class);
            SSLSession session = clientSsl.engine().getSession();
            assertEquals(protocol, session.getProtocol());
            assertEquals("h2", clientSsl.applicationProtocol(), "client's ALPN result");
            assertEquals("h2", serverAlpn.get(30, TimeUnit.SECONDS), "server's ALPN result");

            byte[] sent = new byte[TOTAL];
            new Random(7).nextBytes(sent);
            Random sizes = new Random(11);
            for (int off = 0; off < TOTAL; ) {
                int n = Math.min(TOTAL - off, 1 + sizes.nextInt(40 * 1024));
                client.write(Unpooled.wrappedBuffer(sent, off, n));
                off += n;
                if (sizes.nextInt(4) == 0) {
                    client.flush();
                }
            }
            client.flush();
            assertArrayEquals(sent, collector.received.get(60, TimeUnit.SECONDS), "echoed bytes");

            assertTrue(clientSsl.closeOutbound().await(30, TimeUnit.SECONDS), "close_notify not sent");
            assertTrue(serverSawCloseNotify.get(30, TimeUnit.SECONDS), "server did not read our close_notify");
            client.closeFuture().await(30, TimeUnit.SECONDS);
            assertFalse(client.isActive(), "connection still open after both close_notify alerts");
        } finally {
            listener.close().sync();
        }
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("pairs")
    void secondConnectionResumes(String clientProvider, String serverProvider, String protocol) throws Exception {
        SslContext serverTls = serverContext(serverProvider, protocol);
        SslContext clientTls = clientContext(clientProvider, protocol);
        Channel listener = bindEcho(serverTls, new CompletableFuture<>(), new CompletableFuture<>());
        try {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            assertFalse(TlsWire.serverResumed(helloAndClose(clientTls, port)), "the first connection resumed");
            // The server's first flight, as the client received it: a PSK in TLS 1.3, an abbreviated handshake in 1.2.
            assertTrue(TlsWire.serverResumed(helloAndClose(clientTls, port)), "the second connection did not resume");
        } finally {
            listener.close().sync();
        }
    }

    /**
     * X25519MLKEM768 (hybrid post-quantum key exchange, draft-ietf-tls-ecdhe-mlkem) against BoringSSL, which
     * implements it too: both directions, each side offering only that group, the server's ServerHello checked
     * on the wire (code point 0x11EC, a 1,120-byte share). Custom names it through {@code jdk.tls.namedGroups}.
     */
    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("hybridPairs")
    void hybridPostQuantumKeyExchange(String clientProvider, String serverProvider) throws Exception {
        SslContext serverTls = hybrid(serverProvider, () -> provider(SslContextBuilder.forServer(serverKeys()), serverProvider));
        SslContext clientTls = hybrid(clientProvider, () -> provider(SslContextBuilder.forClient(), clientProvider)
                .trustManager(trust()).endpointIdentificationAlgorithm("HTTPS"));
        Channel listener = bindEcho(serverTls, new CompletableFuture<>(), new CompletableFuture<>());
        try {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            TlsWire.ServerHello sh = TlsWire.finalServerHello(helloAndClose(clientTls, port));
            assertEquals(0x11ec, sh.keyShareGroup(), "the key exchange group in the ServerHello");
            assertEquals(0x0304, sh.selectedVersion());
        } finally {
            listener.close().sync();
        }
    }

    /**
     * TLS 1.3 certificate compression (RFC 8879) with BoringSSL, which does the protocol (extension,
     * CompressedCertificate, length checks) and calls Netty's algorithm hooks for the zlib bytes (here
     * {@code java.util.zip}, counted): a Custom client offers zlib and BoringSSL compresses its chain for it; a
     * Custom server compresses its chain for a BoringSSL client that offers zlib, which decompresses it.
     */
    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("compressionPairs")
    void certificateCompression(String clientProvider, String serverProvider) throws Exception {
        CountingZlib zlib = new CountingZlib();
        io.netty.handler.ssl.OpenSslCertificateCompressionConfig config =
                io.netty.handler.ssl.OpenSslCertificateCompressionConfig.newBuilder().addAlgorithm(zlib,
                        io.netty.handler.ssl.OpenSslCertificateCompressionConfig.AlgorithmMode.Both).build();
        SslContextBuilder server = provider(SslContextBuilder.forServer(serverKeys()), serverProvider).protocols("TLSv1.3");
        SslContextBuilder client = provider(SslContextBuilder.forClient(), clientProvider).trustManager(trust())
                .protocols("TLSv1.3").endpointIdentificationAlgorithm("HTTPS");
        (serverProvider.equals(BORINGSSL) ? server : client)
                .option(io.netty.handler.ssl.OpenSslContextOption.CERTIFICATE_COMPRESSION_ALGORITHMS, config);
        Channel listener = bindEcho(server.build(), new CompletableFuture<>(), new CompletableFuture<>());
        try {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            helloAndClose(client.build(), port);
            if (serverProvider.equals(BORINGSSL)) {
                assertTrue(zlib.compressed.get() >= 1, "BoringSSL compressed nothing for Custom's offer");
            } else {
                assertEquals(1, zlib.decompressed.get(), "BoringSSL decompressed no certificate from Custom");
                assertTrue(zlib.lastLength > 300, "uncompressed_length " + zlib.lastLength);
            }
        } finally {
            listener.close().sync();
        }
    }

    static List<Arguments> compressionPairs() {
        return List.of(Arguments.of("Custom", BORINGSSL), Arguments.of(BORINGSSL, "Custom"));
    }

    /** zlib (RFC 8879 algorithm 1) for BoringSSL, counting its calls. */
    private static final class CountingZlib implements io.netty.handler.ssl.OpenSslCertificateCompressionAlgorithm {
        final java.util.concurrent.atomic.AtomicInteger compressed = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger decompressed = new java.util.concurrent.atomic.AtomicInteger();
        volatile int lastLength;

        @Override
        public byte[] compress(javax.net.ssl.SSLEngine engine, byte[] input) {
            compressed.incrementAndGet();
            java.util.zip.Deflater d = new java.util.zip.Deflater();
            try {
                d.setInput(input);
                d.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[4096];
                while (!d.finished()) {
                    out.write(chunk, 0, d.deflate(chunk));
                }
                return out.toByteArray();
            } finally {
                d.end();
            }
        }

        @Override
        public byte[] decompress(javax.net.ssl.SSLEngine engine, int uncompressedLen, byte[] input) throws Exception {
            decompressed.incrementAndGet();
            lastLength = uncompressedLen;
            java.util.zip.Inflater inflater = new java.util.zip.Inflater();
            try {
                inflater.setInput(input);
                byte[] out = new byte[uncompressedLen];
                int n = 0;
                while (n < out.length && !inflater.finished()) {
                    int k = inflater.inflate(out, n, out.length - n);
                    if (k == 0) {
                        break;
                    }
                    n += k;
                }
                if (n != uncompressedLen) {
                    throw new java.util.zip.DataFormatException("length " + n + " != " + uncompressedLen);
                }
                return out;
            } finally {
                inflater.end();
            }
        }

        @Override
        public int algorithmId() {
            return 1;
        }
    }

    static List<Arguments> hybridPairs() {
        return List.of(Arguments.of("Custom", BORINGSSL), Arguments.of(BORINGSSL, "Custom"),
                Arguments.of("Custom", "Custom"));
    }

    private interface BuilderSupplier {
        SslContextBuilder get() throws Exception;
    }

    /** A TLS 1.3 context offering only X25519MLKEM768: BoringSSL by Netty's option, Custom by jdk.tls.namedGroups. */
    private static SslContext hybrid(String provider, BuilderSupplier builder) throws Exception {
        if (provider.equals(BORINGSSL)) {
            return builder.get().protocols("TLSv1.3")
                    .option(io.netty.handler.ssl.OpenSslContextOption.GROUPS, new String[] {"X25519MLKEM768"}).build();
        }
        String key = "jdk.tls.namedGroups";
        String before = System.getProperty(key);
        System.setProperty(key, "X25519MLKEM768"); // Custom reads it at SSLContext.init, inside build()
        try {
            return builder.get().protocols("TLSv1.3").build();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    private static KeyManagerFactory serverKeys() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(SocketProviders.SERVER.toKeyStore("server"), TestPki.PASSWORD);
        return kmf;
    }

    private static TrustManagerFactory trust() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(SocketProviders.PKI.trustStore());
        return tmf;
    }

    /** One connection: "hello" echoed (so any TLS 1.3 ticket has arrived), close_notify; the bytes from the server. */
    private static byte[] helloAndClose(SslContext clientTls, int port) throws Exception {
        Collector collector = new Collector(5);
        Channel client = connect(clientTls, port, collector);
        Tap tap = client.pipeline().get(Tap.class);
        client.writeAndFlush(Unpooled.wrappedBuffer("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("hello", new String(collector.received.get(30, TimeUnit.SECONDS),
                java.nio.charset.StandardCharsets.US_ASCII));
        SslHandler ssl = client.pipeline().get(SslHandler.class);
        assertTrue(ssl.closeOutbound().await(30, TimeUnit.SECONDS), "close_notify not sent");
        client.close().await(30, TimeUnit.SECONDS);
        return tap.bytes();
    }

    private static Channel bindEcho(SslContext serverTls, CompletableFuture<String> alpn,
                                    CompletableFuture<Boolean> closeNotify) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(serverTls.newHandler(ch.alloc()), new Echo(alpn, closeNotify));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    /** A connected client whose handshake succeeded: a {@link Tap} on the raw bytes, TLS, then {@code app}. */
    private static Channel connect(SslContext clientTls, int port, ChannelInboundHandlerAdapter app)
            throws InterruptedException {
        Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Tap(), clientTls.newHandler(ch.alloc(), "localhost", port), app);
                    }
                })
                .connect(InetAddress.getLoopbackAddress(), port).sync().channel();
        SslHandler ssl = client.pipeline().get(SslHandler.class);
        assertTrue(ssl.handshakeFuture().await(30, TimeUnit.SECONDS), "handshake timed out");
        assertTrue(ssl.handshakeFuture().isSuccess(), () -> "handshake: " + ssl.handshakeFuture().cause());
        return client;
    }

    /** Copies what the server sent, before decryption. */
    private static final class Tap extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte[] b = ByteBufUtil.getBytes((ByteBuf) msg); // leaves the reader index where SslHandler needs it
            synchronized (received) {
                received.writeBytes(b);
            }
            ctx.fireChannelRead(msg);
        }

        byte[] bytes() {
            synchronized (received) {
                return received.toByteArray();
            }
        }
    }

    /** Server side: reports ALPN and close_notify, echoes everything. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<String> alpn;
        private final CompletableFuture<Boolean> closeNotify;

        Echo(CompletableFuture<String> alpn, CompletableFuture<Boolean> closeNotify) {
            this.alpn = alpn;
            this.closeNotify = closeNotify;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    alpn.complete(ctx.pipeline().get(SslHandler.class).applicationProtocol());
                } else {
                    alpn.completeExceptionally(done.cause());
                }
            } else if (evt instanceof SslCloseCompletionEvent closed) {
                closeNotify.complete(closed.isSuccess());
                ctx.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            alpn.completeExceptionally(cause);
            closeNotify.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Client side: gathers the echo until {@code expected} bytes arrived. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        final CompletableFuture<byte[]> received = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final int expected;

        Collector(int expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                buffer.writeBytes(ByteBufUtil.getBytes(buf));
            } finally {
                buf.release();
            }
            if (buffer.size() >= expected) {
                received.complete(buffer.toByteArray());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            received.completeExceptionally(cause);
            ctx.close();
        }
    }
}
