package dev.customtls.core.session;

import dev.customtls.core.constants.CipherSuite;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS 1.2 abbreviated handshake resumes (RFC 5246 section 7.4.1.2, RFC 5077 section 4): the
 * session id, the suite, the master secret and whether it is an extended master secret (RFC 7627 section
 * 5.3), and the peer's certificates. A client also keeps the ticket it was given. The master secret is a
 * secret: never printed, and {@link #masterSecret()} returns a copy.
 *
 * @param sessionId the session id (may be empty for a ticket-only session on the client)
 * @param suite the negotiated suite
 * @param extendedMasterSecret whether the master secret was derived with RFC 7627
 * @param peerCertificates the peer's chain (empty if it sent none)
 * @param localCertificates our chain (empty if we sent none)
 * @param applicationProtocol the ALPN protocol ("" for none)
 * @param serverName the SNI host name the session was made for ("" for none)
 * @param creationTime milliseconds since the epoch
 * @param ticket client: the server's RFC 5077 ticket, empty if none
 * @param ticketLifetimeSeconds client: the ticket_lifetime_hint (0 unspecified)
 */
public record Tls12SessionState(byte[] sessionId, CipherSuite suite, byte[] masterSecret, boolean extendedMasterSecret,
                                List<X509Certificate> peerCertificates, List<X509Certificate> localCertificates,
                                String applicationProtocol, String serverName, long creationTime, byte[] ticket,
                                long ticketLifetimeSeconds) {
    public Tls12SessionState {
        sessionId = sessionId.clone();
        Objects.requireNonNull(suite, "suite");
        masterSecret = masterSecret.clone();
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
        Objects.requireNonNull(serverName, "serverName");
        ticket = ticket.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    /** The same session with a (new) ticket, as a client stores it after NewSessionTicket. */
    public Tls12SessionState withTicket(byte[] newTicket, long lifetimeSeconds) {
        return new Tls12SessionState(sessionId, suite, masterSecret, extendedMasterSecret, peerCertificates,
                localCertificates, applicationProtocol, serverName, creationTime, newTicket, lifetimeSeconds);
    }

    /** Whether the session is older than {@code timeoutSeconds} (0: never expires). */
    public boolean isExpired(long nowMillis, long timeoutSeconds) {
        return timeoutSeconds > 0 && nowMillis - creationTime > timeoutSeconds * 1000L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tls12SessionState s && Arrays.equals(s.sessionId, sessionId) && s.suite == suite
                && s.creationTime == creationTime;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sessionId) * 31 + suite.hashCode();
    }

    @Override
    public String toString() {
        return "Tls12SessionState[" + suite + ", ems=" + extendedMasterSecret + ", ticket=" + ticket.length + " bytes]";
    }
}
