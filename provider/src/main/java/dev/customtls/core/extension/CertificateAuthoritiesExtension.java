package dev.customtls.core.extension;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code certificate_authorities} (RFC 8446 section 4.2.4): {@code DistinguishedName authorities<3..2^16-1>},
 * each {@code opaque DistinguishedName<1..2^16-1>} (DER-encoded X.501 names, kept as bytes).
 */
public record CertificateAuthoritiesExtension(List<byte[]> distinguishedNames) implements Extension {
    public CertificateAuthoritiesExtension {
        distinguishedNames = List.copyOf(distinguishedNames);
    }

    @Override
    public int type() {
        return ExtensionType.CERTIFICATE_AUTHORITIES;
    }

    @Override
    public void encodeData(TlsWriter w) {
        int mark = w.startVector16();
        for (byte[] dn : distinguishedNames) {
            w.opaque16(dn);
        }
        w.endVector16(mark);
    }

    /** An empty list or an empty name is a {@code decode_error}. */
    public static CertificateAuthoritiesExtension decode(TlsReader data) {
        TlsReader list = data.vector16();
        if (!list.hasRemaining()) {
            throw TlsAlertException.decodeError("Empty certificate_authorities list");
        }
        List<byte[]> names = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] dn = list.opaque16();
            if (dn.length == 0) {
                throw TlsAlertException.decodeError("Empty DistinguishedName in certificate_authorities");
            }
            names.add(dn);
        }
        return new CertificateAuthoritiesExtension(names);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CertificateAuthoritiesExtension c) || c.distinguishedNames.size() != distinguishedNames.size()) {
            return false;
        }
        for (int i = 0; i < distinguishedNames.size(); i++) {
            if (!Arrays.equals(c.distinguishedNames.get(i), distinguishedNames.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (byte[] dn : distinguishedNames) {
            h = 31 * h + Arrays.hashCode(dn);
        }
        return h;
    }

    @Override
    public String toString() {
        return "CertificateAuthoritiesExtension[" + distinguishedNames.size() + " names]";
    }
}
