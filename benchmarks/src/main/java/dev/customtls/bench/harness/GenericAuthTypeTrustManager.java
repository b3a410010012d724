package dev.customtls.bench.harness;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets Conscrypt use the JDK's {@code PKIX} trust manager: Conscrypt passes the authType {@code GENERIC}
 * for TLS 1.3, which the JDK's trust manager rejects; this maps it to {@code UNKNOWN} (what SunJSSE passes
 * in TLS 1.3) and delegates everything else unchanged. Used for Conscrypt only.
 */
public final class GenericAuthTypeTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;

    public GenericAuthTypeTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    static String jdkAuthType(String authType) {
        return "GENERIC".equals(authType) ? "UNKNOWN" : authType;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, jdkAuthType(authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, jdkAuthType(authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, jdkAuthType(authType), socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, jdkAuthType(authType), socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, jdkAuthType(authType), engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, jdkAuthType(authType), engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
