package dev.customtls.spi.socket;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * HTTP/2 over TLS the way production Java runs it: a Jetty 12 server (its own {@code SSLEngine} driver,
 * ALPN through {@code setHandshakeApplicationProtocolSelector}) against the JDK's {@code java.net.http.HttpClient}
 * (its own asynchronous engine driver, ALPN through {@code SSLParameters}) and against Jetty's {@code HttpClient},
 * each side's TLS from the provider named, in every combination of SunJSSE and Custom. Jetty reaches a Custom
 * engine's ALPN through the processors of {@code customtls-jetty-alpn}; without them it refuses the connection. One HTTP/2 connection carries many concurrent streams
 * with large bodies both ways, so records of every size interleave under HTTP/2 flow control.
 */
@Timeout(120)
class JettyHttp2InteropTest {

    /** Bytes in each large response and request body. */
    static final int LARGE = 300_000;
    /** Concurrent streams on the one connection. */
    static final int STREAMS = 12;

    /** (client, its provider, the server's provider, protocol); SunJSSE on both sides checks the test itself. */
    static List<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String client : List.of("JDK HttpClient", "Jetty HttpClient")) {
            for (Arguments pair : SocketProviders.enginePairsBothVersions()) {
                Object[] a = pair.get();
                out.add(Arguments.of(client, a[0], a[1], a[2]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} on {1}, Jetty on {2}, {3}")
    @MethodSource("pairs")
    void http2StreamsOverOneConnection(String client, String clientProvider, String serverProvider, String protocol)
            throws Exception {
        try (JettyServer server = new JettyServer(SocketProviders.serverContext(serverProvider), protocol);
             Http2Client http = client.equals("JDK HttpClient")
                     ? new JdkHttp2Client(SocketProviders.clientContext(clientProvider))
                     : new JettyHttp2Client(SocketProviders.clientContext(clientProvider))) {
            String base = "https://localhost:" + server.port();
            Http2Client.Answer hello = http.get(base + "/hello").get(60, TimeUnit.SECONDS);
            assertEquals(200, hello.status());
            assertTrue(hello.http2(), "ALPN did not select h2");
            assertEquals("HTTP/2.0 " + protocol + " h2", new String(hello.body(), StandardCharsets.UTF_8),
                    "what the server saw");

            // Many streams at once on the same connection: large downloads and large uploads interleaved.
            List<CompletableFuture<Http2Client.Answer>> downloads = new ArrayList<>();
            List<CompletableFuture<Http2Client.Answer>> uploads = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                downloads.add(http.get(base + "/bytes?seed=" + i));
                byte[] body = bytes(1000 + i, LARGE);
                bodies.add(body);
                uploads.add(http.post(base + "/sha256", body));
            }
            for (int i = 0; i < STREAMS; i++) {
                Http2Client.Answer d = downloads.get(i).get(60, TimeUnit.SECONDS);
                assertTrue(d.http2());
                assertArrayEquals(bytes(i, LARGE), d.body(), "download " + i);
                Http2Client.Answer u = uploads.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(digest(bodies.get(i)), new String(u.body(), StandardCharsets.UTF_8), "upload " + i);
            }
            assertEquals(1, server.connectionsOpened(), "HTTP/2 should have used one connection");
        }
    }

    /** The two HTTP/2 clients under one face. */
    interface Http2Client extends AutoCloseable {
        record Answer(int status, boolean http2, byte[] body) {
        }

        CompletableFuture<Answer> get(String url);

        CompletableFuture<Answer> post(String url, byte[] body);
    }

    /** {@code java.net.http.HttpClient}: the JDK's asynchronous SSLEngine driver, ALPN by SSLParameters. */
    static final class JdkHttp2Client implements Http2Client {
        private final HttpClient client;

        JdkHttp2Client(SSLContext context) {
            client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        @Override
        public CompletableFuture<Answer> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build());
        }

        @Override
        public CompletableFuture<Answer> post(String url, byte[] body) {
            return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        }

        private CompletableFuture<Answer> send(HttpRequest request) {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
                assertEquals("localhost", commonName(r.sslSession().orElseThrow()));
                return new Answer(r.statusCode(), r.version() == HttpClient.Version.HTTP_2, r.body());
            });
        }

        @Override
        public void close() {
        }
    }

    /** Jetty's own {@code HttpClient} over its HTTP/2 transport: Jetty's engine driver, ALPN by Jetty's processors. */
    static final class JettyHttp2Client implements Http2Client {
        private final org.eclipse.jetty.client.HttpClient client;

        JettyHttp2Client(SSLContext context) throws Exception {
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setSslContext(context);
            ClientConnector connector = new ClientConnector();
            connector.setSslContextFactory(tls);
            client = new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
            client.start();
        }

        @Override
        public CompletableFuture<Answer> get(String url) {
            return send(client.newRequest(url));
        }

        @Override
        public CompletableFuture<Answer> post(String url, byte[] body) {
            return send(client.newRequest(url).method(HttpMethod.POST).body(new BytesRequestContent(body)));
        }

        private CompletableFuture<Answer> send(org.eclipse.jetty.client.Request request) {
            return new CompletableResponseListener(request.timeout(60, TimeUnit.SECONDS), 2 * LARGE).send()
                    .thenApply(r -> new Answer(r.getStatus(), r.getVersion() == HttpVersion.HTTP_2, r.getContent()));
        }

        @Override
        public void close() throws Exception {
            client.stop();
        }
    }

    private static String commonName(SSLSession session) {
        try {
            return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName()
                    .replace("CN=", "");
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] bytes(int seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String digest(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)) + " " + b.length;
    }

    /** Jetty on loopback: HTTP/2 and HTTP/1.1 behind ALPN over the given context, one protocol version. */
    static final class JettyServer implements AutoCloseable {
        private final Server server;
        private final ServerConnector connector;

        JettyServer(SSLContext context, String protocol) throws Exception {
            QueuedThreadPool threads = new QueuedThreadPool(16, 4);
            threads.setName("jetty-" + protocol);
            server = new Server(threads);
            HttpConfiguration config = new HttpConfiguration();
            config.addCustomizer(new SecureRequestCustomizer(false));
            HttpConnectionFactory http1 = new HttpConnectionFactory(config);
            HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http1.getProtocol());
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(context);
            tls.setIncludeProtocols(protocol);
            SslConnectionFactory ssl = new SslConnectionFactory(tls, alpn.getProtocol());
            connector = new ServerConnector(server, 1, 1, ssl, alpn, http2, http1);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    return JettyServer.handle(request, response, callback);
                }
            });
            server.start();
        }

        int port() {
            return connector.getLocalPort();
        }

        long connectionsOpened() {
            return connector.getConnectedEndPoints().size();
        }

        private static boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            switch (path) {
                case "/hello" -> {
                    EndPoint.SslSessionData tls = (EndPoint.SslSessionData)
                            request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
                    // The protocol ALPN chose, as the server's own engine reports it.
                    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
                    String alpn = endPoint instanceof SslConnection.SslEndPoint ssl
                            ? ssl.getSslConnection().getSSLEngine().getApplicationProtocol()
                            : "not over TLS";
                    String text = request.getConnectionMetaData().getHttpVersion().asString() + " "
                            + tls.sslSession().getProtocol() + " " + alpn;
                    Content.Sink.write(response, true, text, callback);
                }
                case "/bytes" -> {
                    int seed = Integer.parseInt(request.getHttpURI().getQuery().substring("seed=".length()));
                    response.write(true, ByteBuffer.wrap(bytes(seed, LARGE)), callback);
                }
                case "/sha256" -> {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    long total = 0;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        byte[] buf = new byte[16384];
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            md.update(buf, 0, n);
                            total += n;
                        }
                    }
                    Content.Sink.write(response, true, HexFormat.of().formatHex(md.digest()) + " " + total, callback);
                }
                default -> {
                    response.setStatus(404);
                    callback.succeeded();
                }
            }
            return true;
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
