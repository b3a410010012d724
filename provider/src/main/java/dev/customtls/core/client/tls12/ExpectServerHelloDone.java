package dev.customtls.core.client.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.message.ServerHelloDone;
import dev.customtls.core.message.ServerKeyExchange;
import dev.customtls.core.message.Tls12CertificateRequest;

import java.security.cert.X509Certificate;

/** After a CertificateRequest: ServerHelloDone (RFC 5246 section 7.4.5). */
record ExpectServerHelloDone(X509Certificate serverCertificate, ServerKeyExchange serverKeyExchange,
                             Tls12CertificateRequest certificateRequest) implements Tls12ClientState {

    @Override
    public Tls12ClientState handle(Tls12ClientHandshake hs, HandshakeFrame frame) {
        ServerHelloDone done = hs.expect(frame, HandshakeType.SERVER_HELLO_DONE, ServerHelloDone.class, name());
        hs.received(done, frame);
        return new ClientFlight(hs, serverCertificate, serverKeyExchange, certificateRequest).send();
    }
}
