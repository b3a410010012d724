package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.util.ArrayList;
import java.util.List;

/**
 * TLS 1.2 CertificateRequest (RFC 5246 section 7.4.4): {@code ClientCertificateType
 * certificate_types<1..2^8-1>; SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 * DistinguishedName certificate_authorities<0..2^16-1>} with {@code opaque DistinguishedName<1..2^16-1>}.
 *
 * @param certificateTypes e.g. {@link #RSA_SIGN}, {@link #ECDSA_SIGN}
 * @param signatureSchemes the 16-bit scheme codes
 * @param certificateAuthorities DER-encoded distinguished names (arrays shared, not copied)
 */
public record Tls12CertificateRequest(List<Integer> certificateTypes, List<Integer> signatureSchemes,
                                      List<byte[]> certificateAuthorities) implements HandshakeMessage {
    /** ClientCertificateType rsa_sign (RFC 5246 section 7.4.4). */
    public static final int RSA_SIGN = 1;
    /** ClientCertificateType ecdsa_sign (RFC 8422 section 5.5). */
    public static final int ECDSA_SIGN = 64;

    public Tls12CertificateRequest {
        certificateTypes = List.copyOf(certificateTypes);
        signatureSchemes = List.copyOf(signatureSchemes);
        certificateAuthorities = List.copyOf(certificateAuthorities);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        int m = w.startVector8();
        for (int t : certificateTypes) {
            w.u8(t);
        }
        w.endVector8(m);
        m = w.startVector16();
        for (int s : signatureSchemes) {
            w.u16(s);
        }
        w.endVector16(m);
        m = w.startVector16();
        for (byte[] dn : certificateAuthorities) {
            w.opaque16(dn);
        }
        w.endVector16(m);
    }

    /** Decodes the body exactly; empty or odd-length vectors and empty names are {@code decode_error}s. */
    public static Tls12CertificateRequest decode(TlsReader body) {
        TlsReader types = body.vector8();
        if (!types.hasRemaining()) {
            throw TlsAlertException.decodeError("CertificateRequest with no certificate_types");
        }
        List<Integer> typeList = new ArrayList<>();
        while (types.hasRemaining()) {
            typeList.add(types.u8());
        }
        TlsReader schemes = body.vector16();
        int n = schemes.remaining();
        if (n == 0 || (n & 1) != 0) {
            throw TlsAlertException.decodeError("supported_signature_algorithms vector of " + n + " bytes");
        }
        List<Integer> schemeList = new ArrayList<>(n / 2);
        while (schemes.hasRemaining()) {
            schemeList.add(schemes.u16());
        }
        TlsReader cas = body.vector16();
        List<byte[]> names = new ArrayList<>();
        while (cas.hasRemaining()) {
            byte[] dn = cas.opaque16();
            if (dn.length == 0) {
                throw TlsAlertException.decodeError("Empty DistinguishedName in certificate_authorities");
            }
            names.add(dn);
        }
        body.ensureEmpty("CertificateRequest");
        return new Tls12CertificateRequest(typeList, schemeList, names);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tls12CertificateRequest c) || !c.certificateTypes.equals(certificateTypes)
                || !c.signatureSchemes.equals(signatureSchemes) || c.certificateAuthorities.size() != certificateAuthorities.size()) {
            return false;
        }
        for (int i = 0; i < certificateAuthorities.size(); i++) {
            if (!java.util.Arrays.equals(c.certificateAuthorities.get(i), certificateAuthorities.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * certificateTypes.hashCode() + signatureSchemes.hashCode() + certificateAuthorities.size();
    }

    @Override
    public String toString() {
        return "Tls12CertificateRequest[types=" + certificateTypes + ", schemes=" + signatureSchemes
                + ", authorities=" + certificateAuthorities.size() + "]";
    }
}
