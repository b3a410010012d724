package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.Arrays;
import java.util.Objects;

/**
 * An extension this code does not interpret in its context: kept with its raw data so that the handshake can
 * ignore it (RFC 8446 section 4.2: unknown extensions are ignored) or reject it where the RFC says so.
 * The array is shared, not copied.
 */
public record UnknownExtension(int type, byte[] data) implements Extension {
    public UnknownExtension {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.bytes(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownExtension u && u.type == type && Arrays.equals(u.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UnknownExtension[" + ExtensionType.name(type) + ", " + data.length + " bytes]";
    }
}
