package dev.customtls.core.extension;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code PskIdentity} (RFC 8446 section 4.2.11): {@code opaque identity<1..2^16-1>} and
 * {@code uint32 obfuscated_ticket_age}. The array is shared, not copied.
 */
public record PskIdentity(byte[] identity, long obfuscatedTicketAge) {
    public PskIdentity {
        Objects.requireNonNull(identity, "identity");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PskIdentity p && p.obfuscatedTicketAge == obfuscatedTicketAge
                && Arrays.equals(p.identity, identity);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(obfuscatedTicketAge) + Arrays.hashCode(identity);
    }

    @Override
    public String toString() {
        return "PskIdentity[identity=" + identity.length + " bytes]";
    }
}
