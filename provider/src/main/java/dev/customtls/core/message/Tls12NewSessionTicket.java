package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;

import java.util.Arrays;
import java.util.Objects;

/**
 * TLS 1.2 NewSessionTicket (RFC 5077 section 3.3): {@code uint32 ticket_lifetime_hint; opaque
 * ticket<0..2^16-1>}. An empty ticket means the server will not issue one after all.
 *
 * @param lifetimeHint seconds, 0 for unspecified
 * @param ticket the opaque ticket (shared, not copied; never printed)
 */
public record Tls12NewSessionTicket(long lifetimeHint, byte[] ticket) implements HandshakeMessage {
    public Tls12NewSessionTicket {
        Objects.requireNonNull(ticket, "ticket");
        if (lifetimeHint < 0 || lifetimeHint > 0xffffffffL) {
            throw new IllegalArgumentException("lifetime hint out of range");
        }
    }

    @Override
    public int type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u32(lifetimeHint);
        w.opaque16(ticket);
    }

    public static Tls12NewSessionTicket decode(TlsReader body) {
        long hint = body.u32();
        byte[] ticket = body.opaque16();
        body.ensureEmpty("NewSessionTicket");
        return new Tls12NewSessionTicket(hint, ticket);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tls12NewSessionTicket t && t.lifetimeHint == lifetimeHint && Arrays.equals(t.ticket, ticket);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(lifetimeHint) + Arrays.hashCode(ticket);
    }

    @Override
    public String toString() {
        return "Tls12NewSessionTicket[lifetimeHint=" + lifetimeHint + ", ticket=" + ticket.length + " bytes]";
    }
}
