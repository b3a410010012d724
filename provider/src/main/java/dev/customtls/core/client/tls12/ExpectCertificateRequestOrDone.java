package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.message.ServerHelloDone;
import dev.customtls.core.message.ServerKeyExchange;
import dev.customtls.core.message.Tls12CertificateRequest;

import java.security.cert.X509Certificate;

/** After the server's key material: a CertificateRequest (RFC 5246 section 7.4.4) or ServerHelloDone (7.4.5). */
record ExpectCertificateRequestOrDone(X509Certificate serverCertificate, ServerKeyExchange serverKeyExchange)
        implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        if (frame.type() == HandshakeType.CERTIFICATE_REQUEST) {
            Tls12CertificateRequest cr = hs.expect(frame, HandshakeType.CERTIFICATE_REQUEST,
                    Tls12CertificateRequest.class, name());
            hs.received(cr, frame);
            // What the server accepts: for the key manager through the handshake session (as SunJSSE), and for our
            // choice of certificate and scheme in the client flight.
            hs.session.setPeerSignatureSchemes(SignatureSchemePolicy.fromCodes(cr.signatureSchemes()));
            hs.step("CertificateRequest: the server asks for a client certificate");
            return new ExpectServerHelloDone(serverCertificate, serverKeyExchange, cr);
        }
        ServerHelloDone done = hs.expect(frame, HandshakeType.SERVER_HELLO_DONE, ServerHelloDone.class, name());
        hs.received(done, frame);
        return new ClientFlight(hs, serverCertificate, serverKeyExchange, null).send();
    }
}
