package dev.customtls.core.client.tls12;

import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.HandshakeDriver;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.EcPointFormatsExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.RenegotiationInfoExtension;
import dev.customtls.core.extension.StatusRequestExtension;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.handshake.Tls12Transcript;
import dev.customtls.core.keyschedule.KeyingMaterialExporter;
import dev.customtls.core.keyschedule.Tls12KeyBlock;
import dev.customtls.core.keyschedule.Tls12Prf;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.Finished;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.message.Tls12MessageDecoder;
import dev.customtls.core.session.Tls12SessionState;
import dev.customtls.core.session.Tls12SessionStore;
import dev.customtls.core.session.TlsSession;

import java.security.MessageDigest;
import java.util.Set;

/**
 * The TLS 1.2 client handshake (RFC 5246 section 7.3), entered from the version-neutral ServerHello state
 * when the server selected TLS 1.2: owns the TLS 1.2 states and the data they share. Full handshakes with
 * ECDHE (RFC 8422) or RSA key exchange, the extended master secret (RFC 7627), secure renegotiation
 * signalling (RFC 5746, but never renegotiation itself) and resumption by session id or ticket (RFC 5077).
 */
public final class Tls12ClientHandshake implements HandshakeDriver {
    /** Extensions a TLS 1.2 ServerHello may carry in answer to our ClientHello (RFC 5246 section 7.4.1.4). */
    private static final Set<Integer> ANSWERABLE = Set.of(ExtensionType.SERVER_NAME, ExtensionType.EXTENDED_MASTER_SECRET,
            ExtensionType.RENEGOTIATION_INFO, ExtensionType.EC_POINT_FORMATS, ExtensionType.SESSION_TICKET,
            ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionType.STATUS_REQUEST);

    final TlsConnection conn;
    final TlsConfig config;
    final TlsCrypto crypto;
    final ConnectionCallbacks callbacks;
    final TlsSession session;
    final Tls12Transcript transcript;
    final dev.customtls.core.connection.HandshakeIo io;
    final ClientHello clientHello;
    final Tls12SessionState offered;
    final Tls12SessionStore store;

    byte[] serverRandom;
    CipherSuite suite;
    Tls12Prf prf;
    boolean extendedMasterSecret;
    boolean ticketExpected;
    /** The server acknowledged status_request: a CertificateStatus may follow its Certificate (RFC 6066 section 8). */
    boolean certificateStatusExpected;
    byte[] masterSecret;
    Tls12KeyBlock keyBlock;
    byte[] sessionId;
    /** RFC 5077 section 3.3: the ticket from this handshake's NewSessionTicket, or null. */
    byte[] pendingTicket;
    long pendingTicketLifetime;
    private Tls12ClientState state;

    /**
     * @param clientHello the ClientHello we sent (re-encoded for the transcript: encoding is deterministic)
     * @param offered the TLS 1.2 session the ClientHello offered to resume (by id or ticket), or null
     */
    public Tls12ClientHandshake(TlsConnection conn, ConnectionCallbacks callbacks, ClientHello clientHello,
                                Tls12SessionState offered) {
        this.conn = conn;
        this.config = conn.config();
        this.crypto = conn.crypto();
        this.callbacks = callbacks;
        this.session = conn.session();
        this.transcript = new Tls12Transcript(crypto);
        this.io = new dev.customtls.core.connection.HandshakeIo(conn, transcript::add);
        this.clientHello = clientHello;
        this.offered = offered;
        this.store = conn.tls12SessionStore();
        transcript.add(clientHello.encode());
    }

    /**
     * RFC 5246 section 7.4.1.3: checks a ServerHello that selected TLS 1.2 and enters the TLS 1.2 states.
     * The caller has checked the version and the downgrade sentinel (RFC 8446 section 4.1.3).
     */
    public void serverHello(ServerHello sh, HandshakeFrame frame) {
        CipherSuite chosen = CipherSuite.fromCode(sh.cipherSuite());
        if (chosen == null || chosen.isTls13() || !config.cipherSuites().contains(chosen)
                || !clientHello.cipherSuites().contains(sh.cipherSuite())) {
            throw TlsAlertException.illegalParameter(String.format(
                    "The server selected cipher suite 0x%04x, which the client did not offer for TLS 1.2", sh.cipherSuite()));
        }
        if (sh.legacyCompressionMethod() != 0) {
            throw TlsAlertException.illegalParameter("ServerHello selected a compression method the client did not offer");
        }
        checkExtensions(sh);
        conn.useTls12();
        received(sh, frame);
        suite = chosen;
        prf = new Tls12Prf(crypto, suite.hash());
        serverRandom = sh.random();
        sessionId = sh.legacySessionIdEcho();
        extendedMasterSecret = sh.extensions().has(ExtensionType.EXTENDED_MASTER_SECRET);
        ticketExpected = sh.extensions().has(ExtensionType.SESSION_TICKET);
        certificateStatusExpected = sh.extensions().has(ExtensionType.STATUS_REQUEST);
        AlpnExtension alpn = sh.extensions().get(AlpnExtension.class);
        session.setProtocol(dev.customtls.core.constants.ProtocolVersion.TLS12);
        session.setCipherSuite(suite);
        session.setLocalSignatureSchemes(config.signatureSchemes());
        session.setApplicationProtocol(alpn == null ? "" : alpn.protocols().get(0));
        if (isResumption(sh)) {
            resume();
            return;
        }
        if (!extendedMasterSecret && config.extendedMasterSecret() == TlsConfig.ExtendedMasterSecret.REQUIRED) {
            // RFC 7627 section 5.2: a client that does not want legacy servers aborts the full handshake.
            throw TlsAlertException.handshakeFailure("The server does not use the extended master secret (RFC 7627), "
                    + "which this client requires (jdk.tls.allowLegacyMasterSecret=false)");
        }
        if (offered != null && store != null) {
            store.removeForPeer(session.peerHost(), session.peerPort());
        }
        session.setId(sessionId);
        step("ServerHello: TLSv1.2, " + suite.jsseName() + (extendedMasterSecret ? ", extended master secret" : "")
                + (ticketExpected ? ", session ticket to come" : ""));
        state = new ExpectCertificate();
    }

    /** RFC 5246 section 7.4.1.3 / RFC 5077 section 3.4: the server echoed the session we offered. */
    private boolean isResumption(ServerHello sh) {
        if (offered == null || sh.legacySessionIdEcho().length == 0
                || !MessageDigest.isEqual(sh.legacySessionIdEcho(), clientHello.legacySessionId())) {
            return false;
        }
        if (offered.suite() != suite) {
            throw TlsAlertException.illegalParameter("The server resumed the session with a different cipher suite");
        }
        // RFC 7627 section 5.3: the EMS state of a resumed session must not change.
        if (offered.extendedMasterSecret() != extendedMasterSecret) {
            throw TlsAlertException.handshakeFailure("The server resumed a session with a different extended master secret use");
        }
        return true;
    }

    /** RFC 5246 section 7.3 figure 2: the abbreviated handshake; the server's CCS and Finished come next. */
    private void resume() {
        masterSecret = offered.masterSecret();
        keyBlock = Tls12KeyBlock.derive(prf, masterSecret, serverRandom, clientHello.random(), suite.aead());
        session.setResumed(true);
        session.setId(offered.sessionId().length > 0 ? offered.sessionId() : sessionId);
        session.setPeerCertificates(offered.peerCertificates());
        session.setLocalCertificates(offered.localCertificates());
        step("ServerHello: TLSv1.2 session resumed (" + suite.jsseName() + "); no certificates exchanged");
        if (ticketExpected) {
            state = new ExpectNewSessionTicket(true);
        } else {
            expectServerChangeCipherSpec();
            state = new ExpectFinished(true);
        }
    }

    /**
     * RFC 5246 section 7.4.1.4: only extensions we offered may come back (unsupported_extension); RFC 5746
     * section 3.4: renegotiation_info must be empty on an initial handshake (handshake_failure); RFC 8422
     * section 5.2: ec_point_formats must include uncompressed; RFC 7301 section 3.1: exactly one ALPN
     * protocol, one we offered.
     */
    private void checkExtensions(ServerHello sh) {
        for (Extension e : sh.extensions().list()) {
            // RFC 5746 section 3.4: the signalling suite asks for renegotiation_info as the extension does.
            boolean offered = clientHello.extensions().has(e.type()) || e.type() == ExtensionType.RENEGOTIATION_INFO
                    && clientHello.cipherSuites().contains(CipherSuite.EMPTY_RENEGOTIATION_INFO_SCSV);
            if (!ANSWERABLE.contains(e.type()) || !offered) {
                throw TlsAlertException.fatal(AlertDescription.UNSUPPORTED_EXTENSION, "ServerHello contains extension "
                        + ExtensionType.name(e.type()) + " that the client did not offer");
            }
        }
        RenegotiationInfoExtension ri = sh.extensions().get(RenegotiationInfoExtension.class);
        if (ri != null && ri.renegotiatedConnection().length != 0) {
            throw TlsAlertException.handshakeFailure("Non-empty renegotiation_info on an initial handshake");
        }
        EcPointFormatsExtension pf = sh.extensions().get(EcPointFormatsExtension.class);
        if (pf != null && !pf.formats().contains(EcPointFormatsExtension.UNCOMPRESSED)) {
            throw TlsAlertException.illegalParameter("The server does not accept uncompressed EC points");
        }
        StatusRequestExtension status = sh.extensions().get(StatusRequestExtension.class);
        if (status != null && status.data().length != 0) {
            throw TlsAlertException.decodeError("The server's status_request in ServerHello is not empty");
        }
        AlpnExtension alpn = sh.extensions().get(AlpnExtension.class);
        if (alpn != null && (alpn.protocols().size() != 1 || !config.applicationProtocols().contains(alpn.protocols().get(0)))) {
            throw TlsAlertException.illegalParameter("The server selected an application protocol the client did not offer");
        }
    }

    /** Installs the server's pending read state: its change_cipher_spec is accepted from now on only. */
    void expectServerChangeCipherSpec() {
        conn.expectChangeCipherSpec(suite.aead(), keyBlock.writeKey(false), keyBlock.writeIv(false));
    }

    /** Sends our change_cipher_spec and Finished (RFC 5246 sections 7.1 and 7.4.9). */
    void sendChangeCipherSpecAndFinished() {
        conn.changeWriteCipherSpec(suite.aead(), keyBlock.writeKey(true), keyBlock.writeIv(true));
        byte[] verifyData = prf.verifyData(masterSecret, true, transcript.hash(suite.hash()));
        send(new Finished(verifyData));
    }

    /** RFC 5246 section 7.4.9: checks the server's Finished; decrypt_error when it is wrong. */
    void checkServerFinished(Finished fin) {
        byte[] expected = prf.verifyData(masterSecret, false, transcript.hash(suite.hash()));
        HandshakeSupport.checkFinished(expected, fin.verifyData(), "server");
    }

    /**
     * The handshake is complete: remember the session (only with an extended master secret, RFC 7627
     * section 5.3, so that a resumption can never be the triple-handshake kind) and report it.
     */
    void complete() {
        keyBlock.destroy();
        session.setExporter(KeyingMaterialExporter.tls12(prf, masterSecret, clientHello.random(), serverRandom,
                extendedMasterSecret));
        conn.handshakeComplete();
        if (store != null && !session.isResumed() && extendedMasterSecret && (sessionId.length > 0 || pendingTicket != null)) {
            store.storeForPeer(session.peerHost(), session.peerPort(), sessionState());
        } else if (store != null && session.isResumed() && pendingTicket != null) {
            store.storeForPeer(session.peerHost(), session.peerPort(),
                    offered.withTicket(pendingTicket, pendingTicketLifetime));
        }
        step("Handshake complete (TLSv1.2" + (session.isResumed() ? ", resumed" : "") + ")");
    }

    private Tls12SessionState sessionState() {
        String sni = config.serverNames().isEmpty() ? "" : config.serverNames().get(0);
        return new Tls12SessionState(sessionId, suite, masterSecret, extendedMasterSecret, session.peerCertificates(),
                session.localCertificates(), session.applicationProtocol() == null ? "" : session.applicationProtocol(),
                sni, System.currentTimeMillis(), pendingTicket == null ? new byte[0] : pendingTicket, pendingTicketLifetime);
    }

    /** Decodes {@code frame} as the TLS 1.2 message a state expects; unexpected_message otherwise. */
    <T extends HandshakeMessage> T expect(HandshakeFrame frame, int type, Class<T> messageClass, String stateName) {
        if (frame.type() != type) {
            throw TlsAlertException.unexpectedMessage("Received " + HandshakeType.name(frame.type())
                    + " while expecting " + HandshakeType.name(type) + " (" + stateName + ")");
        }
        return messageClass.cast(decode(frame));
    }

    HandshakeMessage decode(HandshakeFrame frame) {
        return Tls12MessageDecoder.decode(frame.type(), frame.raw(), HandshakeFrame.BODY_OFFSET, frame.length(),
                suite == null ? null : suite.keyExchange());
    }

    void send(HandshakeMessage message) {
        io.send(message);
    }

    void received(HandshakeMessage message, HandshakeFrame frame) {
        io.received(message, frame);
    }

    void step(String description) {
        io.step(description);
    }

    byte[] randomBytes(int n) {
        return io.randomBytes(n);
    }

    @Override
    public void start() {
        // Entered after the ServerHello; nothing to start.
    }

    /**
     * RFC 5246 section 7.4.1.1: a HelloRequest during the handshake is ignored; it never enters the
     * transcript.
     */
    @Override
    public void handle(HandshakeFrame frame) {
        if (frame.type() == HandshakeType.HELLO_REQUEST && !(state instanceof Connected)) {
            decode(frame);
            return;
        }
        state = state.handle(this, frame);
    }

    @Override
    public void handlePostHandshake(HandshakeFrame frame) {
        state = state.handle(this, frame);
    }

    @Override
    public boolean isExpensive(HandshakeFrame frame) {
        return switch (frame.type()) {
            case HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.SERVER_HELLO_DONE -> true;
            default -> false;
        };
    }
}
