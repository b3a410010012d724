package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;

/**
 * {@code KeyShareEntry} (RFC 8446 section 4.2.8): a group and its {@code key_exchange<1..2^16-1>}.
 * The array is shared, not copied. Whether its length fits the group is checked by the handshake.
 */
public record KeyShareEntry(int group, byte[] keyExchange) {
    public KeyShareEntry {
        if (keyExchange == null) {
            throw new NullPointerException("keyExchange");
        }
    }

    void encode(TlsWriter w) {
        w.u16(group);
        w.opaque16(keyExchange);
    }

    /** Reads one entry; an empty {@code key_exchange} is a {@code decode_error}. */
    static KeyShareEntry decode(TlsReader r) {
        int group = r.u16();
        byte[] keyExchange = r.opaque16();
        if (keyExchange.length == 0) {
            throw TlsAlertException.decodeError("Empty key_exchange in key_share");
        }
        return new KeyShareEntry(group, keyExchange);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyShareEntry e && e.group == group && Arrays.equals(e.keyExchange, keyExchange);
    }

    @Override
    public int hashCode() {
        return 31 * group + Arrays.hashCode(keyExchange);
    }

    @Override
    public String toString() {
        return "KeyShareEntry[group=0x" + Integer.toHexString(group) + ", keyExchange=" + keyExchange.length
                + " bytes]";
    }
}
