package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.CertificateStatus;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * After the server's Certificate, when its ServerHello acknowledged status_request: an optional CertificateStatus
 * (RFC 6066 section 8; a server may send none). The chain goes to the trust manager once it is known whether a
 * response was stapled, with the response in the session for it to use; any other message goes on to the state
 * after the Certificate.
 *
 * @param chain the server's chain, not yet checked
 */
record ExpectCertificateStatus(List<X509Certificate> chain) implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        if (frame.type() != HandshakeType.CERTIFICATE_STATUS) {
            return ExpectCertificate.trusted(hs, chain).handle(hs, frame);
        }
        CertificateStatus status = hs.expect(frame, HandshakeType.CERTIFICATE_STATUS, CertificateStatus.class, name());
        hs.received(status, frame);
        // RFC 6066 section 8: one OCSP response, for the server's own certificate.
        List<byte[]> responses = new ArrayList<>(chain.size());
        responses.add(status.ocspResponse());
        while (responses.size() < chain.size()) {
            responses.add(new byte[0]);
        }
        hs.session.setStatusResponses(responses);
        hs.step("Server stapled an OCSP response (" + status.ocspResponse().length + " bytes)");
        return ExpectCertificate.trusted(hs, chain);
    }
}
