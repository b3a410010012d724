package dev.customtls.spi.support;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * A trust manager that delegates to another and records, at the engine callback, what
 * {@link SSLEngine#getHandshakeSession()} returned and the auth type it was given.
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private volatile SSLSession handshakeSession;
    private volatile String authType;
    private volatile int engineCalls;

    public RecordingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    /** The handshake session seen in the last engine callback, or null. */
    public SSLSession handshakeSession() {
        return handshakeSession;
    }

    public String authType() {
        return authType;
    }

    /** How many engine callbacks ran. */
    public int engineCalls() {
        return engineCalls;
    }

    private void record(SSLEngine engine, String type) {
        engineCalls++;
        handshakeSession = engine == null ? null : engine.getHandshakeSession();
        authType = type;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type, SSLEngine engine) throws CertificateException {
        record(engine, type);
        delegate.checkClientTrusted(chain, type, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type, SSLEngine engine) throws CertificateException {
        record(engine, type);
        delegate.checkServerTrusted(chain, type, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, type, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, type, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type) throws CertificateException {
        delegate.checkClientTrusted(chain, type);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type) throws CertificateException {
        delegate.checkServerTrusted(chain, type);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
