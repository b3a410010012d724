package dev.customtls.core.server.tls12;

import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.Tls12Certificate;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Waiting for the client's Certificate after our CertificateRequest (RFC 5246 section 7.4.6): an empty one
 * is handshake_failure when client authentication is required, else accepted.
 */
record ExpectClientCertificate() implements Tls12ServerState {

    @Override
    public Tls12ServerState handle(Tls12ServerHandshake hs, HandshakeFrame frame) {
        Tls12Certificate cm = hs.expect(frame, HandshakeType.CERTIFICATE, Tls12Certificate.class, name());
        hs.received(cm, frame);
        if (cm.certificates().isEmpty()) {
            if (hs.config.clientAuth() == TlsConfig.ClientAuth.REQUIRED) {
                throw TlsAlertException.handshakeFailure("The client sent no certificate, but client authentication is required");
            }
            hs.step("The client sent no certificate (client authentication wanted, not required)");
            return new ExpectClientKeyExchange(null);
        }
        List<X509Certificate> chain = hs.callbacks.decodeCertificates(cm.certificates(), hs.config.limits().maxCertificateChainLength());
        hs.session.setPeerCertificates(chain);
        hs.callbacks.checkClientTrusted(chain, chain.get(0).getPublicKey().getAlgorithm(), hs.session);
        hs.step("Client certificate " + chain.get(0).getSubjectX500Principal().getName() + " verified by the trust manager");
        return new ExpectClientKeyExchange(chain.get(0));
    }
}
