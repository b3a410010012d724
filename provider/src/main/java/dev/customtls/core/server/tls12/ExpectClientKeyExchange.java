package dev.customtls.core.server.tls12;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.keyschedule.Tls12KeyBlock;
import dev.customtls.core.message.ClientKeyExchange;

import java.security.cert.X509Certificate;

/**
 * Waiting for ClientKeyExchange (RFC 5246 section 7.4.7): the ECDHE point (RFC 8422 section 5.7; an
 * invalid point is illegal_parameter) or the RSA-encrypted premaster (section 7.4.7.1, recovered without
 * revealing padding errors). Then the master secret (RFC 7627 section 4 or RFC 5246 section 8.1) and the
 * key block.
 *
 * @param clientCertificate the client's certificate, or null if it sent none
 */
record ExpectClientKeyExchange(X509Certificate clientCertificate) implements Tls12ServerState {

    @Override
    public Tls12ServerState handle(Tls12ServerHandshake hs, HandshakeFrame frame) {
        ClientKeyExchange cke = hs.expect(frame, HandshakeType.CLIENT_KEY_EXCHANGE, ClientKeyExchange.class, name());
        byte[] preMaster;
        if (cke.isRsa()) {
            preMaster = hs.crypto.rsaPremasterSecret(hs.credential.privateKey(), cke.exchangeKeys(),
                    hs.clientHello.legacyVersion());
        } else {
            preMaster = hs.keyShare.agree(cke.exchangeKeys());
            hs.keyShare = null;
        }
        hs.received(cke, frame);
        if (hs.extendedMasterSecret) {
            hs.masterSecret = hs.prf.extendedMasterSecret(preMaster, hs.transcript.hash(hs.suite.hash()));
        } else {
            hs.masterSecret = hs.prf.masterSecret(preMaster, hs.clientHello.random(), hs.serverRandom);
        }
        HandshakeSupport.wipe(preMaster);
        hs.keyBlock = Tls12KeyBlock.derive(hs.prf, hs.masterSecret, hs.serverRandom, hs.clientHello.random(), hs.suite.aead());
        hs.step("ClientKeyExchange processed; master secret and keys derived");
        if (clientCertificate != null) {
            return new ExpectCertificateVerify(clientCertificate);
        }
        hs.expectClientChangeCipherSpec();
        return new ExpectClientFinished(false);
    }
}
