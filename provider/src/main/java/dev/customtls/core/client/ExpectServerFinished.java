package dev.customtls.core.client;

import dev.customtls.core.connection.Credential;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.handshake.CertificateVerifyContent;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.keyschedule.KeyingMaterialExporter;
import dev.customtls.core.keyschedule.MasterSecret;
import dev.customtls.core.keyschedule.TrafficSecrets;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CertificateRequest;
import dev.customtls.core.message.CertificateVerify;
import dev.customtls.core.message.Finished;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import dev.customtls.core.extension.CertificateAuthoritiesExtension;
import dev.customtls.core.handshake.DistinguishedNames;

/**
 * Waiting for the server's Finished (RFC 8446 section 4.4.4); then the client sends its own flight
 * (Certificate and CertificateVerify if asked, Finished) and switches to application traffic keys.
 */
record ExpectServerFinished(CertificateRequest certificateRequest) implements ClientState {

    @Override
    public ClientState handle(ClientHandshake hs, HandshakeFrame frame) {
        Finished fin = HandshakeSupport.expect(frame, HandshakeType.FINISHED, Finished.class, name());
        byte[] expected = TrafficSecrets.verifyData(hs.hkdf, hs.serverHandshakeSecret, hs.transcript.current());
        HandshakeSupport.checkFinished(expected, fin.verifyData(), "server");
        hs.received(fin, frame);
        hs.conn.peerFinishedReceived();
        hs.step("Server Finished verified");

        byte[] hashThroughServerFinished = hs.transcript.current();
        MasterSecret master = hs.handshakeSecret.masterSecret();
        byte[] clientApp = master.clientApplicationTrafficSecret(hashThroughServerFinished);
        byte[] serverApp = master.serverApplicationTrafficSecret(hashThroughServerFinished);
        byte[] exporterMasterSecret = master.exporterMasterSecret(hashThroughServerFinished);
        hs.conn.setReadKeys(hs.suite, hs.hkdf, serverApp, true);

        if (!hs.changeCipherSpecSent && hs.middleboxCompatible()) {
            hs.conn.queueChangeCipherSpec();
            hs.changeCipherSpecSent = true;
        }
        if (certificateRequest != null) {
            sendClientCertificate(hs);
        }
        if (hs.pskOffer != null) {
            hs.pskOffer.sendEndOfEarlyData(hs); // RFC 8446 section 4.5, only when 0-RTT was accepted
        }
        byte[] verifyData = TrafficSecrets.verifyData(hs.hkdf, hs.clientHandshakeSecret, hs.transcript.current());
        hs.send(new Finished(verifyData));
        hs.conn.setWriteKeys(hs.suite, hs.hkdf, clientApp, true);
        hs.resumptionMasterSecret = master.resumptionMasterSecret(hs.transcript.finish());
        java.util.Arrays.fill(clientApp, (byte) 0);
        java.util.Arrays.fill(serverApp, (byte) 0);
        hs.step("Client Finished sent; application traffic keys installed");
        hs.session.setExporter(KeyingMaterialExporter.tls13(hs.hkdf, exporterMasterSecret));
        hs.afterHandshake();
        hs.conn.handshakeComplete();
        return new ClientConnected();
    }

    /** RFC 8446 section 4.4.2 / 4.4.3: our certificate (or an empty one) and its CertificateVerify. */
    private void sendClientCertificate(ClientHandshake hs) {
        List<SignatureScheme> offered = hs.session.peerSignatureSchemes(); // the CertificateRequest's (see ExpectCertificateOrRequest)
        List<SignatureScheme> usable = SignatureSchemePolicy.common(hs.config.signatureSchemes(), offered);
        CertificateAuthoritiesExtension cas = certificateRequest.extensions().get(CertificateAuthoritiesExtension.class);
        List<X500Principal> issuers = cas == null ? List.of() : DistinguishedNames.principals(cas.distinguishedNames());
        Credential credential = usable.isEmpty() ? null
                : hs.callbacks.chooseClientCredential(usable, issuers, hs.session);
        SignatureScheme scheme = credential == null ? null
                : SignatureSchemePolicy.choose(hs.config.signatureSchemes(), offered, credential.privateKey(), hs.crypto);
        if (credential == null || scheme == null) {
            hs.send(new CertificateMessage(certificateRequest.requestContext(), List.of()));
            hs.step("Client Certificate: none available, sent an empty Certificate");
            return;
        }
        CertificateMessage certificate = new CertificateMessage(certificateRequest.requestContext(),
                entries(credential.chain()));
        hs.send(hs.config.certificateCompression().forPeer(certificate, certificateRequest.extensions())); // RFC 8879
        hs.session.setLocalCertificates(credential.chain());
        byte[] content = CertificateVerifyContent.of(false, hs.transcript.current());
        byte[] signature = hs.crypto.sign(scheme, credential.privateKey(), content);
        hs.send(new CertificateVerify(scheme.code(), signature));
        if (hs.observed()) {
            hs.step("Client Certificate " + credential.chain().get(0).getSubjectX500Principal().getName()
                    + " and CertificateVerify (" + scheme.rfcName() + ") sent");
        }
    }

    static List<CertificateEntry> entries(List<X509Certificate> chain) {
        List<CertificateEntry> out = new ArrayList<>(chain.size());
        for (X509Certificate c : chain) {
            try {
                out.add(new CertificateEntry(c.getEncoded(), Extensions.EMPTY));
            } catch (CertificateEncodingException e) {
                throw TlsAlertException.internalError("Cannot encode our certificate", e);
            }
        }
        return out;
    }
}
