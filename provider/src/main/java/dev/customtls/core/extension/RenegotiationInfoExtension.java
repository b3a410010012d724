package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.Arrays;
import java.util.Objects;

/** {@code renegotiation_info} (RFC 5746 section 3.2): {@code opaque renegotiated_connection<0..255>}; empty on an initial handshake. The array is shared, not copied. */
public record RenegotiationInfoExtension(byte[] renegotiatedConnection) implements Extension {
    public RenegotiationInfoExtension {
        Objects.requireNonNull(renegotiatedConnection, "renegotiatedConnection");
    }

    @Override
    public int type() {
        return ExtensionType.RENEGOTIATION_INFO;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.opaque8(renegotiatedConnection);
    }

    public static RenegotiationInfoExtension decode(TlsReader data) {
        return new RenegotiationInfoExtension(data.opaque8());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenegotiationInfoExtension x && Arrays.equals(x.renegotiatedConnection, renegotiatedConnection);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(renegotiatedConnection);
    }

    @Override
    public String toString() {
        return "RenegotiationInfoExtension[" + renegotiatedConnection.length + " bytes]";
    }
}
