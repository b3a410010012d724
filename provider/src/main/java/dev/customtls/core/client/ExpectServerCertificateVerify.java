package dev.customtls.core.client;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.CertificateVerifyContent;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.message.CertificateRequest;
import dev.customtls.core.message.CertificateVerify;

import java.security.cert.X509Certificate;

/** Waiting for the server's CertificateVerify (RFC 8446 section 4.4.3). */
record ExpectServerCertificateVerify(CertificateRequest certificateRequest, X509Certificate serverCertificate)
        implements ClientState {

    @Override
    public ClientState handle(ClientHandshake hs, HandshakeFrame frame) {
        CertificateVerify cv = HandshakeSupport.expect(frame, HandshakeType.CERTIFICATE_VERIFY, CertificateVerify.class, name());
        SignatureScheme scheme = SignatureScheme.fromCode(cv.signatureScheme());
        if (scheme == null || !hs.config.signatureSchemes().contains(scheme)
                || !SignatureSchemePolicy.fits(scheme, serverCertificate.getPublicKey())) {
            throw TlsAlertException.illegalParameter(String.format("The server signed with scheme 0x%04x, which the "
                    + "client did not offer or which does not fit the server's key", cv.signatureScheme()));
        }
        byte[] content = CertificateVerifyContent.of(true, hs.transcript.current());
        if (!hs.crypto.verify(scheme, serverCertificate.getPublicKey(), content, cv.signature())) {
            throw TlsAlertException.fatal(AlertDescription.DECRYPT_ERROR,
                    "The server's CertificateVerify signature (" + scheme.rfcName() + ") does not verify");
        }
        hs.received(cv, frame);
        if (hs.observed()) {
            hs.step("Server CertificateVerify (" + scheme.rfcName()
                    + ") verified: the server holds the certificate's key");
        }
        return new ExpectServerFinished(certificateRequest);
    }
}
