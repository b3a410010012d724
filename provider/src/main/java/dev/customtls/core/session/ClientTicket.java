package dev.customtls.core.session;

import dev.customtls.core.constants.CipherSuite;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A ticket a client received (RFC 8446 section 4.6.1) with what it needs to offer it later: the PSK and
 * the original session's parameters, which a resumed session reports (RFC 8446 section 2.2: the server is
 * not authenticated again). Arrays are shared, not copied; nothing secret is printed.
 *
 * @param ticket              the opaque ticket, sent as the PSK identity
 * @param psk                 the PSK derived from the resumption master secret and the ticket nonce
 * @param lifetimeSeconds     {@code ticket_lifetime}
 * @param ageAdd              {@code ticket_age_add}
 * @param receivedAtMillis    when the ticket arrived (client clock)
 * @param maxEarlyData        the ticket's {@code max_early_data_size}, 0 if 0-RTT is not allowed
 * @param cipherSuite         the suite of the connection that issued it
 * @param sessionId           the original session's id
 * @param sessionCreationTime the original session's creation time
 * @param peerCertificates    the server's chain as verified on the full handshake
 * @param localCertificates   our chain, if we authenticated
 * @param serverName          the SNI host name sent on the original connection, "" if none
 * @param applicationProtocol the ALPN protocol of the original connection, "" if none
 */
public record ClientTicket(byte[] ticket, byte[] psk, long lifetimeSeconds, long ageAdd, long receivedAtMillis,
                           long maxEarlyData, CipherSuite cipherSuite, byte[] sessionId, long sessionCreationTime,
                           List<X509Certificate> peerCertificates, List<X509Certificate> localCertificates,
                           String serverName, String applicationProtocol) {

    public ClientTicket {
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
        serverName = serverName == null ? "" : serverName;
        applicationProtocol = applicationProtocol == null ? "" : applicationProtocol;
    }

    /** Whether the ticket's lifetime has passed at {@code nowMillis} (RFC 8446 section 4.6.1). */
    public boolean isExpired(long nowMillis) {
        return nowMillis - receivedAtMillis >= lifetimeSeconds * 1000L || nowMillis < receivedAtMillis;
    }

    /**
     * {@code obfuscated_ticket_age} (RFC 8446 section 4.2.11.1): the age in milliseconds plus
     * {@code ticket_age_add}, modulo 2^32.
     */
    public long obfuscatedAge(long nowMillis) {
        return ((nowMillis - receivedAtMillis) + ageAdd) & 0xffffffffL;
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
        return "ClientTicket[" + cipherSuite + ", lifetime=" + lifetimeSeconds + " s, maxEarlyData=" + maxEarlyData
                + ", sni=" + serverName + "]";
    }
}
