package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;
import java.util.Objects;

/**
 * TLS 1.2 ServerKeyExchange for ECDHE (RFC 8422 section 5.4, RFC 5246 section 7.4.3):
 * {@code ServerECDHParams params} ({@code ECCurveType curve_type = named_curve(3); NamedCurve namedcurve;
 * opaque point<1..2^8-1>}) followed by {@code digitally-signed} ({@code SignatureAndHashAlgorithm; opaque
 * signature<0..2^16-1>}). The point and the scheme are the handshake's to check.
 *
 * @param namedGroup the {@code NamedGroup} code
 * @param publicPoint the server's ephemeral public value (non-empty)
 * @param signatureScheme the {@code SignatureAndHashAlgorithm} as a 16-bit scheme code
 * @param signature the signature over {@code client_random + server_random + params}
 */
public record ServerKeyExchange(int namedGroup, byte[] publicPoint, int signatureScheme, byte[] signature)
        implements HandshakeMessage {
    /** RFC 8422 section 5.4: ECCurveType named_curve. */
    public static final int NAMED_CURVE = 3;

    public ServerKeyExchange {
        Objects.requireNonNull(publicPoint, "publicPoint");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public int type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    /** The encoded {@code ServerECDHParams}: what the signature covers after the two randoms. */
    public byte[] params() {
        return params(namedGroup, publicPoint);
    }

    /** The encoded {@code ServerECDHParams} for a group and point. */
    public static byte[] params(int namedGroup, byte[] publicPoint) {
        TlsWriter w = new TlsWriter(4 + publicPoint.length);
        w.u8(NAMED_CURVE);
        w.u16(namedGroup);
        w.opaque8(publicPoint);
        return w.toByteArray();
    }

    /**
     * The content a ServerKeyExchange signature covers (RFC 5246 section 7.4.3):
     * {@code client_random + server_random + params}.
     */
    public static byte[] signedContent(byte[] clientRandom, byte[] serverRandom, byte[] params) {
        byte[] out = new byte[clientRandom.length + serverRandom.length + params.length];
        System.arraycopy(clientRandom, 0, out, 0, clientRandom.length);
        System.arraycopy(serverRandom, 0, out, clientRandom.length, serverRandom.length);
        System.arraycopy(params, 0, out, clientRandom.length + serverRandom.length, params.length);
        return out;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u8(NAMED_CURVE);
        w.u16(namedGroup);
        w.opaque8(publicPoint);
        w.u16(signatureScheme);
        w.opaque16(signature);
    }

    /**
     * Decodes the body exactly. A curve type other than named_curve is {@code illegal_parameter} (RFC 8422
     * section 5.4: explicit curves are deprecated and we never offer them); an empty point or truncation is
     * {@code decode_error}.
     */
    public static ServerKeyExchange decode(TlsReader body) {
        int curveType = body.u8();
        if (curveType != NAMED_CURVE) {
            throw TlsAlertException.illegalParameter("ServerKeyExchange curve_type " + curveType + " is not named_curve");
        }
        int group = body.u16();
        byte[] point = body.opaque8();
        if (point.length == 0) {
            throw TlsAlertException.decodeError("ServerKeyExchange with an empty point");
        }
        int scheme = body.u16();
        byte[] signature = body.opaque16();
        body.ensureEmpty("ServerKeyExchange");
        return new ServerKeyExchange(group, point, scheme, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerKeyExchange s && s.namedGroup == namedGroup && Arrays.equals(s.publicPoint, publicPoint)
                && s.signatureScheme == signatureScheme && Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namedGroup, Arrays.hashCode(publicPoint), signatureScheme, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "ServerKeyExchange[group=0x" + Integer.toHexString(namedGroup) + ", point=" + publicPoint.length
                + " bytes, scheme=0x" + Integer.toHexString(signatureScheme) + ", signature=" + signature.length + " bytes]";
    }
}
