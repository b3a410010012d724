package dev.customtls.core.server;

import dev.customtls.core.connection.Credential;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.ServerKeyShare;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.CertificateAuthoritiesExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.RecordSizeLimitExtension;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SignatureAlgorithmsCertExtension;
import dev.customtls.core.extension.StatusRequestExtension;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.extension.SupportedVersionsServerHello;
import dev.customtls.core.handshake.CertificateVerifyContent;
import dev.customtls.core.handshake.DistinguishedNames;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.keyschedule.EarlySecret;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.keyschedule.MasterSecret;
import dev.customtls.core.keyschedule.TrafficSecrets;
import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.CertificateRequest;
import dev.customtls.core.message.CertificateStatus;
import dev.customtls.core.message.CertificateVerify;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.EncryptedExtensions;
import dev.customtls.core.message.Finished;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.record.RecordFragmenter;
import dev.customtls.core.record.RecordHeader;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server's first flight after an acceptable ClientHello (RFC 8446 section 2): ServerHello,
 * EncryptedExtensions, CertificateRequest if configured, Certificate, CertificateVerify, Finished; one
 * method per message.
 */
final class ServerFlight {
    private final ServerHandshake hs;
    private final CipherSuite suite;
    private final List<SignatureScheme> clientSchemes;
    private final KeyShareEntry clientShare;
    private final String alpn;
    private final boolean afterRetry;

    ServerFlight(ServerHandshake hs, CipherSuite suite, List<SignatureScheme> clientSchemes, KeyShareEntry clientShare,
                 String alpn, boolean afterRetry) {
        this.hs = hs;
        this.suite = suite;
        this.clientSchemes = clientSchemes;
        this.clientShare = clientShare;
        this.alpn = alpn;
        this.afterRetry = afterRetry;
    }

    /** An accepted PSK (RFC 8446 section 2.2): no certificate messages; maybe 0-RTT. */
    private PskAcceptance psk;
    private byte[] clientEarlyTrafficSecret;
    private byte[] clientHelloHash;

    ServerFlight withPsk(PskAcceptance accepted) {
        this.psk = accepted;
        return this;
    }

    ServerState send(ClientHello ch) {
        if (psk != null) {
            clientHelloHash = hs.transcript.current();
            return sendResumed(ch);
        }
        // Choose the certificate before anything is sent, so a failure costs no key agreement.
        List<SignatureScheme> usable = SignatureSchemePolicy.common(hs.config.signatureSchemes(), clientSchemes);
        Credential credential = usable.isEmpty() ? null : hs.callbacks.chooseServerCredential(usable, hs.session);
        SignatureScheme scheme = credential == null ? null
                : SignatureSchemePolicy.choose(hs.config.signatureSchemes(), clientSchemes, credential.privateKey(), hs.crypto);
        if (scheme == null) {
            throw TlsAlertException.handshakeFailure("No certificate of this server can sign with a scheme the client "
                    + "accepts (client offers " + clientSchemes + ")");
        }
        byte[] staple = stapledStatus(ch, credential);
        NamedGroup group = NamedGroup.fromCode(clientShare.group());
        ServerKeyShare ours = hs.crypto.respondToKeyShare(group, clientShare.keyExchange());
        byte[] shared = ours.sharedSecret();

        sendServerHello(ch, ours);
        deriveHandshakeKeys(shared);
        if (ch.legacySessionId().length > 0 && !afterRetry) {
            hs.conn.queueChangeCipherSpec();
        }
        hs.session.setProtocol(ProtocolVersion.TLS13);
        hs.session.setCipherSuite(suite);
        hs.session.setNamedGroup(group);
        hs.session.setId(hs.randomBytes(32));
        hs.session.setApplicationProtocol(alpn == null ? "" : alpn);
        if (hs.observed()) {
            hs.step("ServerHello sent: TLSv1.3, " + suite.jsseName() + ", key exchange " + group.rfcName()
                    + "; handshake traffic keys installed");
        }

        sendEncryptedExtensions(ch);
        boolean requestCertificate = hs.config.clientAuth() != TlsConfig.ClientAuth.NONE;
        boolean compressionOffered = requestCertificate && sendCertificateRequest();
        sendCertificate(credential, staple, ch.extensions());
        sendCertificateVerify(credential, scheme);
        sendFinished();
        return requestCertificate ? new ExpectClientCertificate(compressionOffered) : new ExpectClientFinished();
    }

    /**
     * RFC 8446 section 2.2: the resumed flight is ServerHello (with pre_shared_key), EncryptedExtensions
     * (with early_data when 0-RTT is accepted) and Finished; the session is the original one.
     */
    private ServerState sendResumed(ClientHello ch) {
        NamedGroup group = NamedGroup.fromCode(clientShare.group());
        ServerKeyShare ours = hs.crypto.respondToKeyShare(group, clientShare.keyExchange());
        byte[] shared = ours.sharedSecret();
        sendServerHello(ch, ours);
        deriveHandshakeKeys(shared);
        if (ch.legacySessionId().length > 0 && !afterRetry) {
            hs.conn.queueChangeCipherSpec();
        }
        if (psk.earlyData()) {
            hs.conn.acceptEarlyData(suite, hs.hkdf, clientEarlyTrafficSecret, psk.state().maxEarlyData());
        }
        if (clientEarlyTrafficSecret != null) {
            Arrays.fill(clientEarlyTrafficSecret, (byte) 0);
        }
        hs.session.setProtocol(ProtocolVersion.TLS13);
        hs.session.setCipherSuite(suite);
        hs.session.setNamedGroup(group);
        hs.session.setApplicationProtocol(alpn == null ? "" : alpn);
        hs.session.setResumed(true);
        hs.session.setId(hs.randomBytes(32)); // a new id and the original creation time, as SunJSSE
        hs.session.setCreationTime(psk.state().sessionCreationTime());
        if (!psk.state().peerCertificates().isEmpty()) {
            hs.session.setPeerCertificates(dev.customtls.core.handshake.PeerCertificateDecoder.decode(
                    psk.state().peerCertificates(), hs.config.limits().maxCertificateChainLength()));
        }
        if (hs.observed()) {
            hs.step("ServerHello sent: TLSv1.3 resumption (PSK identity " + psk.index() + "), " + suite.jsseName()
                    + ", key exchange " + group.rfcName() + (psk.earlyData() ? "; early data accepted" : ""));
        }
        sendEncryptedExtensions(ch);
        sendFinished();
        return psk.earlyData() ? new ExpectEndOfEarlyData() : new ExpectClientFinished();
    }

    private void sendServerHello(ClientHello ch, ServerKeyShare ours) {
        // key_share before supported_versions, as in the RFC 8448 traces (the order carries no meaning);
        // pre_shared_key last, as in the RFC 8448 resumed trace.
        List<Extension> list = new ArrayList<>(List.of(
                ExpectClientHello.serverShare(ours),
                new SupportedVersionsServerHello(ProtocolVersion.TLS13.code())));
        if (psk != null) {
            list.add(new dev.customtls.core.extension.PreSharedKeyServerHello(psk.index()));
        }
        Extensions ext = Extensions.of(list);
        hs.send(new ServerHello(ProtocolVersion.TLS12.code(), hs.randomBytes(32), ch.legacySessionId(), suite.code(), 0, ext));
    }

    /** RFC 8446 section 7.1. */
    private void deriveHandshakeKeys(byte[] shared) {
        hs.suite = suite;
        hs.hkdf = new Hkdf(hs.crypto, suite.hash());
        EarlySecret early = EarlySecret.derive(hs.hkdf, psk == null ? null : psk.psk());
        if (psk != null && psk.earlyData()) {
            // RFC 8446 section 7.1: client_early_traffic_secret over ClientHello, computed before the
            // ServerHello joined the transcript.
            clientEarlyTrafficSecret = early.clientEarlyTrafficSecret(clientHelloHash);
        }
        hs.handshakeSecret = early.handshakeSecret(shared);
        Arrays.fill(shared, (byte) 0);
        byte[] hash = hs.transcript.current();
        hs.clientHandshakeSecret = hs.handshakeSecret.clientHandshakeTrafficSecret(hash);
        byte[] serverSecret = hs.handshakeSecret.serverHandshakeTrafficSecret(hash);
        hs.conn.setWriteKeys(suite, hs.hkdf, serverSecret, false);
        hs.conn.setReadKeys(suite, hs.hkdf, hs.clientHandshakeSecret, false);
        serverHandshakeSecret = serverSecret;
    }

    private byte[] serverHandshakeSecret;

    /**
     * RFC 8446 section 4.3.1. Besides the answers to the client's server_name and ALPN, it carries:
     * <ul>
     *   <li>supported_groups: our enabled groups in preference order (RFC 8446 section 4.2.7 lets a server
     *       tell the client, which may use them for later key shares; SunJSSE and NSS send them too);</li>
     *   <li>record_size_limit, only when the client sent one (RFC 8449 section 4): our limit, 2^14 + 1 (the
     *       inner content type included); the client's limit then bounds every protected record we send,
     *       starting with this one.</li>
     * </ul>
     */
    private void sendEncryptedExtensions(ClientHello ch) {
        List<Extension> ext = new ArrayList<>();
        List<Integer> groups = new ArrayList<>(hs.config.namedGroups().size());
        for (NamedGroup g : hs.config.namedGroups()) {
            groups.add(g.code());
        }
        if (!groups.isEmpty()) {
            ext.add(new SupportedGroupsExtension(groups));
        }
        RecordSizeLimitExtension clientLimit = ch.extensions().get(RecordSizeLimitExtension.class);
        if (clientLimit != null) {
            hs.conn.setMaxFragment(RecordFragmenter.maxFragment(ProtocolVersion.TLS13, clientLimit.limit()));
            ext.add(new RecordSizeLimitExtension(RecordHeader.MAX_PLAINTEXT + 1));
        }
        if (!hs.session.requestedServerNames().isEmpty()) {
            ext.add(new ServerNameExtension(List.of()));
        }
        if (alpn != null && !alpn.isEmpty()) {
            ext.add(new AlpnExtension(List.of(alpn)));
        }
        if (psk != null && psk.earlyData()) {
            ext.add(dev.customtls.core.extension.EarlyDataExtension.INDICATION);
        }
        hs.send(new EncryptedExtensions(Extensions.of(ext)));
    }

    /**
     * RFC 8446 section 4.3.2: the schemes we accept, and the CAs our trust manager accepts when they fit in one
     * certificate_authorities extension (section 4.2.4), as SunJSSE sends them.
     */
    private boolean sendCertificateRequest() {
        List<Extension> ext = new ArrayList<>();
        ext.add(new SignatureAlgorithmsExtension(SignatureSchemePolicy.toCodes(hs.config.signatureSchemes())));
        if (!hs.config.certSignatureSchemes().isEmpty()) {
            ext.add(new SignatureAlgorithmsCertExtension(SignatureSchemePolicy.toCodes(hs.config.certSignatureSchemes())));
        }
        List<byte[]> issuers = hs.callbacks.acceptedIssuers();
        if (!issuers.isEmpty() && DistinguishedNames.fit(issuers, DistinguishedNames.TLS13_LIST_LIMIT)) {
            ext.add(new CertificateAuthoritiesExtension(issuers)); // RFC 8446 section 4.2.4
        }
        if (hs.config.certificateCompression().isEnabled()) {
            ext.add(hs.config.certificateCompression().extension()); // RFC 8879 section 3
        }
        hs.config.disabledExtensions().removeFrom(ext); // jdk.tls.server.disableExtensions
        Extensions sent = Extensions.of(ext);
        hs.send(new CertificateRequest(new byte[0], sent));
        return sent.has(ExtensionType.COMPRESS_CERTIFICATE);
    }

    /**
     * RFC 6066 section 8 and RFC 8446 section 4.4.2.1: when the client's status_request asks for OCSP, the
     * response our environment has for the end-entity certificate (null: none, or not asked).
     */
    private byte[] stapledStatus(ClientHello ch, Credential credential) {
        if (!CertificateStatus.requestedIn(ch)) {
            return null;
        }
        byte[] response = hs.callbacks.certificateStatus(credential.chain());
        if (hs.observed()) {
            hs.step(response == null ? "The client asked for OCSP stapling; no response to staple"
                    : "OCSP response of " + response.length + " bytes stapled to the certificate");
        }
        return response;
    }

    /**
     * RFC 8446 section 4.4.2; a stapled OCSP response goes into the end-entity's entry (section 4.4.2.1).
     * Compressed (RFC 8879) when the client's {@code compress_certificate} names an algorithm we have.
     */
    private void sendCertificate(Credential credential, byte[] staple, Extensions clientExtensions) {
        List<CertificateEntry> entries = new ArrayList<>(credential.chain().size());
        for (X509Certificate c : credential.chain()) {
            Extensions ext = staple != null && entries.isEmpty()
                    ? Extensions.of(List.of(new StatusRequestExtension(new CertificateStatus(staple).encodeAsExtensionData())))
                    : Extensions.EMPTY;
            try {
                entries.add(new CertificateEntry(hs.callbacks.encodeCertificate(c), ext));
            } catch (CertificateEncodingException e) {
                throw TlsAlertException.internalError("Cannot encode our certificate", e);
            }
        }
        CertificateMessage certificate = new CertificateMessage(new byte[0], entries);
        hs.send(hs.config.certificateCompression().forPeer(certificate, clientExtensions));
        hs.session.setLocalCertificates(credential.chain());
    }

    private void sendCertificateVerify(Credential credential, SignatureScheme scheme) {
        byte[] content = CertificateVerifyContent.of(true, hs.transcript.current());
        byte[] signature = hs.crypto.sign(scheme, credential.privateKey(), content);
        hs.send(new CertificateVerify(scheme.code(), signature));
        if (hs.observed()) {
            hs.step("Certificate " + credential.chain().get(0).getSubjectX500Principal().getName()
                    + " and CertificateVerify (" + scheme.rfcName() + ") sent");
        }
    }

    /** RFC 8446 section 4.4.4, then the application traffic secrets (section 7.1). */
    private void sendFinished() {
        byte[] verifyData = TrafficSecrets.verifyData(hs.hkdf, serverHandshakeSecret, hs.transcript.current());
        hs.send(new Finished(verifyData));
        byte[] hash = hs.transcript.current();
        MasterSecret master = hs.handshakeSecret.masterSecret();
        byte[] serverApp = master.serverApplicationTrafficSecret(hash);
        hs.clientApplicationSecret = master.clientApplicationTrafficSecret(hash);
        hs.exporterMasterSecret = master.exporterMasterSecret(hash);
        hs.masterSecret = master;
        hs.conn.setWriteKeys(suite, hs.hkdf, serverApp, true);
        Arrays.fill(serverApp, (byte) 0);
        Arrays.fill(serverHandshakeSecret, (byte) 0);
        hs.step("Server Finished sent; server application traffic keys installed");
    }
}
