package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.Arrays;
import java.util.Objects;

/** {@code session_ticket} (RFC 5077 section 3.2): the whole {@code extension_data} is the ticket, possibly empty. The array is shared, not copied. */
public record SessionTicketExtension(byte[] ticket) implements Extension {
    public SessionTicketExtension {
        Objects.requireNonNull(ticket, "ticket");
    }

    @Override
    public int type() {
        return ExtensionType.SESSION_TICKET;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.bytes(ticket);
    }

    public static SessionTicketExtension decode(TlsReader data) {
        return new SessionTicketExtension(data.bytes(data.remaining()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionTicketExtension x && Arrays.equals(x.ticket, ticket);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ticket);
    }

    @Override
    public String toString() {
        return "SessionTicketExtension[" + ticket.length + " bytes]";
    }
}
