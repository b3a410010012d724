package dev.customtls.core.server.tls12;

import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.Credential;
import dev.customtls.core.connection.HandshakeDriver;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeSupport;
import dev.customtls.core.handshake.Tls12Transcript;
import dev.customtls.core.keyschedule.KeyingMaterialExporter;
import dev.customtls.core.keyschedule.Tls12KeyBlock;
import dev.customtls.core.keyschedule.Tls12Prf;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.Finished;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.Tls12MessageDecoder;
import dev.customtls.core.message.Tls12NewSessionTicket;
import dev.customtls.core.session.Tls12SessionState;
import dev.customtls.core.session.Tls12SessionStore;
import dev.customtls.core.session.Tls12TicketSealer;
import dev.customtls.core.session.TlsSession;

/**
 * The TLS 1.2 server handshake (RFC 5246 section 7.3), entered from the version-neutral ClientHello
 * state when the client does not offer TLS 1.3: owns the TLS 1.2 states and the data they share.
 */
public final class Tls12ServerHandshake implements HandshakeDriver {
    /** Lifetime hint of the tickets we issue (RFC 5077 section 3.3), as SunJSSE's default session timeout. */
    static final long TICKET_LIFETIME_SECONDS = 86400;

    final TlsConnection conn;
    final TlsConfig config;
    final TlsCrypto crypto;
    final ConnectionCallbacks callbacks;
    final TlsSession session;
    final Tls12Transcript transcript;
    final dev.customtls.core.connection.HandshakeIo io;
    final Tls12SessionStore store;

    ClientHello clientHello;
    byte[] serverRandom;
    CipherSuite suite;
    Tls12Prf prf;
    boolean extendedMasterSecret;
    boolean issueTicket;
    byte[] sessionId = new byte[0];
    Credential credential;
    KeyShare keyShare;
    byte[] masterSecret;
    Tls12KeyBlock keyBlock;
    private Tls12ServerState state;

    public Tls12ServerHandshake(TlsConnection conn, ConnectionCallbacks callbacks) {
        this.conn = conn;
        this.config = conn.config();
        this.crypto = conn.crypto();
        this.callbacks = callbacks;
        this.session = conn.session();
        this.transcript = new Tls12Transcript(crypto);
        this.io = new dev.customtls.core.connection.HandshakeIo(conn, transcript::add);
        this.store = conn.tls12SessionStore();
    }

    /**
     * Version negotiation (RFC 8446 section 4.2.1, RFC 5246 appendix E.1): TLS 1.2 is chosen when it is
     * enabled and offered (in supported_versions, or by legacy_version 0x0303 without it) and TLS 1.3 is not
     * both offered and enabled. Otherwise the TLS 1.3 code decides (and refuses older versions with
     * protocol_version).
     */
    public static boolean selectsTls12(TlsConfig config, ClientHello ch) {
        if (!config.versions().contains(ProtocolVersion.TLS12)) {
            return false;
        }
        dev.customtls.core.extension.SupportedVersionsClientHello sv =
                ch.extensions().get(dev.customtls.core.extension.SupportedVersionsClientHello.class);
        boolean offers13 = sv != null && sv.versions().contains(ProtocolVersion.TLS13.code());
        boolean offers12 = sv != null ? sv.versions().contains(ProtocolVersion.TLS12.code())
                : ch.legacyVersion() >= ProtocolVersion.TLS12.code();
        return offers12 && !(offers13 && config.tls13Enabled());
    }

    /** RFC 5246 section 7.4.1.2: answers a ClientHello that negotiates TLS 1.2. */
    public void clientHello(ClientHello ch, HandshakeFrame frame) {
        conn.useTls12();
        state = new ServerHelloFlight(this).answer(ch, frame);
    }

    /** The pending read state for the client's change_cipher_spec (RFC 5246 section 7.1). */
    void expectClientChangeCipherSpec() {
        conn.expectChangeCipherSpec(suite.aead(), keyBlock.writeKey(true), keyBlock.writeIv(true));
    }

    /** [NewSessionTicket], ChangeCipherSpec, Finished (RFC 5246 section 7.4.9; RFC 5077 section 3.3). */
    void sendTicketChangeCipherSpecAndFinished() {
        if (issueTicket) {
            Tls12TicketSealer sealer = store.ticketSealer();
            send(new Tls12NewSessionTicket(TICKET_LIFETIME_SECONDS, sealer.seal(sessionState())));
        }
        conn.changeWriteCipherSpec(suite.aead(), keyBlock.writeKey(false), keyBlock.writeIv(false));
        send(new Finished(prf.verifyData(masterSecret, false, transcript.hash(suite.hash()))));
        step("Server " + (issueTicket ? "NewSessionTicket, " : "") + "ChangeCipherSpec and Finished sent");
    }

    /** RFC 5246 section 7.4.9: the client's Finished; decrypt_error if wrong. */
    void checkClientFinished(Finished fin) {
        byte[] expected = prf.verifyData(masterSecret, true, transcript.hash(suite.hash()));
        HandshakeSupport.checkFinished(expected, fin.verifyData(), "client");
    }

    void complete() {
        keyBlock.destroy();
        session.setExporter(KeyingMaterialExporter.tls12(prf, masterSecret, clientHello.random(), serverRandom,
                extendedMasterSecret));
        conn.handshakeComplete();
        if (store != null && sessionId.length > 0 && !session.isResumed() && extendedMasterSecret) {
            store.storeById(sessionState());
        }
        step("Handshake complete (TLSv1.2" + (session.isResumed() ? ", resumed" : "") + ")");
    }

    Tls12SessionState sessionState() {
        String sni = session.requestedServerNames().isEmpty() ? "" : session.requestedServerNames().get(0);
        return new Tls12SessionState(sessionId, suite, masterSecret, extendedMasterSecret, session.peerCertificates(),
                session.localCertificates(), session.applicationProtocol() == null ? "" : session.applicationProtocol(),
                sni, session.creationTime(), new byte[0], 0);
    }

    <T extends HandshakeMessage> T expect(HandshakeFrame frame, int type, Class<T> messageClass, String stateName) {
        if (frame.type() != type) {
            throw TlsAlertException.unexpectedMessage("Received " + HandshakeType.name(frame.type())
                    + " while expecting " + HandshakeType.name(type) + " (" + stateName + ")");
        }
        return messageClass.cast(Tls12MessageDecoder.decode(frame.type(), frame.raw(), HandshakeFrame.BODY_OFFSET,
                frame.length(), suite == null ? null : suite.keyExchange()));
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

    /** Whether step descriptions are wanted (see {@link dev.customtls.core.connection.HandshakeIo#observed()}). */
    boolean observed() {
        return io.observed();
    }

    byte[] randomBytes(int n) {
        return io.randomBytes(n);
    }

    /** RFC 8446 section 4.1.3: a server that supports TLS 1.3 but negotiates TLS 1.2 marks its random. */
    byte[] serverRandom() {
        byte[] r = randomBytes(32);
        if (config.tls13Enabled()) {
            byte[] sentinel = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};
            System.arraycopy(sentinel, 0, r, 24, 8);
        }
        return r;
    }

    boolean isTls12Suite(CipherSuite s) {
        return s != null && !s.isTls13() && config.cipherSuites().contains(s)
                && config.versions().contains(ProtocolVersion.TLS12);
    }

    @Override
    public void start() {
        // Entered with the ClientHello.
    }

    @Override
    public void handle(HandshakeFrame frame) {
        state = state.handle(this, frame);
    }

    @Override
    public void handlePostHandshake(HandshakeFrame frame) {
        state = state.handle(this, frame);
    }

    @Override
    public boolean isExpensive(HandshakeFrame frame) {
        return switch (frame.type()) {
            case HandshakeType.CLIENT_HELLO, HandshakeType.CERTIFICATE, HandshakeType.CLIENT_KEY_EXCHANGE,
                 HandshakeType.CERTIFICATE_VERIFY -> true;
            default -> false;
        };
    }
}
