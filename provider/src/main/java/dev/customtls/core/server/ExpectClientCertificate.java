package dev.customtls.core.server;

import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.CertificateCompression;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Waiting for the client's Certificate after our CertificateRequest (RFC 8446 section 4.4.2).
 *
 * @param compressionOffered our CertificateRequest offered compress_certificate, so a CompressedCertificate
 *                           (RFC 8879) may come instead
 */
record ExpectClientCertificate(boolean compressionOffered) implements ServerState {

    @Override
    public ServerState handle(ServerHandshake hs, HandshakeFrame frame) {
        CertificateCompression.Received in = hs.config.certificateCompression().receive(frame, compressionOffered,
                hs.config.limits().maxHandshakeMessageSize(), name());
        CertificateMessage cm = in.certificate();
        if (cm.requestContext().length != 0) {
            throw TlsAlertException.illegalParameter("Client Certificate echoes a different certificate_request_context");
        }
        hs.received(in.message(), frame);
        if (cm.entries().isEmpty()) {
            if (hs.config.clientAuth() == TlsConfig.ClientAuth.REQUIRED) {
                throw TlsAlertException.fatal(AlertDescription.CERTIFICATE_REQUIRED,
                        "The client sent no certificate, but client authentication is required");
            }
            hs.step("The client sent no certificate (client authentication wanted, not required)");
            return new ExpectClientFinished();
        }
        List<byte[]> der = new ArrayList<>(cm.entries().size());
        for (CertificateEntry e : cm.entries()) {
            der.add(e.certData());
        }
        List<X509Certificate> chain = hs.callbacks.decodeCertificates(der, hs.config.limits().maxCertificateChainLength());
        hs.session.setPeerCertificates(chain);
        hs.callbacks.checkClientTrusted(chain, chain.get(0).getPublicKey().getAlgorithm(), hs.session);
        if (hs.observed()) {
            hs.step("Client certificate " + chain.get(0).getSubjectX500Principal().getName()
                    + " verified by the trust manager");
        }
        return new ExpectClientCertificateVerify(chain.get(0));
    }
}
