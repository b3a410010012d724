package dev.customtls.jsse.socket;

import javax.net.ssl.SSLServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Objects;

/**
 * Makes {@link javax.net.ssl.SSLServerSocket}s whose accepted sockets run TLS through engines from an
 * {@link SslEngineSource}. Reads {@code com.sun.net.ssl.requireCloseNotify} once, when made.
 */
public final class EngineServerSocketFactory extends SSLServerSocketFactory {

    /** Backlog used when the caller gives none, as {@code java.net.ServerSocket} does. */
    private static final int DEFAULT_BACKLOG = 50;

    private final SslEngineSource source;
    private final SocketConfig config;

    public EngineServerSocketFactory(SslEngineSource source) {
        this.source = Objects.requireNonNull(source, "source");
        this.config = SocketConfig.fromSystemProperties();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return source.defaultParameters(false).getCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return source.supportedParameters().getCipherSuites();
    }

    /** An unbound server socket. */
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new EngineSSLServerSocket(source, config);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new EngineSSLServerSocket(source, config, port, DEFAULT_BACKLOG, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new EngineSSLServerSocket(source, config, port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        return new EngineSSLServerSocket(source, config, port, backlog, ifAddress);
    }
}
