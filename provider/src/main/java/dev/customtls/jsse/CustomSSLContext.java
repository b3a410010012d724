package dev.customtls.jsse;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.crypto.TlsCrypto;

import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
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
    static final String[] SUPPORTED_PROTOCOLS = {"TLSv1.3"};

    private final CustomSessionContext clientSessions = new CustomSessionContext();
    private final CustomSessionContext serverSessions = new CustomSessionContext();
    private volatile ContextState state;
    /** Peer certificates decoded by this context's engines, reused by DER (see CertificateCache). */
    private final dev.customtls.core.handshake.CertificateCache certificateCache =
            new dev.customtls.core.handshake.CertificateCache(256);

    dev.customtls.core.handshake.CertificateCache certificateCache() {
        return certificateCache;
    }

    /** What {@code init} fixed: key and trust managers, crypto, settings. */
    record ContextState(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager, TlsCrypto crypto,
                        ContextSettings settings) {
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        try {
            TlsCrypto crypto = dev.customtls.crypto.DefaultTlsCrypto.instance();
            state = new ContextState(chooseKeyManager(km), chooseTrustManager(tm), crypto, ContextSettings.read(crypto));
        } catch (KeyStoreException | NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new KeyManagementException("Cannot initialise the SSLContext: " + e.getMessage(), e);
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

    CustomSessionContext sessionContext(boolean client) {
        return client ? clientSessions : serverSessions;
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        state();
        return defaultParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        state();
        SSLParameters p = new SSLParameters(supportedCipherSuites(), SUPPORTED_PROTOCOLS.clone());
        return p;
    }

    static SSLParameters defaultParameters() {
        List<String> suites = new ArrayList<>();
        for (CipherSuite s : ContextSettings.DEFAULT_SUITES) {
            suites.add(s.jsseName());
        }
        SSLParameters p = new SSLParameters(suites.toArray(new String[0]), SUPPORTED_PROTOCOLS.clone());
        p.setUseCipherSuitesOrder(true);
        return p;
    }

    static String[] supportedCipherSuites() {
        List<String> suites = new ArrayList<>();
        for (CipherSuite s : ContextSettings.DEFAULT_SUITES) {
            suites.add(s.jsseName());
        }
        return suites.toArray(new String[0]);
    }
}
