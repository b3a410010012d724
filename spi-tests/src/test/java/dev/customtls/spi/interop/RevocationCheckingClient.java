package dev.customtls.spi.interop;

import dev.customtls.spi.support.Providers;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.util.EnumSet;

/**
 * A client engine for {@code localhost} whose trust manager is the JDK's PKIX one requiring the end entity's
 * revocation status by OCSP, without falling back to CRLs: a stapled response (handed over through the handshake
 * session) is used first; without one the checker asks the certificate's responder, or {@code ocspResponder}
 * when given.
 */
final class RevocationCheckingClient {

    private RevocationCheckingClient() {
    }

    static SSLEngine create(String provider, String protocol, KeyStore trustStore, URI ocspResponder) throws Exception {
        PKIXBuilderParameters params = new PKIXBuilderParameters(trustStore, new X509CertSelector());
        PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        if (ocspResponder != null) {
            checker.setOcspResponder(ocspResponder);
        }
        params.addCertPathChecker(checker);
        params.setRevocationEnabled(true);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(new CertPathTrustManagerParameters(params));
        SSLContext ctx = Providers.sslContext(provider, null, tmf.getTrustManagers());
        SSLEngine engine = ctx.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return engine;
    }
}
