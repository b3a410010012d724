package dev.customtls.core.handshake;

import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate authorities a CertificateRequest names: {@code DistinguishedName certificate_authorities<0..2^16-1>}
 * of TLS 1.2 (RFC 5246 section 7.4.4) and the {@code certificate_authorities} extension of TLS 1.3 (RFC 8446
 * section 4.2.4), each {@code opaque DistinguishedName<1..2^16-1>}, the DER of an X.501 name.
 */
public final class DistinguishedNames {
    private static final int MAX_VECTOR = 0xffff;
    /** TLS 1.2: the list is a field of the CertificateRequest of its own, up to 2^16-1 bytes. */
    public static final int TLS12_LIST_LIMIT = MAX_VECTOR;
    /**
     * TLS 1.3: the list is the data of an extension inside the CertificateRequest's extensions, all of which
     * together hold at most 2^16-1 bytes; this leaves room for the others (signature_algorithms and
     * signature_algorithms_cert take a few dozen bytes).
     */
    public static final int TLS13_LIST_LIMIT = MAX_VECTOR - 1024;

    private DistinguishedNames() {
    }

    /**
     * Whether {@code names} fit in one such list of at most {@code limit} bytes. A server whose trust manager accepts more CAs than fit (a large
     * trust store) names none, as SunJSSE does, rather than failing the handshake.
     */
    public static boolean fit(List<byte[]> names, int limit) {
        long total = 0;
        for (byte[] dn : names) {
            if (dn.length == 0 || dn.length > MAX_VECTOR) {
                return false;
            }
            total += 2 + dn.length;
        }
        return total <= limit;
    }

    /**
     * Client: the names as principals for the key manager, which prefers a certificate issued by one of them.
     *
     * @throws TlsAlertException decode_error for a name that is not a DER distinguished name
     */
    public static List<X500Principal> principals(List<byte[]> names) {
        List<X500Principal> out = new ArrayList<>(names.size());
        for (byte[] dn : names) {
            try {
                out.add(new X500Principal(dn));
            } catch (IllegalArgumentException e) {
                throw TlsAlertException.decodeError("Malformed DistinguishedName in the CertificateRequest");
            }
        }
        return out;
    }
}
