package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.Extensions;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code CertificateEntry} (RFC 8446 section 4.4.2) for X.509 certificates: {@code opaque cert_data<1..2^24-1>}
 * (DER) and {@code Extension extensions<0..2^16-1>}. The array is shared, not copied.
 */
public record CertificateEntry(byte[] certData, Extensions extensions) {
    public CertificateEntry {
        Objects.requireNonNull(certData, "certData");
        Objects.requireNonNull(extensions, "extensions");
    }

    /** An entry without extensions. */
    public static CertificateEntry of(byte[] certData) {
        return new CertificateEntry(certData, Extensions.EMPTY);
    }

    void encode(TlsWriter w) {
        w.opaque24(certData);
        extensions.encode(w);
    }

    /** Reads one entry; an empty {@code cert_data} is a {@code decode_error}. */
    static CertificateEntry decode(TlsReader r) {
        byte[] certData = r.opaque24();
        if (certData.length == 0) {
            throw TlsAlertException.decodeError("Empty cert_data");
        }
        return new CertificateEntry(certData, Extensions.decode(r, ExtensionContext.CERTIFICATE));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateEntry c && Arrays.equals(c.certData, certData)
                && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(certData) + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateEntry[certData=" + certData.length + " bytes, extensions=" + extensions + "]";
    }
}
