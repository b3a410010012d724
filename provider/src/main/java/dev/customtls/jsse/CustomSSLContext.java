package dev.customtls.jsse;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.ocsp.StapledResponseCache;
import dev.customtls.ocsp.StaplingSettings;

import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/** {@code SSLContextSpi} of the {@code Custom} provider: hands out our engines, sockets and sessions. */
public class CustomSSLContext extends SSLContextSpi {
    static final String[] SUPPORTED_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** Enabled by default for "TLS", "TLSv1.3" and "Default" (as SunJSSE): TLS 1.3 preferred, TLS 1.2 allowed. */
    static final String[] DEFAULT_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final String[] defaultProtocols;
    /** Whether {@code jdk.tls.client.protocols}/{@code jdk.tls.server.protocols} apply ("TLS", "Default"). */
    private final boolean protocolProperties;

    private final CustomSessionContext clientSessions = new CustomSessionContext();
    private final CustomSessionContext serverSessions = new CustomSessionContext();
    private volatile ContextState state;
    private final ContextTls12Store tls12Store = new ContextTls12Store(clientSessions, serverSessions);

    public CustomSSLContext() {
        this(DEFAULT_PROTOCOLS, true);
    }

    /**
     * A context whose engines enable {@code defaultProtocols} by default (e.g. only TLSv1.2 for "TLSv1.2");
     * {@code protocolProperties}: whether the {@code jdk.tls.client/server.protocols} properties replace them.
     */
    CustomSSLContext(String[] defaultProtocols, boolean protocolProperties) {
        this.defaultProtocols = defaultProtocols.clone();
        this.protocolProperties = protocolProperties;
    }

    /** Peer certificates decoded by this context's engines, reused by DER (see CertificateCache). */
    private final dev.customtls.core.handshake.CertificateCache certificateCache =
            new dev.customtls.core.handshake.CertificateCache(256);

    dev.customtls.core.handshake.CertificateCache certificateCache() {
        return certificateCache;
    }

    /** The trust manager's accepted issuers as named in this context's servers' CertificateRequests. */
    private final AcceptedIssuerNames acceptedIssuerNames = new AcceptedIssuerNames();

    AcceptedIssuerNames acceptedIssuerNames() {
        return acceptedIssuerNames;
    }

    /**
     * What {@code init} fixed: key and trust managers, crypto, settings, and the engine configurations of the
     * default parameters (built once, shared by every engine that keeps them).
     */
    record ContextState(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager, TlsCrypto crypto,
                        ContextSettings settings, EngineConfigs.Defaults defaults, DefaultNames names,
                        DebugLog debugLog, StapledResponseCache stapling) {
    }

    /**
     * JSSE names of the default and supported suites and protocols, per role, fixed at {@code init}; only
     * ever passed to {@code SSLParameters} (which copies them) or cloned.
     */
    record DefaultNames(String[] clientSuites, String[] serverSuites, String[] clientProtocols,
                        String[] serverProtocols, String[] supportedSuites, String[] namedGroups) {
        static DefaultNames of(ContextSettings settings) {
            return new DefaultNames(jsseNames(settings.clientSuites()), jsseNames(settings.serverSuites()),
                    settings.clientProtocols().toArray(new String[0]), settings.serverProtocols().toArray(new String[0]),
                    jsseNames(settings.supportedSuites()),
                    settings.namedGroups().stream().map(NamedGroup::rfcName).toArray(String[]::new));
        }
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        try {
            TlsCrypto crypto = dev.customtls.crypto.DefaultTlsCrypto.instance();
            ContextSettings settings = ContextSettings.read(crypto, List.of(defaultProtocols), protocolProperties);
            DefaultNames names = DefaultNames.of(settings);
            DebugLog debugLog = DebugLog.fromSystemProperty();
            state = new ContextState(chooseKeyManager(km), chooseTrustManager(tm), crypto, settings,
                    EngineConfigs.Defaults.of(defaultParameters(names, true), defaultParameters(names, false), settings),
                    names, debugLog, stapling(debugLog));
            serverSessions.setNewSessionTicketCount(newSessionTicketCount()); // resumption (docs/resumption.md)
            tls12Store.init(crypto, !"false".equalsIgnoreCase(
                    System.getProperty("jdk.tls.server.enableSessionTicketExtension", "true").trim()));
        } catch (KeyStoreException | NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new KeyManagementException("Cannot initialise the SSLContext: " + e.getMessage(), e);
        }
    }

    /**
     * Server-side OCSP stapling (SunJSSE's {@code jdk.tls.server.enableStatusRequestExtension} and
     * {@code jdk.tls.stapling.*} properties), or null when it is off. One cache per context, as SunJSSE keeps one
     * per context.
     */
    private static StapledResponseCache stapling(DebugLog debugLog) {
        StaplingSettings s = StaplingSettings.fromSystemProperties();
        if (!s.enabled()) {
            return null;
        }
        return StapledResponseCache.create(s, debugLog == null ? line -> { } : debugLog.lines("server OCSP stapling"));
    }

    /** {@code jdk.tls.server.newSessionTicketCount}, as SunJSSE: 0 to 10, default 1; 0 sends none. */
    private static int newSessionTicketCount() {
        String v = System.getProperty("jdk.tls.server.newSessionTicketCount");
        if (v == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n >= 0 && n <= 10 ? n : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    ContextState state() {
        ContextState s = state;
        if (s == null) {
            throw new IllegalStateException("SSLContext is not initialized");
        }
        return s;
    }

    private static X509ExtendedKeyManager chooseKeyManager(KeyManager[] kms) {
        if (kms != null) {
            for (KeyManager km : kms) {
                if (km instanceof X509ExtendedKeyManager) {
                    return (X509ExtendedKeyManager) km;
                }
                if (km instanceof X509KeyManager) {
                    return new KeyManagerAdapter((X509KeyManager) km);
                }
            }
        }
        return KeyManagerAdapter.EMPTY;
    }

    private static X509ExtendedTrustManager chooseTrustManager(TrustManager[] tms)
            throws NoSuchAlgorithmException, KeyStoreException {
        if (tms == null) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            tms = tmf.getTrustManagers();
        }
        for (TrustManager tm : tms) {
            if (tm instanceof X509ExtendedTrustManager) {
                return (X509ExtendedTrustManager) tm;
            }
            if (tm instanceof X509TrustManager) {
                return new TrustManagerAdapter((X509TrustManager) tm);
            }
        }
        return TrustManagerAdapter.NONE;
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        state();
        return new dev.customtls.jsse.socket.EngineSocketFactory(new ContextEngineSource(this));
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        state();
        return new dev.customtls.jsse.socket.EngineServerSocketFactory(new ContextEngineSource(this));
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return new CustomSSLEngine(this, null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return new CustomSSLEngine(this, host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return clientSessions;
    }

    /** TLS 1.2 session resumption store shared by this context's engines. */
    ContextTls12Store tls12Store() {
        return tls12Store;
    }

    CustomSessionContext sessionContext(boolean client) {
        return client ? clientSessions : serverSessions;
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        // As SunJSSE: the client's defaults.
        return contextDefaultParameters(true);
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return new SSLParameters(supportedCipherSuites(), SUPPORTED_PROTOCOLS.clone());
    }

    /** The parameters a new engine of this context starts with, in the client or the server role. */
    SSLParameters contextDefaultParameters(boolean client) {
        return defaultParameters(state().names(), client);
    }

    private static SSLParameters defaultParameters(DefaultNames names, boolean client) {
        // The constructor copies both arrays, so the shared names are never handed out.
        SSLParameters p = client ? new SSLParameters(names.clientSuites(), names.clientProtocols())
                : new SSLParameters(names.serverSuites(), names.serverProtocols());
        p.setUseCipherSuitesOrder(true);
        // JDK 20+: the groups in use, as SunJSSE reports them (code that adds one to the list needs them).
        SslParametersSupport.setNamedGroups(p, names.namedGroups().clone());
        return p;
    }

    /** The suites we implement, less those {@code jdk.tls.disabledAlgorithms} disables (as SunJSSE lists them). */
    String[] supportedCipherSuites() {
        return state().names().supportedSuites().clone();
    }

    private static String[] jsseNames(List<CipherSuite> suites) {
        String[] names = new String[suites.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = suites.get(i).jsseName();
        }
        return names;
    }
}
