package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;

import java.util.Arrays;
import java.util.Objects;

/** {@code status_request} (RFC 6066 section 8, RFC 8446 section 4.4.2.1), kept opaque: a CertificateStatusRequest in ClientHello and CertificateRequest, a CertificateStatus in a CertificateEntry, empty in a TLS 1.2 ServerHello. The array is shared, not copied. */
public record StatusRequestExtension(byte[] data) implements Extension {
    public StatusRequestExtension {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int type() {
        return ExtensionType.STATUS_REQUEST;
    }

    @Override
    public void encodeData(TlsWriter w) {
        w.bytes(data);
    }

    public static StatusRequestExtension decode(TlsReader data) {
        return new StatusRequestExtension(data.bytes(data.remaining()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusRequestExtension x && Arrays.equals(x.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "StatusRequestExtension[" + data.length + " bytes]";
    }
}
