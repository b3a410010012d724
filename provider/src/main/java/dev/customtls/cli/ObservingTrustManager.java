package dev.customtls.cli;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that delegates every decision and reports it as it happens ("server certificate chain
 * verified against ..."), so the demo can show the check live with any provider.
 */
final class ObservingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final String anchorDescription;
    private final Consumer<String> report;

    /**
     * @param delegate          makes the decisions
     * @param anchorDescription names what the chain is checked against, e.g. {@code test CA "CN=demo CA"}
     * @param report            told one line per decision
     */
    ObservingTrustManager(X509ExtendedTrustManager delegate, String anchorDescription, Consumer<String> report) {
        this.delegate = delegate;
        this.anchorDescription = anchorDescription;
        this.report = report;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        observe("server", chain, authType, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        observe("server", chain, authType, () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        observe("server", chain, authType, () -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        observe("client", chain, authType, () -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        observe("client", chain, authType, () -> delegate.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        observe("client", chain, authType, () -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private interface Check {
        void run() throws CertificateException;
    }

    private void observe(String peer, X509Certificate[] chain, String authType, Check check) throws CertificateException {
        String what = peer + " certificate chain (" + (chain == null ? 0 : chain.length) + " certificate"
                + (chain != null && chain.length == 1 ? "" : "s") + ", auth type " + authType + ")";
        try {
            check.run();
        } catch (CertificateException | RuntimeException e) {
            report.accept(what + " REJECTED by the trust manager: " + e.getMessage());
            throw e;
        }
        report.accept(what + " verified against " + anchorDescription + " (PKIX path validation)");
    }
}
