package dev.customtls.core.server;

import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.DisabledExtensions;
import dev.customtls.core.extension.EarlyDataExtension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.keyschedule.TrafficSecrets;
import dev.customtls.core.message.NewSessionTicket;
import dev.customtls.core.session.ResumptionState;
import dev.customtls.core.session.ServerTicketPolicy;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends NewSessionTickets right after the client's Finished (RFC 8446 section 4.6.1): each with a fresh
 * nonce, a random ticket_age_add, and the sealed resumption state as the ticket.
 */
final class TicketIssuer {
    private TicketIssuer() {
    }

    static void issue(ServerHandshake hs) {
        ServerTicketPolicy policy = hs.ticketPolicy;
        DisabledExtensions off = hs.config.disabledExtensions();
        if (policy == null || policy.ticketCount() <= 0 || policy.lifetimeSeconds() <= 0
                || hs.resumptionMasterSecret == null
                // jdk.tls.server.disableExtensions: tickets could never be offered back
                || off.contains(ExtensionType.PRE_SHARED_KEY) || off.contains(ExtensionType.PSK_KEY_EXCHANGE_MODES)) {
            return;
        }
        boolean earlyData = policy.earlyDataEnabled() && !off.contains(ExtensionType.EARLY_DATA);
        long now = hs.clock.getAsLong();
        List<byte[]> peerChain = encode(hs.session.peerCertificates());
        String sni = hs.session.requestedServerNames().isEmpty() ? "" : hs.session.requestedServerNames().get(0);
        String alpn = hs.session.applicationProtocol();
        Extensions ext = earlyData
                ? Extensions.of(new EarlyDataExtension(policy.maxEarlyData())) : Extensions.EMPTY;
        for (int i = 0; i < policy.ticketCount(); i++) {
            byte[] nonce = {0, 0, 0, 0, 0, 0, 0, (byte) i};
            byte[] psk = TrafficSecrets.resumptionPsk(hs.hkdf, hs.resumptionMasterSecret, nonce);
            long ageAdd = hs.crypto.secureRandom().nextInt() & 0xffffffffL;
            ResumptionState state = new ResumptionState(ProtocolVersion.TLS13.code(), hs.suite.code(), psk, now, ageAdd,
                    policy.lifetimeSeconds(), earlyData ? policy.maxEarlyData() : 0, hs.session.id(),
                    hs.session.creationTime(), peerChain, sni, alpn);
            byte[] ticket = policy.sealer().seal(state, now);
            Arrays.fill(psk, (byte) 0);
            NewSessionTicket nst = new NewSessionTicket(policy.lifetimeSeconds(), ageAdd, nonce, ticket, ext);
            hs.conn.queueHandshake(nst);
            HandshakeListener l = hs.conn.listener();
            if (l != null) {
                l.messageSent(nst);
            }
        }
        if (hs.observed()) {
            hs.step(policy.ticketCount() + " NewSessionTicket(s) sent (lifetime " + policy.lifetimeSeconds() + " s"
                    + (earlyData ? ", max_early_data_size " + policy.maxEarlyData() : "") + ")");
        }
    }

    private static List<byte[]> encode(List<X509Certificate> chain) {
        List<byte[]> out = new ArrayList<>(chain.size());
        for (X509Certificate c : chain) {
            try {
                out.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw TlsAlertException.internalError("Cannot encode the client certificate", e);
            }
        }
        return out;
    }
}
