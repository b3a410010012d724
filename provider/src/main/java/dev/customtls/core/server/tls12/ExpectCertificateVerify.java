package dev.customtls.core.server.tls12;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.Tls12SignaturePolicy;
import dev.customtls.core.message.CertificateVerify;

import java.security.cert.X509Certificate;

/**
 * Waiting for the client's CertificateVerify (RFC 5246 section 7.4.8): a scheme we asked for that fits
 * the client's key (illegal_parameter), over all handshake messages so far (decrypt_error if wrong).
 */
record ExpectCertificateVerify(X509Certificate clientCertificate) implements Tls12ServerState {

    @Override
    public Tls12ServerState handle(Tls12ServerHandshake hs, HandshakeFrame frame) {
        CertificateVerify cv = hs.expect(frame, HandshakeType.CERTIFICATE_VERIFY, CertificateVerify.class, name());
        SignatureScheme scheme = SignatureScheme.fromCode(cv.signatureScheme());
        if (scheme == null || !hs.config.signatureSchemes().contains(scheme)
                || !Tls12SignaturePolicy.fits(scheme, clientCertificate.getPublicKey())) {
            throw TlsAlertException.illegalParameter(String.format("The client signed with scheme 0x%04x, which the "
                    + "server did not offer or which does not fit the client's key", cv.signatureScheme()));
        }
        if (!hs.crypto.verify(scheme, clientCertificate.getPublicKey(), hs.transcript.messages(), cv.signature())) {
            throw TlsAlertException.fatal(AlertDescription.DECRYPT_ERROR,
                    "The client's CertificateVerify signature (" + scheme.rfcName() + ") does not verify");
        }
        hs.received(cv, frame);
        hs.step("Client CertificateVerify (" + scheme.rfcName() + ") verified");
        hs.expectClientChangeCipherSpec();
        return new ExpectClientFinished(false);
    }
}
