package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.Extensions;

import java.util.Arrays;
import java.util.Objects;

/**
 * NewSessionTicket (RFC 8446 section 4.6.1): {@code uint32 ticket_lifetime; uint32 ticket_age_add;
 * opaque ticket_nonce<0..255>; opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>}.
 * The nonce and ticket are shared, not copied, and never printed.
 */
public record NewSessionTicket(long lifetime, long ageAdd, byte[] nonce, byte[] ticket, Extensions extensions)
        implements HandshakeMessage {
    /** Seven days, the largest lifetime a server may use (section 4.6.1). */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    public NewSessionTicket {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(extensions, "extensions");
    }

    @Override
    public int type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u32(lifetime);
        w.u32(ageAdd);
        w.opaque8(nonce);
        w.opaque16(ticket);
        extensions.encode(w);
    }

    /** Decodes the body exactly; an empty ticket is a {@code decode_error}. Lifetime is the handshake's to check. */
    public static NewSessionTicket decode(TlsReader body) {
        long lifetime = body.u32();
        long ageAdd = body.u32();
        byte[] nonce = body.opaque8();
        byte[] ticket = body.opaque16();
        if (ticket.length == 0) {
            throw TlsAlertException.decodeError("Empty ticket in NewSessionTicket");
        }
        Extensions extensions = Extensions.decode(body, ExtensionContext.NEW_SESSION_TICKET);
        body.ensureEmpty("NewSessionTicket");
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, extensions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewSessionTicket t && t.lifetime == lifetime && t.ageAdd == ageAdd
                && Arrays.equals(t.nonce, nonce) && Arrays.equals(t.ticket, ticket) && t.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lifetime, ageAdd, Arrays.hashCode(nonce), Arrays.hashCode(ticket), extensions);
    }

    @Override
    public String toString() {
        return "NewSessionTicket[lifetime=" + lifetime + ", nonce=" + nonce.length + " bytes, ticket="
                + ticket.length + " bytes, extensions=" + extensions + "]";
    }
}
