package dev.customtls.spi.socket;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.customtls.spi.socket.JettyHttp2InteropTest.LARGE;
import static dev.customtls.spi.socket.JettyHttp2InteropTest.bytes;
import static dev.customtls.spi.socket.JettyHttp2InteropTest.digest;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Apache HttpClient 5 against the Jetty server of {@link JettyHttp2InteropTest}: the asynchronous client (its own
 * {@code SSLEngine} driver in httpcore5's reactor, HTTP/2 chosen by ALPN with {@link HttpVersionPolicy#NEGOTIATE},
 * concurrent streams) and the classic client (a layered {@code SSLSocket}, HTTP/1.1 without ALPN), each side's
 * TLS from the provider named.
 */
@Timeout(120)
class ApacheHttpClientInteropTest {

    static final int STREAMS = 8;

    static List<Arguments> cases() {
        return SocketProviders.enginePairsBothVersions();
    }

    @ParameterizedTest(name = "client {0}, Jetty on {1}, {2}")
    @MethodSource("cases")
    void asyncClientNegotiatesHttp2(String clientProvider, String serverProvider, String protocol) throws Exception {
        try (JettyHttp2InteropTest.JettyServer server =
                     new JettyHttp2InteropTest.JettyServer(SocketProviders.serverContext(serverProvider), protocol);
             CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                     .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                             .setTlsStrategy(ClientTlsStrategyBuilder.create()
                                     .setSslContext(SocketProviders.clientContext(clientProvider))
                                     .setTlsVersions(protocol)
                                     .buildAsync())
                             .setDefaultTlsConfig(TlsConfig.custom()
                                     .setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
                             .build())
                     .build()) {
            client.start();
            String base = "https://localhost:" + server.port();
            SimpleHttpResponse hello = client.execute(SimpleRequestBuilder.get(base + "/hello").build(), null)
                    .get(60, TimeUnit.SECONDS);
            assertEquals(200, hello.getCode());
            assertEquals(HttpVersion.HTTP_2, hello.getVersion(), "ALPN did not select h2");
            assertEquals("HTTP/2.0 " + protocol + " h2", hello.getBodyText());

            List<Future<SimpleHttpResponse>> downloads = new ArrayList<>();
            List<Future<SimpleHttpResponse>> uploads = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                downloads.add(client.execute(SimpleRequestBuilder.get(base + "/bytes?seed=" + i).build(), null));
                uploads.add(client.execute(SimpleRequestBuilder.post(base + "/sha256")
                        .setBody(bytes(1000 + i, LARGE), ContentType.APPLICATION_OCTET_STREAM).build(), null));
            }
            for (int i = 0; i < STREAMS; i++) {
                assertArrayEquals(bytes(i, LARGE), downloads.get(i).get(60, TimeUnit.SECONDS).getBodyBytes(),
                        "download " + i);
                assertEquals(digest(bytes(1000 + i, LARGE)), uploads.get(i).get(60, TimeUnit.SECONDS).getBodyText(),
                        "upload " + i);
            }
            // (The asynchronous pool may open more HTTP/2 connections for a burst of requests, with either provider.)
        }
    }

    @ParameterizedTest(name = "client {0}, Jetty on {1}, {2}")
    @MethodSource("cases")
    void classicClientOverHttp11(String clientProvider, String serverProvider, String protocol) throws Exception {
        try (JettyHttp2InteropTest.JettyServer server =
                     new JettyHttp2InteropTest.JettyServer(SocketProviders.serverContext(serverProvider), protocol);
             CloseableHttpClient client = HttpClients.custom()
                     .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                             .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                     .setSslContext(SocketProviders.clientContext(clientProvider))
                                     .setTlsVersions(protocol)
                                     .buildClassic())
                             .build())
                     .build()) {
            String base = "https://localhost:" + server.port();
            // No ALPN offered: the server's engine reports no application protocol and Jetty falls back to HTTP/1.1.
            assertEquals("HTTP/1.1 " + protocol + " ", client.execute(new HttpGet(base + "/hello"),
                    r -> EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
            assertArrayEquals(bytes(3, LARGE), client.execute(new HttpGet(base + "/bytes?seed=3"),
                    r -> EntityUtils.toByteArray(r.getEntity())));
            HttpPost post = new HttpPost(base + "/sha256");
            byte[] body = bytes(4, LARGE);
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
            assertEquals(digest(body), client.execute(post,
                    r -> EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
            assertEquals(1, server.connectionsOpened(), "the classic client should have kept its connection");
        }
    }
}
