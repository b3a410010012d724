package dev.customtls.jsse.socket;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;

/**
 * Makes {@link javax.net.ssl.SSLSocket}s that run TLS through engines from an {@link SslEngineSource}.
 * Reads {@code com.sun.net.ssl.requireCloseNotify} once, when made.
 */
public final class EngineSocketFactory extends SSLSocketFactory {

    private final SslEngineSource source;
    private final SocketConfig config;

    public EngineSocketFactory(SslEngineSource source) {
        this.source = Objects.requireNonNull(source, "source");
        this.config = SocketConfig.fromSystemProperties();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return source.defaultParameters(true).getCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return source.supportedParameters().getCipherSuites();
    }

    /** An unconnected client socket. */
    @Override
    public Socket createSocket() {
        return EngineSSLSocket.unconnected(source, config);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(host, port, null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connect(host, port, new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connect(host, port, null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connect(address, port, new InetSocketAddress(localAddress, localPort));
    }

    /** A client socket layered over the connected {@code s} (STARTTLS, proxy tunnels). */
    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        Objects.requireNonNull(s, "the existing socket cannot be null");
        return EngineSSLSocket.layered(source, config, s, host, port, autoClose);
    }

    /**
     * A server socket layered over the connected {@code s}; {@code consumed} holds bytes already read
     * from {@code s} (for instance to sniff the ClientHello), which are replayed first.
     */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        Objects.requireNonNull(s, "the existing socket cannot be null");
        return EngineSSLSocket.layeredServer(source, config, s, consumed, autoClose);
    }

    private Socket connect(String host, int port, InetSocketAddress local) throws IOException {
        InetSocketAddress remote = host != null
                ? new InetSocketAddress(host, port)
                : new InetSocketAddress(InetAddress.getByName(null), port);
        EngineSSLSocket s = EngineSSLSocket.forPeer(source, config, host, port);
        return connect(s, remote, local);
    }

    private Socket connect(InetAddress address, int port, InetSocketAddress local) throws IOException {
        EngineSSLSocket s = EngineSSLSocket.forPeer(source, config, originalHostName(address), port);
        return connect(s, new InetSocketAddress(address, port), local);
    }

    private static Socket connect(EngineSSLSocket s, InetSocketAddress remote, InetSocketAddress local)
            throws IOException {
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Reporting the connect failure.
            }
            throw e;
        }
    }

    /**
     * The host name {@code address} was made with, without a reverse lookup: {@code toString()} is
     * {@code name/literal}, with an empty name when there is none.
     */
    static String originalHostName(InetAddress address) {
        String s = address.toString();
        int slash = s.indexOf('/');
        return slash > 0 ? s.substring(0, slash) : address.getHostAddress();
    }
}
