package dev.customtls.core.server;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.CertificateVerifyContent;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.message.CertificateVerify;

import java.security.cert.X509Certificate;

/** Waiting for the client's CertificateVerify (RFC 8446 section 4.4.3). */
record ExpectClientCertificateVerify(X509Certificate clientCertificate) implements ServerState {

    @Override
    public ServerState handle(ServerHandshake hs, HandshakeFrame frame) {
        CertificateVerify cv = HandshakeSupport.expect(frame, HandshakeType.CERTIFICATE_VERIFY, CertificateVerify.class, name());
        SignatureScheme scheme = SignatureScheme.fromCode(cv.signatureScheme());
        if (scheme == null || !hs.config.signatureSchemes().contains(scheme)
                || !SignatureSchemePolicy.fits(scheme, clientCertificate.getPublicKey())) {
            throw TlsAlertException.illegalParameter(String.format("The client signed with scheme 0x%04x, which the "
                    + "server did not offer or which does not fit the client's key", cv.signatureScheme()));
        }
        byte[] content = CertificateVerifyContent.of(false, hs.transcript.current());
        if (!hs.crypto.verify(scheme, clientCertificate.getPublicKey(), content, cv.signature())) {
            throw TlsAlertException.fatal(AlertDescription.DECRYPT_ERROR,
                    "The client's CertificateVerify signature (" + scheme.rfcName() + ") does not verify");
        }
        hs.received(cv, frame);
        if (hs.observed()) {
            hs.step("Client CertificateVerify (" + scheme.rfcName() + ") verified");
        }
        return new ExpectClientFinished();
    }
}
