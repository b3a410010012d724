package dev.customtls.jsse;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Presents a plain {@link X509TrustManager} as an {@link X509ExtendedTrustManager}. Like SunJSSE's own
 * wrapper it cannot do host-name checks (a plain trust manager has no engine to ask); {@link #NONE} trusts
 * nothing.
 */
final class TrustManagerAdapter extends X509ExtendedTrustManager {
    static final TrustManagerAdapter NONE = new TrustManagerAdapter(null);

    private final X509TrustManager delegate;

    TrustManagerAdapter(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    private X509TrustManager delegate() throws CertificateException {
        if (delegate == null) {
            throw new CertificateException("No X509TrustManager was configured: no certificate is trusted");
        }
        return delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }
}
