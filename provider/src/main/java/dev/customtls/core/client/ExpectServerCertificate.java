package dev.customtls.core.client;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.StatusRequestExtension;
import dev.customtls.core.handshake.CertificateCompression;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CertificateRequest;
import dev.customtls.core.message.CertificateStatus;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Waiting for the server's Certificate (RFC 8446 section 4.4.2); the chain is handed to the trust
 * manager here.
 *
 * @param certificateRequest the server's CertificateRequest, or null if it did not ask
 */
record ExpectServerCertificate(CertificateRequest certificateRequest) implements ClientState {

    @Override
    public ClientState handle(ClientHandshake hs, HandshakeFrame frame) {
        // RFC 8879: a CompressedCertificate may come instead when our ClientHello offered compress_certificate.
        CertificateCompression.Received in = hs.config.certificateCompression().receive(frame,
                hs.clientHello.extensions().has(ExtensionType.COMPRESS_CERTIFICATE),
                hs.config.limits().maxHandshakeMessageSize(), name());
        CertificateMessage cm = in.certificate();
        if (cm.requestContext().length != 0) {
            throw TlsAlertException.illegalParameter("Server Certificate has a non-empty certificate_request_context");
        }
        if (cm.entries().isEmpty()) {
            throw TlsAlertException.decodeError("The server sent an empty Certificate message");
        }
        List<byte[]> der = new ArrayList<>(cm.entries().size());
        List<byte[]> statuses = new ArrayList<>(cm.entries().size());
        boolean stapled = false;
        for (CertificateEntry entry : cm.entries()) {
            byte[] status = new byte[0];
            for (Extension e : entry.extensions().list()) {
                if (e.type() != ExtensionType.STATUS_REQUEST || !hs.config.requestCertificateStatus()) {
                    throw TlsAlertException.fatal(AlertDescription.UNSUPPORTED_EXTENSION, "Server certificate entry "
                            + "carries " + ExtensionType.name(e.type()) + ", which the client did not request");
                }
                // RFC 8446 section 4.4.2.1: the CertificateStatus of RFC 6066 as the extension's data.
                status = CertificateStatus.decode(new TlsReader(((StatusRequestExtension) e).data())).ocspResponse();
                stapled = true;
            }
            der.add(entry.certData());
            statuses.add(status);
        }
        List<X509Certificate> chain = hs.callbacks.decodeCertificates(der, hs.config.limits().maxCertificateChainLength());
        hs.received(in.message(), frame);
        hs.session.setPeerCertificates(chain);
        if (stapled) {
            hs.session.setStatusResponses(statuses);
            if (hs.observed()) {
                hs.step("Server stapled OCSP responses (" + statuses.get(0).length + " bytes for its certificate)");
            }
        }
        hs.callbacks.checkServerTrusted(chain, "UNKNOWN", hs.session);
        if (hs.observed()) {
            hs.step("Server certificate " + chain.get(0).getSubjectX500Principal().getName()
                    + " verified by the trust manager (issuer " + chain.get(0).getIssuerX500Principal().getName()
                    + ")");
        }
        return new ExpectServerCertificateVerify(certificateRequest, chain.get(0));
    }
}
