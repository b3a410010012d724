package dev.customtls.core.client.tls12;

import dev.customtls.core.connection.Credential;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.DistinguishedNames;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.handshake.Tls12SignaturePolicy;
import dev.customtls.core.keyschedule.Tls12KeyBlock;
import dev.customtls.core.message.CertificateVerify;
import dev.customtls.core.message.ClientKeyExchange;
import dev.customtls.core.message.ServerKeyExchange;
import dev.customtls.core.message.Tls12Certificate;
import dev.customtls.core.message.Tls12CertificateRequest;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.security.auth.x500.X500Principal;

/**
 * The client's second flight of a full TLS 1.2 handshake (RFC 5246 section 7.3): [Certificate],
 * ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished; one method per message.
 */
final class ClientFlight {
    private final Tls12ClientHandshake hs;
    private final X509Certificate serverCertificate;
    private final ServerKeyExchange serverKeyExchange;
    private final Tls12CertificateRequest certificateRequest;

    ClientFlight(Tls12ClientHandshake hs, X509Certificate serverCertificate, ServerKeyExchange serverKeyExchange,
                 Tls12CertificateRequest certificateRequest) {
        this.hs = hs;
        this.serverCertificate = serverCertificate;
        this.serverKeyExchange = serverKeyExchange;
        this.certificateRequest = certificateRequest;
    }

    Tls12ClientState send() {
        Credential credential = null;
        SignatureScheme scheme = null;
        if (certificateRequest != null) {
            List<SignatureScheme> offered = hs.session.peerSignatureSchemes(); // the CertificateRequest's
            credential = chooseCredential(offered);
            scheme = credential == null ? null
                    : Tls12SignaturePolicy.choose(hs.config.signatureSchemes(), offered, credential.privateKey(), hs.crypto);
            if (scheme == null) {
                credential = null;
            }
            sendCertificate(credential);
        }
        byte[] preMaster = hs.suite.keyExchange() == CipherSuite.KeyExchangeKind.RSA ? sendRsaKeyExchange() : sendEcdheKeyExchange();
        deriveMasterSecret(preMaster);
        if (credential != null) {
            sendCertificateVerify(credential, scheme);
        }
        hs.sendChangeCipherSpecAndFinished();
        hs.step("Client ChangeCipherSpec and Finished sent");
        if (hs.ticketExpected) {
            return new ExpectNewSessionTicket(false);
        }
        hs.expectServerChangeCipherSpec();
        return new ExpectFinished(false);
    }

    /** RFC 5246 section 7.4.4 / 7.4.6: a certificate of a requested type, signed by a listed authority. */
    private Credential chooseCredential(List<SignatureScheme> offered) {
        List<SignatureScheme> usable = new ArrayList<>();
        for (SignatureScheme s : hs.config.signatureSchemes()) {
            boolean typeOk = (s.isEcdsa() && certificateRequest.certificateTypes().contains(Tls12CertificateRequest.ECDSA_SIGN))
                    || (s.keyAlgorithm().equals("RSA") && certificateRequest.certificateTypes().contains(Tls12CertificateRequest.RSA_SIGN));
            if (typeOk && offered.contains(s) && s != SignatureScheme.ECDSA_SHA1 && s != SignatureScheme.RSA_PKCS1_SHA1) {
                usable.add(s);
            }
        }
        if (usable.isEmpty()) {
            return null;
        }
        List<X500Principal> issuers = DistinguishedNames.principals(certificateRequest.certificateAuthorities());
        return hs.callbacks.chooseClientCredential(usable, issuers, hs.session);
    }

    /** RFC 5246 section 7.4.6: our chain, or an empty list when we have none. */
    private void sendCertificate(Credential credential) {
        if (credential == null) {
            hs.send(new Tls12Certificate(List.of()));
            hs.step("Client Certificate: none available, sent an empty Certificate");
            return;
        }
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : credential.chain()) {
            try {
                der.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw TlsAlertException.internalError("Cannot encode our certificate", e);
            }
        }
        hs.send(new Tls12Certificate(der));
        hs.session.setLocalCertificates(credential.chain());
    }

    /** RFC 8422 section 5.7: our ephemeral point on the server's group; the premaster is the shared secret. */
    private byte[] sendEcdheKeyExchange() {
        NamedGroup group = NamedGroup.fromCode(serverKeyExchange.namedGroup());
        KeyShare ours = hs.crypto.generateKeyShare(group);
        byte[] shared = ours.agree(serverKeyExchange.publicPoint());
        hs.send(new ClientKeyExchange(hs.suite.keyExchange(), ours.publicKey()));
        return shared;
    }

    /**
     * RFC 5246 section 7.4.7.1: a 48-byte premaster (client_version then 46 random bytes) encrypted with
     * PKCS#1 v1.5 to the server certificate's RSA key.
     */
    private byte[] sendRsaKeyExchange() {
        byte[] preMaster = hs.randomBytes(48);
        int version = hs.clientHello.legacyVersion();
        preMaster[0] = (byte) (version >>> 8);
        preMaster[1] = (byte) version;
        byte[] encrypted;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, serverCertificate.getPublicKey(), hs.crypto.secureRandom());
            encrypted = rsa.doFinal(preMaster);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlertException.internalError("Cannot encrypt the premaster secret to the server's key", e);
        }
        hs.send(new ClientKeyExchange(CipherSuite.KeyExchangeKind.RSA, encrypted));
        return preMaster;
    }

    /**
     * RFC 7627 section 4 (session_hash through ClientKeyExchange) or RFC 5246 section 8.1, then the key
     * block (section 6.3).
     */
    private void deriveMasterSecret(byte[] preMaster) {
        if (hs.extendedMasterSecret) {
            hs.masterSecret = hs.prf.extendedMasterSecret(preMaster, hs.transcript.hash(hs.suite.hash()));
        } else {
            hs.masterSecret = hs.prf.masterSecret(preMaster, hs.clientHello.random(), hs.serverRandom);
        }
        HandshakeSupport.wipe(preMaster);
        hs.keyBlock = Tls12KeyBlock.derive(hs.prf, hs.masterSecret, hs.serverRandom, hs.clientHello.random(), hs.suite.aead());
    }

    /** RFC 5246 section 7.4.8: a signature over all handshake messages so far. */
    private void sendCertificateVerify(Credential credential, SignatureScheme scheme) {
        byte[] signature = hs.crypto.sign(scheme, credential.privateKey(), hs.transcript.messages());
        hs.send(new CertificateVerify(scheme.code(), signature));
        hs.step("Client Certificate " + credential.chain().get(0).getSubjectX500Principal().getName()
                + " and CertificateVerify (" + scheme.rfcName() + ") sent");
    }
}
