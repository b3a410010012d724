package dev.customtls.core.session;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a server needs to resume a TLS 1.3 session from a ticket (RFC 8446 sections 4.6.1 and 2.2),
 * sealed into the ticket itself so the server keeps no per-session state. Arrays are shared, not copied;
 * the PSK is never printed.
 *
 * @param version            the protocol version code (0x0304)
 * @param cipherSuite        the suite code of the original connection
 * @param psk                the ticket's PSK: HKDF-Expand-Label(resumption_master_secret, "resumption", nonce)
 * @param issuedAtMillis     when the ticket was issued (server clock)
 * @param ageAdd             {@code ticket_age_add} of the NewSessionTicket
 * @param lifetimeSeconds    {@code ticket_lifetime}
 * @param maxEarlyData       {@code max_early_data_size} advertised in the ticket, 0 if none
 * @param sessionId          the original session's id (a resumed session reports it, as SunJSSE)
 * @param sessionCreationTime the original session's creation time
 * @param peerCertificates   the client's certificate chain (DER), empty without client authentication
 * @param serverName         the SNI host name of the original connection, "" if none
 * @param applicationProtocol the ALPN protocol of the original connection, "" if none
 */
public record ResumptionState(int version, int cipherSuite, byte[] psk, long issuedAtMillis, long ageAdd,
                              long lifetimeSeconds, long maxEarlyData, byte[] sessionId, long sessionCreationTime,
                              List<byte[]> peerCertificates, String serverName, String applicationProtocol) {

    private static final int FORMAT = 1;

    public ResumptionState {
        peerCertificates = List.copyOf(peerCertificates);
        serverName = serverName == null ? "" : serverName;
        applicationProtocol = applicationProtocol == null ? "" : applicationProtocol;
    }

    /** When the ticket stops being usable, in server milliseconds. */
    public long expiresAtMillis() {
        return issuedAtMillis + lifetimeSeconds * 1000L;
    }

    /** Serialises the state (the plaintext that a {@link TicketSealer} encrypts). */
    public byte[] encode() {
        TlsWriter w = new TlsWriter(256);
        w.u8(FORMAT);
        w.u16(version);
        w.u16(cipherSuite);
        w.opaque8(psk);
        w.u32(issuedAtMillis >>> 32).u32(issuedAtMillis & 0xffffffffL);
        w.u32(ageAdd);
        w.u32(lifetimeSeconds);
        w.u32(maxEarlyData);
        w.opaque8(sessionId);
        w.u32(sessionCreationTime >>> 32).u32(sessionCreationTime & 0xffffffffL);
        int mark = w.startVector24();
        for (byte[] der : peerCertificates) {
            w.opaque24(der);
        }
        w.endVector24(mark);
        w.opaque8(serverName.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        w.opaque8(applicationProtocol.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return w.toByteArray();
    }

    /**
     * Parses an encoded state.
     *
     * @throws TlsAlertException decode_error if the bytes are not a state this code wrote
     */
    public static ResumptionState decode(byte[] encoded) {
        TlsReader r = new TlsReader(encoded);
        if (r.u8() != FORMAT) {
            throw TlsAlertException.decodeError("Unknown resumption state format");
        }
        int version = r.u16();
        int suite = r.u16();
        byte[] psk = r.opaque8();
        long issued = (r.u32() << 32) | r.u32();
        long ageAdd = r.u32();
        long lifetime = r.u32();
        long maxEarly = r.u32();
        byte[] id = r.opaque8();
        long created = (r.u32() << 32) | r.u32();
        TlsReader certs = r.vector24();
        List<byte[]> chain = new ArrayList<>();
        while (certs.hasRemaining()) {
            chain.add(certs.opaque24());
        }
        String sni = new String(r.opaque8(), java.nio.charset.StandardCharsets.US_ASCII);
        String alpn = new String(r.opaque8(), java.nio.charset.StandardCharsets.UTF_8);
        r.ensureEmpty("resumption state");
        return new ResumptionState(version, suite, psk, issued, ageAdd, lifetime, maxEarly, id, created, chain, sni, alpn);
    }

    /** Zeroes the PSK. */
    public void destroy() {
        Arrays.fill(psk, (byte) 0);
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
        return String.format("ResumptionState[suite=0x%04x, lifetime=%d s, maxEarlyData=%d, sni=%s]",
                cipherSuite, lifetimeSeconds, maxEarlyData, serverName);
    }
}
