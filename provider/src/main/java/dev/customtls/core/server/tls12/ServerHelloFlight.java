package dev.customtls.core.server.tls12;

import dev.customtls.core.connection.Credential;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.EcPointFormatsExtension;
import dev.customtls.core.extension.ExtendedMasterSecretExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.RenegotiationInfoExtension;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SessionTicketExtension;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.StatusRequestExtension;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.handshake.DistinguishedNames;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.handshake.Tls12SignaturePolicy;
import dev.customtls.core.keyschedule.Tls12KeyBlock;
import dev.customtls.core.keyschedule.Tls12Prf;
import dev.customtls.core.message.CertificateStatus;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.message.ServerHelloDone;
import dev.customtls.core.message.ServerKeyExchange;
import dev.customtls.core.message.Tls12Certificate;
import dev.customtls.core.message.Tls12CertificateRequest;
import dev.customtls.core.session.Tls12SessionState;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to a TLS 1.2 ClientHello (RFC 5246 section 7.3): either the full first flight
 * (ServerHello, Certificate, [ServerKeyExchange], [CertificateRequest], ServerHelloDone) or, when a
 * cached session or a ticket is resumed, ServerHello, [NewSessionTicket], ChangeCipherSpec, Finished.
 * One method per RFC step.
 */
final class ServerHelloFlight {
    private final Tls12ServerHandshake hs;
    private final Map<String, Credential> credentials = new HashMap<>();
    private List<SignatureScheme> clientSchemes = List.of();
    private SignatureScheme scheme;
    private NamedGroup group;
    /** The OCSP response stapled to our certificate (RFC 6066 section 8), or null. */
    private byte[] staple;

    ServerHelloFlight(Tls12ServerHandshake hs) {
        this.hs = hs;
    }

    Tls12ServerState answer(ClientHello ch, HandshakeFrame frame) {
        hs.clientHello = ch;
        checkCompression(ch);
        checkRenegotiationInfo(ch);
        checkPointFormats(ch);
        SignatureAlgorithmsExtension sa = ch.extensions().get(SignatureAlgorithmsExtension.class);
        clientSchemes = sa == null ? List.of() : SignatureSchemePolicy.fromCodes(sa.schemes());
        hs.session.setPeerSignatureSchemes(clientSchemes);
        hs.session.setLocalSignatureSchemes(hs.config.signatureSchemes());
        serverName(ch);
        hs.received(ch, frame);
        hs.extendedMasterSecret = extendedMasterSecret(ch);
        SessionTicketExtension ticketExt = ch.extensions().get(SessionTicketExtension.class);
        hs.issueTicket = ticketExt != null && hs.store != null && hs.store.ticketSealer() != null;
        Tls12SessionState resumable = findResumable(ch, ticketExt);
        String alpn = hs.callbacks.selectApplicationProtocol(alpnOffer(ch), hs.session);
        hs.session.setApplicationProtocol(alpn == null ? "" : alpn);
        hs.serverRandom = hs.serverRandom();
        hs.session.setProtocol(ProtocolVersion.TLS12);
        if (resumable != null) {
            return resume(ch, resumable, alpn);
        }
        chooseSuite(ch);
        hs.prf = new Tls12Prf(hs.crypto, hs.suite.hash());
        hs.session.setCipherSuite(hs.suite);
        hs.sessionId = hs.store != null ? hs.randomBytes(32) : new byte[0];
        hs.session.setId(hs.sessionId);
        staple = stapledStatus(ch);
        sendServerHello(ch, hs.sessionId, alpn);
        sendCertificate();
        if (staple != null) {
            hs.send(new CertificateStatus(staple));
        }
        if (hs.suite.keyExchange() != CipherSuite.KeyExchangeKind.RSA) {
            sendServerKeyExchange();
        }
        boolean requestCertificate = hs.config.clientAuth() != TlsConfig.ClientAuth.NONE;
        if (requestCertificate) {
            sendCertificateRequest();
        }
        hs.send(new ServerHelloDone());
        hs.step("ServerHello: TLSv1.2, " + hs.suite.jsseName() + (group != null ? ", key exchange " + group.rfcName() : "")
                + (hs.extendedMasterSecret ? ", extended master secret" : "") + "; first flight sent");
        return requestCertificate ? new ExpectClientCertificate() : new ExpectClientKeyExchange(null);
    }

    /** RFC 5246 section 7.4.1.2: the client must offer the null compression method. */
    private static void checkCompression(ClientHello ch) {
        for (byte b : ch.legacyCompressionMethods()) {
            if (b == 0) {
                return;
            }
        }
        throw TlsAlertException.illegalParameter("The ClientHello does not offer the null compression method");
    }

    /**
     * RFC 5746 section 3.6: an initial ClientHello carries an empty renegotiation_info or the SCSV; a
     * non-empty one is handshake_failure. Neither (a legacy client) is accepted, as SunJSSE does by default.
     */
    private static void checkRenegotiationInfo(ClientHello ch) {
        RenegotiationInfoExtension ri = ch.extensions().get(RenegotiationInfoExtension.class);
        if (ri != null && ri.renegotiatedConnection().length != 0) {
            throw TlsAlertException.handshakeFailure("Non-empty renegotiation_info in an initial ClientHello");
        }
    }

    /** RFC 8422 section 5.1.2: if ec_point_formats is sent, it must include uncompressed. */
    private static void checkPointFormats(ClientHello ch) {
        EcPointFormatsExtension pf = ch.extensions().get(EcPointFormatsExtension.class);
        if (pf != null && !pf.formats().contains(EcPointFormatsExtension.UNCOMPRESSED)) {
            throw TlsAlertException.illegalParameter("The client does not accept uncompressed EC points");
        }
    }

    private void serverName(ClientHello ch) {
        ServerNameExtension sni = ch.extensions().get(ServerNameExtension.class);
        if (sni == null) {
            hs.session.setRequestedServerNames(List.of());
            return;
        }
        hs.session.setRequestedServerNames(sni.hostNames());
        for (String name : sni.hostNames()) {
            if (!hs.callbacks.acceptServerName(name)) {
                throw TlsAlertException.fatal(AlertDescription.UNRECOGNIZED_NAME, "Server name '" + name + "' not recognized");
            }
        }
    }

    private static List<String> alpnOffer(ClientHello ch) {
        AlpnExtension alpn = ch.extensions().get(AlpnExtension.class);
        return alpn == null ? List.of() : alpn.protocols();
    }

    /**
     * RFC 5077 section 3.4 (a ticket) or RFC 5246 section 7.4.1.2 (a session id): a session we may resume.
     * RFC 7627 section 5.3: only sessions with an extended master secret, and only when the client offers
     * it again; a suite the client still offers and we still enable; the same server name; and a client
     * certificate when one is required.
     */
    private Tls12SessionState findResumable(ClientHello ch, SessionTicketExtension ticketExt) {
        if (hs.store == null || !hs.extendedMasterSecret) {
            return null;
        }
        Tls12SessionState s = null;
        if (ticketExt != null && ticketExt.ticket().length > 0 && hs.store.ticketSealer() != null) {
            s = hs.store.ticketSealer().open(ticketExt.ticket(), ch.legacySessionId());
            if (s != null && s.isExpired(System.currentTimeMillis(), Tls12ServerHandshake.TICKET_LIFETIME_SECONDS)) {
                s = null;
            }
        }
        if (s == null && ch.legacySessionId().length > 0) {
            s = hs.store.findById(ch.legacySessionId());
        }
        if (s == null || !s.extendedMasterSecret() || !hs.isTls12Suite(s.suite())
                || !ch.cipherSuites().contains(s.suite().code())) {
            return null;
        }
        String sni = hs.session.requestedServerNames().isEmpty() ? "" : hs.session.requestedServerNames().get(0);
        if (!s.serverName().equalsIgnoreCase(sni)) {
            return null;
        }
        if (hs.config.clientAuth() == TlsConfig.ClientAuth.REQUIRED && s.peerCertificates().isEmpty()) {
            return null;
        }
        return s;
    }

    /** RFC 5246 section 7.3 figure 2: the abbreviated handshake. */
    private Tls12ServerState resume(ClientHello ch, Tls12SessionState s, String alpn) {
        hs.suite = s.suite();
        hs.prf = new Tls12Prf(hs.crypto, hs.suite.hash());
        hs.masterSecret = s.masterSecret();
        // A ticket resumption echoes the client's session id (RFC 5077 section 3.4).
        hs.sessionId = ch.legacySessionId();
        hs.session.setId(s.sessionId().length > 0 ? s.sessionId() : hs.sessionId);
        hs.session.setCipherSuite(hs.suite);
        hs.session.setResumed(true);
        hs.session.setPeerCertificates(s.peerCertificates());
        hs.session.setLocalCertificates(s.localCertificates());
        sendServerHello(ch, hs.sessionId, alpn);
        hs.keyBlock = Tls12KeyBlock.derive(hs.prf, hs.masterSecret, hs.serverRandom, ch.random(), hs.suite.aead());
        hs.step("ServerHello: TLSv1.2 session resumed (" + hs.suite.jsseName() + "); no certificates exchanged");
        hs.sendTicketChangeCipherSpecAndFinished();
        hs.expectClientChangeCipherSpec();
        return new ExpectClientFinished(true);
    }

    /**
     * Server preference (or the client's, without useCipherSuitesOrder) among the TLS 1.2 suites both
     * enable, for which we hold a suitable certificate and, for ECDHE, share a group and a signature scheme.
     */
    private void chooseSuite(ClientHello ch) {
        List<CipherSuite> candidates = new ArrayList<>();
        if (hs.config.useCipherSuitesOrder()) {
            for (CipherSuite s : hs.config.cipherSuites()) {
                if (hs.isTls12Suite(s) && ch.cipherSuites().contains(s.code())) {
                    candidates.add(s);
                }
            }
        } else {
            for (int code : ch.cipherSuites()) {
                CipherSuite s = CipherSuite.fromCode(code);
                if (hs.isTls12Suite(s)) {
                    candidates.add(s);
                }
            }
        }
        NamedGroup sharedGroup = chooseGroup(ch);
        for (CipherSuite s : candidates) {
            boolean ecdhe = s.keyExchange() != CipherSuite.KeyExchangeKind.RSA;
            if (ecdhe && sharedGroup == null) {
                continue;
            }
            String keyType = Tls12SignaturePolicy.serverKeyType(s);
            Credential c = credential(keyType, ecdhe);
            if (c == null) {
                continue;
            }
            SignatureScheme sig = null;
            if (ecdhe) {
                sig = Tls12SignaturePolicy.choose(hs.config.signatureSchemes(), clientSchemes, c.privateKey(), hs.crypto);
                if (sig == null) {
                    continue;
                }
            }
            hs.suite = s;
            hs.credential = c;
            scheme = sig;
            group = ecdhe ? sharedGroup : null;
            return;
        }
        throw TlsAlertException.handshakeFailure("No TLS 1.2 cipher suite in common with the client for which this "
                + "server has a certificate");
    }

    private Credential credential(String keyType, boolean signing) {
        String cacheKey = keyType + signing;
        if (credentials.containsKey(cacheKey)) {
            return credentials.get(cacheKey);
        }
        List<SignatureScheme> schemes = Tls12SignaturePolicy.forKeyType(hs.config.signatureSchemes(),
                signing ? clientSchemes : hs.config.signatureSchemes(), keyType);
        Credential c = schemes.isEmpty() ? null : hs.callbacks.chooseServerCredential(schemes, hs.session);
        if (c != null && !c.privateKey().getAlgorithm().equals(keyType)
                && !(keyType.equals("EC") && c.privateKey().getAlgorithm().equals("ECDSA"))) {
            c = null;
        }
        credentials.put(cacheKey, c);
        return c;
    }

    /** RFC 8422 section 5.1.1: our preferred ECDHE group among the client's supported_groups. */
    private NamedGroup chooseGroup(ClientHello ch) {
        SupportedGroupsExtension sg = ch.extensions().get(SupportedGroupsExtension.class);
        for (NamedGroup g : hs.config.namedGroups()) {
            if (g.isEcdhe() && hs.crypto.supportsGroup(g) && (sg == null ? g == NamedGroup.SECP256R1 : sg.groups().contains(g.code()))) {
                return g;
            }
        }
        return null;
    }

    /**
     * RFC 7627 section 5.3: the extended master secret is used when the client offers it (and it is not
     * disabled here); a server that requires it ends the handshake with a client that does not offer it.
     */
    private boolean extendedMasterSecret(ClientHello ch) {
        TlsConfig.ExtendedMasterSecret policy = hs.config.extendedMasterSecret();
        boolean offered = ch.extensions().has(ExtensionType.EXTENDED_MASTER_SECRET);
        if (!offered && policy == TlsConfig.ExtendedMasterSecret.REQUIRED) {
            throw TlsAlertException.handshakeFailure("The client does not offer the extended master secret (RFC 7627), "
                    + "which this server requires (jdk.tls.allowLegacyMasterSecret=false)");
        }
        return offered && policy != TlsConfig.ExtendedMasterSecret.DISABLED;
    }

    /** RFC 5246 section 7.4.1.3: extensions only in answer to the client's. */
    private void sendServerHello(ClientHello ch, byte[] sessionId, String alpn) {
        List<Extension> ext = new ArrayList<>();
        if (!hs.session.requestedServerNames().isEmpty() && !hs.session.isResumed()) {
            ext.add(new ServerNameExtension(List.of()));
        }
        if (ch.extensions().has(ExtensionType.RENEGOTIATION_INFO)
                || ch.cipherSuites().contains(CipherSuite.EMPTY_RENEGOTIATION_INFO_SCSV)) {
            ext.add(new RenegotiationInfoExtension(new byte[0]));
        }
        if (hs.extendedMasterSecret) {
            ext.add(ExtendedMasterSecretExtension.INSTANCE);
        }
        if (ch.extensions().has(ExtensionType.EC_POINT_FORMATS) && hs.suite.keyExchange() != CipherSuite.KeyExchangeKind.RSA) {
            ext.add(new EcPointFormatsExtension(List.of(EcPointFormatsExtension.UNCOMPRESSED)));
        }
        if (hs.issueTicket) {
            ext.add(new SessionTicketExtension(new byte[0]));
        }
        if (alpn != null && !alpn.isEmpty()) {
            ext.add(new AlpnExtension(List.of(alpn)));
        }
        if (staple != null) {
            ext.add(new StatusRequestExtension(new byte[0]));
        }
        // jdk.tls.server.disableExtensions: the others answer extensions already ignored; renegotiation_info may
        // answer the signalling suite.
        hs.config.disabledExtensions().removeFrom(ext);
        hs.send(new ServerHello(ProtocolVersion.TLS12.code(), hs.serverRandom, sessionId, hs.suite.code(), 0,
                Extensions.of(ext)));
    }

    /**
     * RFC 6066 section 8: when the client's status_request asks for OCSP, the response our environment has for
     * the end-entity certificate; the ServerHello then acknowledges status_request and a CertificateStatus
     * follows the Certificate. Null: nothing stapled, no acknowledgement (a server MAY decline).
     */
    private byte[] stapledStatus(ClientHello ch) {
        if (!CertificateStatus.requestedIn(ch)) {
            return null;
        }
        byte[] response = hs.callbacks.certificateStatus(hs.credential.chain());
        if (hs.observed()) {
            hs.step(response == null ? "The client asked for OCSP stapling; no response to staple"
                    : "OCSP response of " + response.length + " bytes stapled in a CertificateStatus");
        }
        return response;
    }

    private void sendCertificate() {
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate c : hs.credential.chain()) {
            try {
                der.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw TlsAlertException.internalError("Cannot encode our certificate", e);
            }
        }
        hs.send(new Tls12Certificate(der));
        hs.session.setLocalCertificates(hs.credential.chain());
    }

    /** RFC 8422 section 5.4: our ephemeral point, signed over both randoms and the params. */
    private void sendServerKeyExchange() {
        hs.keyShare = hs.crypto.generateKeyShare(group);
        hs.session.setNamedGroup(group);
        byte[] params = ServerKeyExchange.params(group.code(), hs.keyShare.publicKey());
        byte[] content = ServerKeyExchange.signedContent(hs.clientHello.random(), hs.serverRandom, params);
        byte[] signature = hs.crypto.sign(scheme, hs.credential.privateKey(), content);
        hs.send(new ServerKeyExchange(group.code(), hs.keyShare.publicKey(), scheme.code(), signature));
    }

    /**
     * RFC 5246 section 7.4.4: certificate types, our schemes, and the CAs our trust manager accepts (none when they
     * do not fit in the message's list, as SunJSSE does).
     */
    private void sendCertificateRequest() {
        List<Integer> schemes = new ArrayList<>();
        for (SignatureScheme s : hs.config.signatureSchemes()) {
            if ((s.isEcdsa() || s.keyAlgorithm().equals("RSA"))
                    && s != SignatureScheme.ECDSA_SHA1 && s != SignatureScheme.RSA_PKCS1_SHA1) {
                schemes.add(s.code());
            }
        }
        List<byte[]> issuers = hs.callbacks.acceptedIssuers();
        hs.send(new Tls12CertificateRequest(List.of(Tls12CertificateRequest.ECDSA_SIGN, Tls12CertificateRequest.RSA_SIGN),
                schemes, DistinguishedNames.fit(issuers, DistinguishedNames.TLS12_LIST_LIMIT) ? issuers : List.of()));
    }
}
