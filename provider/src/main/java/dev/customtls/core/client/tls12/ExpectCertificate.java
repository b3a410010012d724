package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.Tls12SignaturePolicy;
import dev.customtls.core.message.Tls12Certificate;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Waiting for the server's Certificate (RFC 5246 section 7.4.2). Its key must suit the suite's key
 * exchange (RFC 8422 section 5.3: ECDSA suites need an EC key; RSA and ECDHE_RSA an RSA key), else
 * unsupported_certificate. The trust manager sees the key exchange as authType, as SunJSSE passes it.
 */
record ExpectCertificate() implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        Tls12Certificate cm = hs.expect(frame, HandshakeType.CERTIFICATE, Tls12Certificate.class, name());
        if (cm.certificates().isEmpty()) {
            throw TlsAlertException.decodeError("The server sent an empty Certificate message");
        }
        List<X509Certificate> chain = hs.callbacks.decodeCertificates(cm.certificates(),
                hs.config.limits().maxCertificateChainLength());
        String keyType = chain.get(0).getPublicKey().getAlgorithm();
        String needed = Tls12SignaturePolicy.serverKeyType(hs.suite);
        if (!keyType.equals(needed) && !(needed.equals("EC") && keyType.equals("ECDSA"))) {
            throw TlsAlertException.fatal(AlertDescription.UNSUPPORTED_CERTIFICATE, "The server's " + keyType
                    + " certificate does not suit " + hs.suite.jsseName());
        }
        hs.received(cm, frame);
        hs.session.setPeerCertificates(chain);
        if (hs.certificateStatusExpected) {
            // The trust manager waits for the stapled OCSP response, if the server sends one.
            return new ExpectCertificateStatus(chain);
        }
        return trusted(hs, chain);
    }

    /** Hands the chain (and any stapled response, already in the session) to the trust manager; the next state. */
    static Tls12ClientState trusted(Tls12ClientHandshake hs, List<X509Certificate> chain) {
        hs.callbacks.checkServerTrusted(chain, hs.suite.keyExchange().name(), hs.session);
        hs.step("Server certificate " + chain.get(0).getSubjectX500Principal().getName()
                + " verified by the trust manager (authType " + hs.suite.keyExchange().name() + ")");
        if (hs.suite.keyExchange() == CipherSuite.KeyExchangeKind.RSA) {
            return new ExpectCertificateRequestOrDone(chain.get(0), null);
        }
        return new ExpectServerKeyExchange(chain.get(0));
    }
}
