package dev.customtls.core.handshake;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.error.TlsAlertException;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Turns the certificate_list of a Certificate message into X.509 certificates, with the chain-length cap. */
public final class PeerCertificateDecoder {

    private PeerCertificateDecoder() {
    }

    /**
     * Decodes DER certificates, end-entity first.
     *
     * @throws TlsAlertException bad_certificate for unparsable data or a chain longer than {@code maxLength}
     */
    public static List<X509Certificate> decode(List<byte[]> encoded, int maxLength) {
        if (encoded.size() > maxLength) {
            throw TlsAlertException.fatal(AlertDescription.BAD_CERTIFICATE, "Certificate chain of " + encoded.size()
                    + " certificates exceeds the limit of " + maxLength + " (jdk.tls.client.maxInboundCertificateChainLength"
                    + " or jdk.tls.server.maxInboundCertificateChainLength, else jdk.tls.maxCertificateChainLength)");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>(encoded.size());
            for (byte[] der : encoded) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return out;
        } catch (CertificateException | RuntimeException e) {
            throw TlsAlertException.fatal(AlertDescription.BAD_CERTIFICATE, "Cannot parse peer certificate: " + e.getMessage(), e);
        }
    }
}
