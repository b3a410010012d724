package dev.customtls.core.client;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.message.CertificateRequest;

import java.util.List;

/** After EncryptedExtensions: CertificateRequest or the server's Certificate (RFC 8446 section 4.3.2). */
record ExpectCertificateOrRequest() implements ClientState {

    @Override
    public ClientState handle(ClientHandshake hs, HandshakeFrame frame) {
        if (frame.type() == HandshakeType.CERTIFICATE || frame.type() == HandshakeType.COMPRESSED_CERTIFICATE) {
            return new ExpectServerCertificate(null).handle(hs, frame);
        }
        CertificateRequest cr = HandshakeSupport.expect(frame, HandshakeType.CERTIFICATE_REQUEST,
                CertificateRequest.class, name());
        if (cr.requestContext().length != 0) {
            throw TlsAlertException.illegalParameter("certificate_request_context must be empty during the handshake");
        }
        hs.received(cr, frame);
        // jdk.tls.client.disableExtensions: what we disabled is ignored (the transcript has the message as sent).
        Extensions heeded = hs.config.disabledExtensions().filter(cr.extensions());
        if (heeded != cr.extensions()) {
            cr = new CertificateRequest(cr.requestContext(), heeded);
        }
        // What the server accepts: for the key manager through the handshake session (as SunJSSE), and for our
        // choice of certificate and scheme after the server's Finished.
        SignatureAlgorithmsExtension sa = cr.extensions().get(SignatureAlgorithmsExtension.class);
        hs.session.setPeerSignatureSchemes(sa == null ? List.of() : SignatureSchemePolicy.fromCodes(sa.schemes()));
        hs.step("CertificateRequest: the server asks for a client certificate");
        return new ExpectServerCertificate(cr);
    }
}
