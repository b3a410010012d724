package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.Extensions;

import java.util.Arrays;
import java.util.Objects;

/**
 * ServerHello or HelloRetryRequest (RFC 8446 section 4.1.3), and the TLS 1.2 ServerHello
 * (RFC 5246 section 7.4.1.3), told apart by {@link #isHelloRetryRequest()} and by the presence of
 * {@code supported_versions}.
 */
public record ServerHello(int legacyVersion, byte[] random, byte[] legacySessionIdEcho, int cipherSuite,
        int legacyCompressionMethod, Extensions extensions) implements HandshakeMessage {
    /**
     * The random of a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3).
     * Kept for callers; this class itself only reads a private copy, so changing this array changes nothing.
     */
    public static final byte[] HELLO_RETRY_REQUEST_RANDOM = helloRetryRequestRandom();

    private static final byte[] HRR_RANDOM = helloRetryRequestRandom();

    public ServerHello {
        if (random.length != ClientHello.RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes, not " + random.length);
        }
        Objects.requireNonNull(legacySessionIdEcho, "legacySessionIdEcho");
        Objects.requireNonNull(extensions, "extensions");
    }

    /** A HelloRetryRequest: legacy_version TLS 1.2, the special random, compression 0. */
    public static ServerHello helloRetryRequest(byte[] sessionIdEcho, int suite, Extensions ext) {
        return new ServerHello(ProtocolVersion.TLS12.code(), helloRetryRequestRandom(), sessionIdEcho,
                suite, 0, ext);
    }

    /** True if the random is the HelloRetryRequest value (RFC 8446 section 4.1.3). */
    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HRR_RANDOM);
    }

    @Override
    public int type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u16(legacyVersion);
        w.bytes(random);
        w.opaque8(legacySessionIdEcho);
        w.u16(cipherSuite);
        w.u8(legacyCompressionMethod);
        extensions.encode(w);
    }

    /**
     * Decodes a ServerHello body and consumes it exactly. The random is 32 bytes and
     * {@code legacy_session_id_echo<0..32>} ({@code decode_error} otherwise). The extension block is checked
     * as {@link ExtensionContext#HELLO_RETRY_REQUEST} when the random says so; otherwise as a TLS 1.3
     * ServerHello when it carries {@code supported_versions} and as a TLS 1.2 one when it does not
     * ({@link Extensions#decodeServerHello}). The block may be absent only in a TLS 1.2 ServerHello with no
     * bytes left (RFC 5246 section 7.4.1.3). Version, suite and compression values are the handshake's to check.
     */
    public static ServerHello decode(TlsReader body) {
        int legacyVersion = body.u16();
        byte[] random = body.bytes(ClientHello.RANDOM_LENGTH);
        byte[] sessionId = body.opaque8();
        if (sessionId.length > ClientHello.MAX_SESSION_ID_LENGTH) {
            throw TlsAlertException.decodeError("legacy_session_id_echo of " + sessionId.length + " bytes");
        }
        int suite = body.u16();
        int compression = body.u8();
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        Extensions extensions;
        if (hrr) {
            extensions = Extensions.decode(body, ExtensionContext.HELLO_RETRY_REQUEST);
        } else if (body.hasRemaining()) {
            extensions = Extensions.decodeServerHello(body);
        } else {
            extensions = Extensions.EMPTY;
        }
        body.ensureEmpty("ServerHello");
        return new ServerHello(legacyVersion, random, sessionId, suite, compression, extensions);
    }

    /** A fresh copy of the HelloRetryRequest random. */
    public static byte[] helloRetryRequestRandom() {
        String s = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHello s && s.legacyVersion == legacyVersion && Arrays.equals(s.random, random)
                && Arrays.equals(s.legacySessionIdEcho, legacySessionIdEcho) && s.cipherSuite == cipherSuite
                && s.legacyCompressionMethod == legacyCompressionMethod && s.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(legacyVersion, Arrays.hashCode(random), Arrays.hashCode(legacySessionIdEcho),
                cipherSuite, legacyCompressionMethod, extensions);
    }

    @Override
    public String toString() {
        return (isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello") + "[legacyVersion=0x"
                + Integer.toHexString(legacyVersion) + ", sessionIdEcho=" + legacySessionIdEcho.length
                + " bytes, cipherSuite=0x" + Integer.toHexString(cipherSuite) + ", compression="
                + legacyCompressionMethod + ", extensions=" + extensions + "]";
    }
}
