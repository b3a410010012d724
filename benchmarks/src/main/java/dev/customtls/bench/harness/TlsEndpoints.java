package dev.customtls.bench.harness;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import java.io.IOException;
import java.net.InetAddress;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A client and a server context of one provider, pinned to one protocol version, cipher suite and group,
 * and the factory of engine pairs for them. The {@link EngineSettings} are built once; each new engine gets
 * the same pinned protocol, suite and group on both sides.
 */
public final class TlsEndpoints {

    /** Host and port given to resuming client engines (the session cache key); never resolved. */
    public static final String PEER_HOST = "localhost";
    public static final int PEER_PORT = 443;

    private final LoadedProvider provider;
    private final SSLContext clientContext;
    private final SSLContext serverContext;
    private final EngineSettings settings;
    private final int version;
    private final int suiteCode;
    private final int groupCode;

    /**
     * @param protocol {@code TLSv1.3} or {@code TLSv1.2}
     * @param suite the JSSE name of the only suite enabled on both sides
     * @param group the key exchange group that must be used (e.g. {@code x25519}, {@code secp256r1}); in
     *     TLS 1.3 the only one enabled; in TLS 1.2 {@code secp256r1} is also enabled, as the client must
     *     support the curve of the server's ECDSA certificate (RFC 8422 section 5.1)
     */
    public TlsEndpoints(LoadedProvider provider, ServerCredentials credentials, String protocol, String suite,
            String group) {
        CipherSuite cs = CipherSuite.fromJsseName(suite);
        NamedGroup ng = NamedGroup.fromName(group);
        if (cs == null || ng == null) {
            throw new IllegalArgumentException("unknown suite or group: " + suite + ", " + group);
        }
        boolean tls13 = protocol.equals("TLSv1.3");
        String[] groups = tls13 || group.equals("secp256r1") ? new String[] {group} : new String[] {group, "secp256r1"};
        this.settings = provider.engineSettings(new String[] {protocol}, new String[] {suite}, groups);
        this.provider = provider;
        this.clientContext = provider.clientContext(credentials);
        this.serverContext = provider.serverContext(credentials);
        this.version = tls13 ? HandshakeWire.TLS13 : HandshakeWire.TLS12;
        this.suiteCode = cs.code();
        this.groupCode = ng.code();
    }

    /**
     * The endpoints a benchmark's trial setup needs: checks {@link KnownGaps}, loads the provider, issues a
     * fresh server certificate, or throws {@link ProviderUnavailableException} with the reason.
     */
    public static TlsEndpoints forBenchmark(String providerParam, String certParam, String protocol,
            String suite, String group, boolean tls13Resumption) {
        ProviderKind kind = ProviderKind.fromParam(providerParam);
        KnownGaps.check(kind, group, protocol.equals("TLSv1.3") ? suite : null, tls13Resumption);
        LoadedProvider provider = LoadedProvider.load(kind);
        ServerCredentials credentials = ServerCredentials.create(ServerCredentials.CertType.valueOf(certParam));
        return new TlsEndpoints(provider, credentials, protocol, suite, group);
    }

    /**
     * A client engine. Non-resuming engines get no peer host/port, so no provider looks up a cached session
     * (a full handshake every time); resuming ones use {@link #PEER_HOST}:{@link #PEER_PORT}.
     */
    public SSLEngine newClient(boolean resuming) {
        SSLEngine e = resuming ? clientContext.createSSLEngine(PEER_HOST, PEER_PORT) : clientContext.createSSLEngine();
        e.setUseClientMode(true);
        settings.apply(e);
        return e;
    }

    public SSLEngine newServer() {
        SSLEngine e = serverContext.createSSLEngine();
        e.setUseClientMode(false);
        settings.apply(e);
        return e;
    }

    /** A server socket on the loopback interface, on a free port; accepted sockets need {@link #apply}. */
    public SSLServerSocket newServerSocket() throws IOException {
        return (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** A client socket connected to {@code localhost:port}, with the pinned settings. */
    public SSLSocket newClientSocket(int port) throws IOException {
        SSLSocket s = (SSLSocket) clientContext.getSocketFactory()
                .createSocket(PEER_HOST, port);
        settings.apply(s);
        return s;
    }

    /** The pinned settings on an accepted (server side) socket. */
    public void apply(SSLSocket accepted) {
        settings.apply(accepted);
    }

    /** Checks the last connection of {@code driver} negotiated what these endpoints pin. */
    public void expect(EnginePairDriver driver, boolean resumed) {
        driver.wire().expect(version, suiteCode, groupCode, resumed);
    }

    public LoadedProvider provider() {
        return provider;
    }
}
