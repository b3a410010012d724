package dev.customtls.spi.socket;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * gRPC-java (grpc-netty-shaded: HTTP/2 over Netty's JDK {@code SslHandler}) with the provider's engines on either
 * side: concurrent unary calls carrying 256 KB each way over one TLS connection, TLS 1.3 and 1.2, every pairing
 * with SunJSSE, checked on both ends through gRPC's transport attributes (protocol, and the session class for
 * {@code Custom}). The way in: {@code GrpcSslContexts.configure(builder, SslProvider.JDK)} for gRPC's ALPN and
 * cipher set-up, then {@code sslContextProvider} for the provider, because
 * {@code GrpcSslContexts.configure(builder, provider)} accepts only the JSSE providers gRPC knows by name (checked
 * here, so a change in gRPC shows up).
 */
@Timeout(120)
class GrpcInteropTest {
    private static final int CALLS = 12;
    private static final int PAYLOAD = 256 * 1024;

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** test.Echo/Reverse: answers with the request's bytes in reverse order. */
    private static final MethodDescriptor<byte[], byte[]> REVERSE = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Echo/Reverse")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

    static List<org.junit.jupiter.params.provider.Arguments> pairs() {
        return SocketProviders.enginePairsBothVersions();
    }

    private static SslContextBuilder withProvider(SslContextBuilder builder, String provider) {
        // gRPC's own set-up (ALPN h2, HTTP/2 cipher suites) for a JDK engine, then the provider to take it from.
        return GrpcSslContexts.configure(builder, SslProvider.JDK).sslContextProvider(SocketProviders.provider(provider));
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("pairs")
    void concurrentUnaryCallsOverOneConnection(String clientProvider, String serverProvider, String protocol)
            throws Exception {
        SslContext serverTls = withProvider(SslContextBuilder.forServer(SocketProviders.SERVER.keyPair().getPrivate(),
                SocketProviders.SERVER.chain()), serverProvider).protocols(protocol).build();
        SslContext clientTls = withProvider(SslContextBuilder.forClient(), clientProvider)
                .trustManager(SocketProviders.PKI.caCertificate()).protocols(protocol).build();
        List<SSLSession> serverSessions = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.Echo")
                .addMethod(REVERSE, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(reversed(request));
                    response.onCompleted();
                })).build();
        ServerInterceptor sessions = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                                ServerCallHandler<Q, R> next) {
                serverSessions.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                return next.startCall(call, headers);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sslContext(serverTls).addService(ServerInterceptors.intercept(service, sessions)).build().start();
        CompletableFuture<SSLSession> clientSession = new CompletableFuture<>();
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.getPort()).sslContext(clientTls)
                .maxInboundMessageSize(2 * PAYLOAD).intercept(sessionOf(clientSession)).build();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> replies = new ArrayList<>();
            List<byte[]> requests = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                byte[] request = payload(i);
                requests.add(request);
                replies.add(callers.submit(() -> ClientCalls.blockingUnaryCall(channel, REVERSE,
                        CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), request)));
            }
            for (int i = 0; i < CALLS; i++) {
                assertArrayEquals(reversed(requests.get(i)), replies.get(i).get(60, TimeUnit.SECONDS), "reply " + i);
            }
            SSLSession client = clientSession.get(10, TimeUnit.SECONDS);
            assertEquals(protocol, client.getProtocol());
            assertEquals(CALLS, serverSessions.size());
            for (SSLSession s : serverSessions) {
                assertEquals(protocol, s.getProtocol());
                assertSame(serverSessions.get(0), s, "one connection for all calls");
            }
            assertProvider(clientProvider, client);
            assertProvider(serverProvider, serverSessions.get(0));
        } finally {
            callers.shutdownNow();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** gRPC configures only the JSSE providers it knows: {@code Custom} needs the way shown above. */
    @Test
    void grpcRefusesToConfigureAProviderItDoesNotKnow() {
        Provider custom = SocketProviders.provider("Custom");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GrpcSslContexts.configure(SslContextBuilder.forClient(), custom));
        assertTrue(e.getMessage().contains("Unknown provider"), e.getMessage());
    }

    private static void assertProvider(String provider, SSLSession session) {
        boolean custom = session.getClass().getName().startsWith("dev.customtls.");
        assertEquals(provider.equals("Custom"), custom, provider + " session is a " + session.getClass().getName());
    }

    private static ClientInterceptor sessionOf(CompletableFuture<SSLSession> session) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        ClientCall<Q, R> call = this;
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata received) {
                                session.complete(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                                super.onHeaders(received);
                            }
                        }, headers);
                    }
                };
            }
        };
    }

    private static byte[] payload(int seed) {
        byte[] b = new byte[PAYLOAD];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] reversed(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }
}
