package dev.customtls.core.client;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.DisabledExtensions;
import dev.customtls.core.extension.EarlyDataExtension;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.extension.PreSharedKeyClientHello;
import dev.customtls.core.extension.PreSharedKeyServerHello;
import dev.customtls.core.extension.PskIdentity;
import dev.customtls.core.extension.PskKeyExchangeModesExtension;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.keyschedule.EarlySecret;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.keyschedule.TrafficKeys;
import dev.customtls.core.keyschedule.TrafficSecrets;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.EndOfEarlyData;
import dev.customtls.core.record.RecordHeader;
import dev.customtls.core.record.Tls13RecordEncrypter;
import dev.customtls.core.session.ClientResumption;
import dev.customtls.core.session.ClientTicket;
import dev.customtls.core.session.EarlyDataStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client's side of PSK resumption and 0-RTT (RFC 8446 sections 2.2, 2.3, 4.2.9 to 4.2.11): offers one
 * ticket in each ClientHello with a binder over the truncated ClientHello, sends early data under the
 * client early traffic secret after the first ClientHello, and checks the server's choice.
 */
final class PskOffer {
    private final ClientResumption resumption;
    private final ClientTicket ticket;
    private final Hkdf hkdf;
    private final long nowMillis;
    /** Whether the ClientHello last built carries the PSK. */
    private boolean offered;
    /** Whether early data goes with the first ClientHello. */
    private final boolean earlyDataPlanned;
    private Tls13RecordEncrypter earlyWriter;

    private PskOffer(ClientResumption resumption, Hkdf hkdf, long nowMillis, boolean earlyDataPlanned) {
        this.resumption = resumption;
        this.ticket = resumption.offer();
        this.hkdf = hkdf;
        this.nowMillis = nowMillis;
        this.earlyDataPlanned = earlyDataPlanned;
    }

    /**
     * The offer for this handshake, or null when the ticket cannot be used: expired, or no enabled TLS 1.3
     * suite has its hash (RFC 8446 section 4.2.11: the PSK is tied to the hash).
     */
    static PskOffer create(ClientHandshake hs, ClientResumption resumption, long nowMillis) {
        DisabledExtensions off = hs.config.disabledExtensions();
        if (off.contains(ExtensionType.PRE_SHARED_KEY) || off.contains(ExtensionType.PSK_KEY_EXCHANGE_MODES)) {
            return null; // jdk.tls.client.disableExtensions: no resumption offer
        }
        ClientTicket t = resumption == null ? null : resumption.offer();
        if (t == null || t.isExpired(nowMillis)) {
            return null;
        }
        boolean hashUsable = false;
        boolean suiteEnabled = false;
        for (CipherSuite s : hs.tls13Suites()) {
            hashUsable |= s.hash() == t.cipherSuite().hash();
            suiteEnabled |= s == t.cipherSuite();
        }
        if (!hashUsable) {
            return null;
        }
        // RFC 8446 section 4.2.10: 0-RTT uses the ticket's suite and ALPN, so both must still be on offer.
        byte[] data = resumption.earlyData();
        boolean early = data != null && !off.contains(ExtensionType.EARLY_DATA)
                && t.maxEarlyData() > 0 && data.length <= t.maxEarlyData() && suiteEnabled
                && (t.applicationProtocol().isEmpty() || hs.config.applicationProtocols().contains(t.applicationProtocol()));
        return new PskOffer(resumption, new Hkdf(hs.crypto, t.cipherSuite().hash()), nowMillis, early);
    }

    ClientTicket ticket() {
        return ticket;
    }

    boolean isOffered() {
        return offered;
    }

    boolean earlyDataSent() {
        return earlyWriter != null;
    }

    /**
     * Adds early_data (first ClientHello only), psk_key_exchange_modes and pre_shared_key (last), with the
     * binder computed over the transcript and the ClientHello truncated before the binders (RFC 8446
     * section 4.2.11.2). After a HelloRetryRequest the PSK is offered again only if the server's suite has
     * the ticket's hash; the binder then covers the new transcript.
     */
    ClientHello attach(ClientHandshake hs, ClientHello ch, boolean afterRetry) {
        offered = false;
        if (afterRetry && (hs.suite == null || hs.suite.hash() != ticket.cipherSuite().hash())) {
            return ch;
        }
        // early_data and psk_key_exchange_modes keep their place if the ClientHello has them; otherwise
        // they are appended. pre_shared_key goes last (RFC 8446 section 4.2.11).
        boolean early = earlyDataPlanned && !afterRetry;
        PskKeyExchangeModesExtension modes = new PskKeyExchangeModesExtension(resumption.offerPskKe()
                ? List.of(PskKeyExchangeModesExtension.PSK_DHE_KE, PskKeyExchangeModesExtension.PSK_KE)
                : List.of(PskKeyExchangeModesExtension.PSK_DHE_KE));
        boolean earlyPlaced = false;
        boolean modesPlaced = false;
        List<Extension> ext = new ArrayList<>();
        for (Extension e : ch.extensions().list()) {
            if (e.type() == ExtensionType.EARLY_DATA) {
                if (early) {
                    ext.add(EarlyDataExtension.INDICATION);
                    earlyPlaced = true;
                }
            } else if (e.type() == ExtensionType.PSK_KEY_EXCHANGE_MODES) {
                ext.add(modes);
                modesPlaced = true;
            } else if (e.type() != ExtensionType.PRE_SHARED_KEY) {
                ext.add(e);
            }
        }
        if (early && !earlyPlaced) {
            ext.add(EarlyDataExtension.INDICATION);
        }
        if (!modesPlaced) {
            ext.add(modes);
        }
        long age = ticket.obfuscatedAge(nowMillis);
        PreSharedKeyClientHello placeholder = new PreSharedKeyClientHello(
                List.of(new PskIdentity(ticket.ticket(), age)), List.of(new byte[hkdf.hashLength()]));
        ext.add(placeholder);
        ClientHello draft = new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), Extensions.of(ext));
        byte[] raw = draft.encode();
        byte[] truncated = Arrays.copyOf(raw, raw.length - placeholder.bindersEncodedLength());
        byte[] binderHash = hs.transcript.hashWith(hkdf.hash(), truncated);
        byte[] binder = dev.customtls.core.session.PskBinder.compute(hkdf, ticket.psk(), binderHash);
        ext.set(ext.size() - 1, placeholder.withBinders(List.of(binder)));
        offered = true;
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), Extensions.of(ext));
    }

    /**
     * After the first ClientHello: the compatibility change_cipher_spec (RFC 8446 appendix D.4) and the
     * early data, protected with client_early_traffic_secret (section 7.1) and the ticket's suite.
     */
    void sendEarlyData(ClientHandshake hs) {
        byte[] data = resumption.earlyData();
        if (!earlyDataPlanned || !offered || data == null) {
            return;
        }
        EarlySecret early = EarlySecret.derive(hkdf, ticket.psk());
        byte[] secret = early.clientEarlyTrafficSecret(hs.transcript.hashWith(hkdf.hash(), new byte[0]));
        early.destroy();
        TrafficKeys keys = TrafficSecrets.keys(hkdf, secret, ticket.cipherSuite().aead());
        Arrays.fill(secret, (byte) 0);
        earlyWriter = new Tls13RecordEncrypter(hs.crypto.aead(ticket.cipherSuite().aead(), keys.key()), keys.iv());
        Arrays.fill(keys.key(), (byte) 0);
        if (hs.middleboxCompatible()) {
            hs.conn.queueChangeCipherSpec();
            hs.changeCipherSpecSent = true;
        }
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(data.length - pos, RecordHeader.MAX_PLAINTEXT);
            queueEarly(hs, ContentType.APPLICATION_DATA, data, pos, n);
            pos += n;
        }
        if (hs.observed()) {
            hs.step("Early data: " + data.length + " bytes sent as 0-RTT with " + ticket.cipherSuite().jsseName());
        }
    }

    private void queueEarly(ClientHandshake hs, int type, byte[] data, int off, int len) {
        byte[] record = new byte[Tls13RecordEncrypter.sealedLength(len, 0, ticket.cipherSuite().aead().tagLength())];
        earlyWriter.seal(type, data, off, len, 0, record, 0);
        hs.conn.queueProtectedRecord(record);
    }

    /**
     * The resumed session reports the original session's creation time and certificates (RFC 8446 section
     * 2.2: the PSK stands for the original authentication); it gets a new id, as SunJSSE's does.
     */
    void resumeSession(ClientHandshake hs) {
        hs.session.setResumed(true);
        hs.session.setCreationTime(ticket.sessionCreationTime());
        hs.session.setPeerCertificates(ticket.peerCertificates());
        hs.session.setLocalCertificates(ticket.localCertificates());
    }

    /**
     * The server's pre_shared_key answer (RFC 8446 section 4.2.11): null when it declined the PSK; the PSK
     * when it selected our identity with a suite of the ticket's hash.
     *
     * @throws TlsAlertException illegal_parameter if it selected an identity we did not offer or a suite
     *     whose hash differs from the PSK's
     */
    byte[] selectedPsk(PreSharedKeyServerHello answer, CipherSuite suite) {
        if (answer == null) {
            return null;
        }
        if (!offered || answer.selectedIdentity() != 0) {
            throw TlsAlertException.illegalParameter("The server selected PSK identity " + answer.selectedIdentity()
                    + ", which the client did not offer");
        }
        if (suite.hash() != ticket.cipherSuite().hash()) {
            throw TlsAlertException.illegalParameter("The server selected a cipher suite whose hash differs from the PSK's");
        }
        return ticket.psk();
    }

    /** RFC 8446 section 4.2.10: the server accepted 0-RTT only if it echoed early_data in EncryptedExtensions. */
    void earlyDataAnswered(ClientHandshake hs, boolean accepted, CipherSuite suite, boolean resumed) {
        if (accepted) {
            if (!earlyDataSent() || !resumed || suite != ticket.cipherSuite()) {
                throw TlsAlertException.fatal(AlertDescription.ILLEGAL_PARAMETER,
                        "The server accepted early data that the client did not send with this PSK and suite");
            }
            resumption.setEarlyDataStatus(EarlyDataStatus.ACCEPTED);
            hs.step("Early data accepted by the server");
        } else if (earlyDataSent()) {
            resumption.setEarlyDataStatus(EarlyDataStatus.REJECTED);
            hs.step("Early data rejected by the server");
        }
    }

    /** A HelloRetryRequest implicitly rejects early data (RFC 8446 section 4.2.10). */
    void helloRetryRequested(ClientHandshake hs) {
        if (earlyDataSent()) {
            resumption.setEarlyDataStatus(EarlyDataStatus.REJECTED);
            hs.step("Early data rejected: the server sent a HelloRetryRequest");
        }
    }

    /** RFC 8446 section 4.5: EndOfEarlyData, under the early traffic key, before the client's Finished. */
    void sendEndOfEarlyData(ClientHandshake hs) {
        if (resumption.earlyDataStatus() != EarlyDataStatus.ACCEPTED) {
            return;
        }
        byte[] raw = EndOfEarlyData.INSTANCE.encode();
        hs.transcript.add(raw);
        HandshakeListener l = hs.conn.listener();
        if (l != null) {
            l.messageSent(EndOfEarlyData.INSTANCE);
        }
        queueEarly(hs, ContentType.HANDSHAKE, raw, 0, raw.length);
        earlyWriter.destroy();
    }

    /** After the handshake: early data not accepted is sent as 1-RTT data unless the application opted out. */
    static void resendIfRejected(ClientHandshake hs, ClientResumption resumption) {
        byte[] data = resumption == null ? null : resumption.earlyData();
        if (data == null || resumption.earlyDataStatus() == EarlyDataStatus.ACCEPTED
                || !resumption.resendRejectedEarlyData()) {
            return;
        }
        hs.conn.queueApplicationData(data);
        if (hs.observed()) {
            hs.step("Early data (" + data.length + " bytes) re-sent as 1-RTT application data");
        }
    }
}
