package dev.customtls.core.client;

import dev.customtls.core.connection.ConnectionCallbacks;
import dev.customtls.core.connection.HandshakeDriver;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.AlpnExtension;
import dev.customtls.core.extension.CookieExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.CertificateAuthoritiesExtension;
import dev.customtls.core.extension.PskKeyExchangeModesExtension;
import dev.customtls.core.extension.ServerNameExtension;
import dev.customtls.core.extension.SignatureAlgorithmsCertExtension;
import dev.customtls.core.extension.SignatureAlgorithmsExtension;
import dev.customtls.core.extension.StatusRequestExtension;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.extension.SupportedVersionsClientHello;
import dev.customtls.core.handshake.DistinguishedNames;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.SignatureSchemePolicy;
import dev.customtls.core.handshake.TranscriptHash;
import dev.customtls.core.keyschedule.HandshakeSecret;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.message.CertificateStatus;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.session.Tls12SessionState;
import dev.customtls.core.session.TlsSession;
import dev.customtls.core.client.tls12.Tls12ClientHandshake;
import dev.customtls.core.client.tls12.Tls12Offer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TLS 1.3 client handshake: owns the state machine and the data the states share (RFC 8446
 * section 2, figure 1). Each state is a small class; this class builds the ClientHello and sends messages.
 */
public final class ClientHandshake implements HandshakeDriver {
    /** RFC 8446 section 4.2.9: psk_dhe_ke. */
    static final int PSK_DHE_KE = 1;

    final TlsConnection conn;
    final TlsConfig config;
    final TlsCrypto crypto;
    final ConnectionCallbacks callbacks;
    final TlsSession session;
    final TranscriptHash transcript;
    final dev.customtls.core.connection.HandshakeIo io;

    private ClientState state;
    /** TLS 1.2 hook: set when the server selected TLS 1.2; from then on it drives the handshake. */
    private Tls12ClientHandshake tls12;
    /** TLS 1.2 hook: the cached TLS 1.2 session this ClientHello offers to resume, or null. */
    final Tls12SessionState offeredTls12;

    final byte[] clientRandom;
    final byte[] legacySessionId;
    final Map<NamedGroup, KeyShare> keyShares = new LinkedHashMap<>();
    ClientHello clientHello;
    boolean changeCipherSpecSent;

    // Set once the ServerHello is processed.
    CipherSuite suite;
    Hkdf hkdf;
    HandshakeSecret handshakeSecret;
    byte[] clientHandshakeSecret;
    byte[] serverHandshakeSecret;
    byte[] resumptionMasterSecret;

    // Resumption and 0-RTT (RFC 8446 sections 2.2, 2.3): see PskOffer.
    private dev.customtls.core.session.ClientResumption resumption;
    PskOffer pskOffer;
    /** Whether the server accepted our PSK (set by ExpectServerHello). */
    boolean resumed;

    public ClientHandshake(TlsConnection conn, ConnectionCallbacks callbacks) {
        this.conn = conn;
        this.config = conn.config();
        this.crypto = conn.crypto();
        this.callbacks = callbacks;
        this.session = conn.session();
        this.transcript = new TranscriptHash(crypto);
        this.io = new dev.customtls.core.connection.HandshakeIo(conn, transcript::add);
        this.clientRandom = randomBytes(32);
        // TLS 1.2 hook: a cached TLS 1.2 session to resume (RFC 5246 section 7.4.1.2, RFC 5077).
        this.offeredTls12 = Tls12Offer.find(conn);
        // RFC 8446 appendix D.4: middlebox compatibility mode sends a non-empty legacy_session_id (and, with it, a
        // change_cipher_spec before the second flight). A TLS 1.2 session offered by id uses its id; one offered by
        // ticket a random id, which the server echoes when it accepts the ticket (RFC 5077 section 3.4).
        this.legacySessionId = offeredTls12 != null && offeredTls12.sessionId().length > 0 ? offeredTls12.sessionId()
                : offeredTls12 != null || config.middleboxCompatibility() ? randomBytes(32) : new byte[0];
    }

    /**
     * RFC 8446 appendix D.4: in middlebox compatibility mode, signalled by a non-empty legacy_session_id, the
     * client sends one change_cipher_spec before its second flight (or right after a ClientHello with early data).
     */
    boolean middleboxCompatible() {
        return legacySessionId.length > 0;
    }

    byte[] randomBytes(int n) {
        return io.randomBytes(n);
    }

    @Override
    public void start() {
        if (!config.tls13Enabled() && !Tls12Offer.enabled(config)) {
            throw TlsAlertException.fatal(dev.customtls.core.constants.AlertDescription.PROTOCOL_VERSION,
                    "No protocol version to offer: neither TLSv1.3 nor TLSv1.2 is both enabled and allowed"
                            + " (enabled protocols, jdk.tls.disabledAlgorithms)");
        }
        if (!hasTls13Suite() && Tls12Offer.suites(config).isEmpty()) {
            throw TlsAlertException.handshakeFailure("No cipher suite is enabled for an enabled protocol version");
        }
        if (config.namedGroups().isEmpty()) {
            throw TlsAlertException.handshakeFailure("No key exchange group to offer: none of the named groups"
                    + " enabled (SSLParameters.setNamedGroups, jdk.tls.namedGroups) is supported and allowed"
                    + " (jdk.tls.disabledAlgorithms)");
        }
        for (NamedGroup g : config.tls13Enabled() ? config.keyShareGroups() : List.<NamedGroup>of()) {
            if (crypto.supportsGroup(g) && config.namedGroups().contains(g)) {
                keyShares.put(g, crypto.generateKeyShare(g));
            }
        }
        session.setLocalSignatureSchemes(config.signatureSchemes());
        session.setRequestedServerNames(config.disabledExtensions().contains(ExtensionType.SERVER_NAME)
                ? List.of() : config.serverNames());
        pskOffer = PskOffer.create(this, resumption, System.currentTimeMillis());
        clientHello = withPsk(buildClientHello(null), false);
        send(clientHello);
        if (pskOffer != null) {
            pskOffer.sendEarlyData(this);
        }
        state = new ExpectServerHello(false);
    }

    private boolean hasTls13Suite() {
        if (config.tls13Enabled()) {
            for (int i = 0; i < config.cipherSuites().size(); i++) {
                if (config.cipherSuites().get(i).isTls13()) {
                    return true;
                }
            }
        }
        return false;
    }

    List<CipherSuite> tls13Suites() {
        List<CipherSuite> out = new ArrayList<>();
        for (CipherSuite s : config.tls13Enabled() ? config.cipherSuites() : List.<CipherSuite>of()) {
            if (s.isTls13()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Builds a ClientHello (RFC 8446 section 4.1.2); {@code cookie} is set for the retry after HRR. */
    ClientHello buildClientHello(byte[] cookie) {
        List<Extension> ext = new ArrayList<>();
        if (!config.serverNames().isEmpty()) {
            ext.add(new ServerNameExtension(config.serverNames()));
        }
        ext.add(new SupportedVersionsClientHello(Tls12Offer.supportedVersions(config)));
        List<Integer> groups = new ArrayList<>(config.namedGroups().size());
        for (NamedGroup g : config.namedGroups()) {
            if (crypto.supportsGroup(g)) {
                groups.add(g.code());
            }
        }
        ext.add(new SupportedGroupsExtension(groups));
        List<KeyShareEntry> shares = new ArrayList<>(keyShares.size());
        for (KeyShare ks : keyShares.values()) {
            shares.add(new KeyShareEntry(ks.group().code(), ks.publicKey()));
        }
        if (config.tls13Enabled()) {
            ext.add(new KeyShareClientHello(shares));
        }
        ext.add(new SignatureAlgorithmsExtension(SignatureSchemePolicy.toCodes(config.signatureSchemes())));
        if (!config.certSignatureSchemes().isEmpty()) {
            ext.add(new SignatureAlgorithmsCertExtension(SignatureSchemePolicy.toCodes(config.certSignatureSchemes())));
        }
        if (!config.applicationProtocols().isEmpty()) {
            ext.add(new AlpnExtension(config.applicationProtocols()));
        }
        if (config.requestCertificateStatus()) {
            ext.add(new StatusRequestExtension(CertificateStatus.ocspRequest()));
        }
        if (config.tls13Enabled()) {
            List<byte[]> authorities = callbacks.clientCertificateAuthorities();
            if (!authorities.isEmpty() && DistinguishedNames.fit(authorities, DistinguishedNames.TLS13_LIST_LIMIT)) {
                ext.add(new CertificateAuthoritiesExtension(authorities));
            }
        }
        if (config.tls13Enabled() && config.certificateCompression().isEnabled()) {
            ext.add(config.certificateCompression().extension()); // RFC 8879 section 3
        }
        if (cookie != null) {
            ext.add(new CookieExtension(cookie));
        }
        if (config.tls13Enabled()) {
            ext.add(new PskKeyExchangeModesExtension(List.of(PSK_DHE_KE)));
        }
        List<Integer> suiteCodes = new ArrayList<>(config.cipherSuites().size() + 1);
        if (config.tls13Enabled()) {
            for (CipherSuite s : config.cipherSuites()) {
                if (s.isTls13()) {
                    suiteCodes.add(s.code());
                }
            }
        }
        // TLS 1.2 hook: its suites after the TLS 1.3 ones, and its extensions (RFC 7627, 5746, 8422, 5077).
        Tls12Offer.addTo(config, offeredTls12, suiteCodes, ext);
        config.disabledExtensions().removeFrom(ext); // jdk.tls.client.disableExtensions
        return new ClientHello(ProtocolVersion.TLS12.code(), clientRandom, legacySessionId, suiteCodes,
                new byte[] {0}, Extensions.of(ext));
    }

    /**
     * Sets the ticket to offer, where new tickets go, and early data; call before the handshake starts.
     * Without it the client neither offers nor stores tickets.
     */
    public void setResumption(dev.customtls.core.session.ClientResumption resumption) {
        this.resumption = resumption;
    }

    /** Adds the PSK offer (last extension, with binders) to a ClientHello, when a ticket is offered. */
    ClientHello withPsk(ClientHello ch, boolean afterRetry) {
        return pskOffer == null ? ch : pskOffer.attach(this, ch, afterRetry);
    }

    /** After the client Finished: early data that was not accepted is re-sent as 1-RTT data (RFC 8446 4.2.10). */
    void afterHandshake() {
        PskOffer.resendIfRejected(this, resumption);
    }

    /**
     * RFC 8446 section 4.6.1: a NewSessionTicket becomes a resumable ticket with PSK
     * HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length).
     */
    void ticketReceived(dev.customtls.core.message.NewSessionTicket nst) {
        // A lifetime above seven days breaks the server's MUST NOT; the ticket is kept for seven days at most.
        long lifetime = Math.min(nst.lifetime(), dev.customtls.core.message.NewSessionTicket.MAX_LIFETIME_SECONDS);
        if (lifetime == 0 || resumption == null || resumption.sink() == null || resumptionMasterSecret == null) {
            return;
        }
        dev.customtls.core.extension.EarlyDataExtension early =
                nst.extensions().get(dev.customtls.core.extension.EarlyDataExtension.class);
        byte[] psk = dev.customtls.core.keyschedule.TrafficSecrets.resumptionPsk(hkdf, resumptionMasterSecret, nst.nonce());
        List<String> sni = session.requestedServerNames();
        resumption.sink().ticketReceived(new dev.customtls.core.session.ClientTicket(nst.ticket().clone(), psk,
                lifetime, nst.ageAdd(), System.currentTimeMillis(), early == null ? 0 : early.maxEarlyDataSize(),
                suite, session.id(), session.creationTime(), session.peerCertificates(), session.localCertificates(),
                sni.isEmpty() ? "" : sni.get(0), session.applicationProtocol()));
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

    /** TLS 1.2 hook: the server selected TLS 1.2; the TLS 1.2 states take over (RFC 5246 section 7.4.1.3). */
    void enterTls12(dev.customtls.core.message.ServerHello sh, HandshakeFrame frame) {
        tls12 = new Tls12ClientHandshake(conn, callbacks, clientHello, offeredTls12);
        keyShares.clear();
        tls12.serverHello(sh, frame);
    }

    @Override
    public boolean isExpensive(HandshakeFrame frame) {
        return tls12 != null ? tls12.isExpensive(frame) : HandshakeDriver.super.isExpensive(frame);
    }

    @Override
    public void handle(HandshakeFrame frame) {
        if (tls12 != null) {
            tls12.handle(frame);
            return;
        }
        if (state == null) {
            throw TlsAlertException.unexpectedMessage("Handshake message before the ClientHello was sent");
        }
        state = state.handle(this, frame);
    }

    @Override
    public void handlePostHandshake(HandshakeFrame frame) {
        if (tls12 != null) {
            tls12.handlePostHandshake(frame);
            return;
        }
        state = state.handle(this, frame);
    }
}
