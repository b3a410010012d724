package dev.customtls.core.server;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.EarlyDataExtension;
import dev.customtls.core.extension.PreSharedKeyClientHello;
import dev.customtls.core.extension.PskIdentity;
import dev.customtls.core.extension.PskKeyExchangeModesExtension;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.session.PskBinder;
import dev.customtls.core.session.ResumptionState;
import dev.customtls.core.session.ServerTicketPolicy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The server's decision on a client's pre_shared_key offer (RFC 8446 sections 4.2.9 to 4.2.11, 8): which
 * ticket (if any) resumes, and whether its early data is accepted. Anything unusable in a ticket (cannot
 * be opened, expired, other hash, other SNI) makes us ignore the PSK and do a full handshake; a wrong
 * binder for the ticket we pick is fatal (decrypt_error).
 *
 * @param index     the selected identity
 * @param state     the opened ticket
 * @param psk       the PSK
 * @param earlyData whether the client's 0-RTT data is accepted
 */
record PskAcceptance(int index, ResumptionState state, byte[] psk, boolean earlyData) {
    private static final long AGE_MASK = 0xffffffffL;

    /**
     * Evaluates the offer. Must run before the ClientHello is added to the transcript (the binder covers
     * the transcript before it).
     *
     * @return the accepted PSK, or null for a full handshake
     */
    static PskAcceptance evaluate(ServerHandshake hs, ClientHello ch, HandshakeFrame frame, CipherSuite suite,
                                  String alpn, boolean afterRetry) {
        ServerTicketPolicy policy = hs.ticketPolicy;
        PreSharedKeyClientHello offer = ch.extensions().get(PreSharedKeyClientHello.class);
        if (offer == null) {
            return null;
        }
        PskKeyExchangeModesExtension modes = ch.extensions().get(PskKeyExchangeModesExtension.class);
        if (modes == null) {
            // RFC 8446 section 4.2.9: a PSK offer without psk_key_exchange_modes.
            throw TlsAlertException.fatal(AlertDescription.MISSING_EXTENSION,
                    "ClientHello offers pre_shared_key without psk_key_exchange_modes");
        }
        if (policy == null || !modes.modes().contains(PskKeyExchangeModesExtension.PSK_DHE_KE)) {
            return null; // we resume only with (EC)DHE (psk_dhe_ke): forward secrecy is kept
        }
        long now = hs.clock.getAsLong();
        String sni = hs.session.requestedServerNames().isEmpty() ? "" : hs.session.requestedServerNames().get(0);
        List<PskIdentity> ids = offer.identities();
        for (int i = 0; i < ids.size(); i++) {
            ResumptionState state = policy.sealer().open(ids.get(i).identity(), now);
            if (state == null || !usable(hs, state, suite, sni, now)) {
                continue;
            }
            checkBinder(hs, frame, offer, i, state, suite);
            boolean early = !afterRetry && i == 0 && acceptEarlyData(hs, ch, state, suite, alpn, ids.get(i), now);
            return new PskAcceptance(i, state, state.psk(), early);
        }
        return null;
    }

    /**
     * RFC 8446 sections 4.2.11 and 4.6.1: same version, a suite of the same hash, within the lifetime,
     * the same server name (section 4.2.11: SNI must match for resumption), and the client certificate
     * a required-client-auth server needs.
     */
    private static boolean usable(ServerHandshake hs, ResumptionState state, CipherSuite suite, String sni, long now) {
        CipherSuite original = CipherSuite.fromCode(state.cipherSuite());
        long age = now - state.issuedAtMillis();
        return state.version() == ProtocolVersion.TLS13.code()
                && original != null && original.isTls13() && original.hash() == suite.hash()
                && age >= 0 && age < state.lifetimeSeconds() * 1000L
                && state.serverName().equalsIgnoreCase(sni)
                && (hs.config.clientAuth() != TlsConfig.ClientAuth.REQUIRED || !state.peerCertificates().isEmpty());
    }

    /** RFC 8446 section 4.2.11.2: the binder of the selected identity, compared in constant time. */
    private static void checkBinder(ServerHandshake hs, HandshakeFrame frame, PreSharedKeyClientHello offer, int index,
                                    ResumptionState state, CipherSuite suite) {
        byte[] raw = frame.raw();
        int truncatedLength = raw.length - offer.bindersEncodedLength();
        byte[] received = offer.binders().get(index);
        Hkdf hkdf = new Hkdf(hs.crypto, suite.hash());
        if (truncatedLength <= 0 || received.length != hkdf.hashLength()) {
            throw TlsAlertException.fatal(AlertDescription.DECRYPT_ERROR, "PSK binder has the wrong length");
        }
        byte[] hash = hs.transcript.hashWith(suite.hash(), Arrays.copyOf(raw, truncatedLength));
        byte[] expected = PskBinder.compute(hkdf, state.psk(), hash);
        if (!MessageDigest.isEqual(expected, received)) {
            throw TlsAlertException.fatal(AlertDescription.DECRYPT_ERROR, "PSK binder does not verify");
        }
    }

    /**
     * RFC 8446 sections 4.2.10 and 8: 0-RTT only when enabled here and in the ticket, for the first
     * identity, with the ticket's exact suite and ALPN, a ticket age within the freshness window, and the
     * first use of this ticket (anti-replay).
     */
    private static boolean acceptEarlyData(ServerHandshake hs, ClientHello ch, ResumptionState state, CipherSuite suite,
                                           String alpn, PskIdentity identity, long now) {
        ServerTicketPolicy policy = hs.ticketPolicy;
        EarlyDataExtension indication = ch.extensions().get(EarlyDataExtension.class);
        if (indication == null || !policy.earlyDataEnabled() || state.maxEarlyData() == 0
                || suite.code() != state.cipherSuite()
                || !state.applicationProtocol().equals(alpn == null ? "" : alpn)) {
            return false;
        }
        long clientAge = (identity.obfuscatedTicketAge() - state.ageAdd()) & AGE_MASK;
        long serverAge = now - state.issuedAtMillis();
        if (Math.abs(serverAge - clientAge) > policy.freshnessWindowMillis()) {
            if (hs.observed()) {
                hs.step("Early data refused: ticket age " + clientAge + " ms outside the freshness window (server: "
                        + serverAge + " ms)");
            }
            return false;
        }
        if (!policy.antiReplay().firstUse(identity.identity(), state.expiresAtMillis(), now)) {
            hs.step("Early data refused: this ticket was already used for 0-RTT (possible replay)");
            return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "PskAcceptance[identity=" + index + ", earlyData=" + earlyData + "]";
    }
}
