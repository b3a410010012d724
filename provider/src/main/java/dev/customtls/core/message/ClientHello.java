package dev.customtls.core.message;

import dev.customtls.core.codec.IntList;
import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.Extensions;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * ClientHello (RFC 8446 section 4.1.2; RFC 5246 section 7.4.1.2 for TLS 1.2 clients).
 * Cipher suite codes are kept as received, unknown and GREASE values included.
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] legacySessionId, List<Integer> cipherSuites,
        byte[] legacyCompressionMethods, Extensions extensions) implements HandshakeMessage {
    /** {@code Random random} is 32 bytes. */
    public static final int RANDOM_LENGTH = 32;
    /** {@code opaque legacy_session_id<0..32>}. */
    public static final int MAX_SESSION_ID_LENGTH = 32;

    public ClientHello {
        if (random.length != ClientHello.RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes, not " + random.length);
        }
        Objects.requireNonNull(legacySessionId, "legacySessionId");
        cipherSuites = IntList.copyOf(cipherSuites);
        Objects.requireNonNull(legacyCompressionMethods, "legacyCompressionMethods");
        Objects.requireNonNull(extensions, "extensions");
    }

    @Override
    public int type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        w.u16(legacyVersion);
        w.bytes(random);
        w.opaque8(legacySessionId);
        int mark = w.startVector16();
        IntList suites = IntList.copyOf(cipherSuites); // already one: no copy
        for (int i = 0; i < suites.size(); i++) {
            w.u16(suites.getInt(i));
        }
        w.endVector16(mark);
        w.opaque8(legacyCompressionMethods);
        extensions.encode(w);
    }

    /**
     * Decodes a ClientHello body and consumes it exactly. Out-of-range vectors are {@code decode_error}s:
     * {@code legacy_session_id<0..32>}, {@code cipher_suites<2..2^16-2>} (even),
     * {@code legacy_compression_methods<1..2^8-1>}. The extension block may be absent only when no bytes
     * remain (RFC 5246 section 7.4.1.2: a TLS 1.2 client may omit it); it is then {@link Extensions#EMPTY}.
     */
    public static ClientHello decode(TlsReader body) {
        int legacyVersion = body.u16();
        byte[] random = body.bytes(RANDOM_LENGTH);
        byte[] sessionId = body.opaque8();
        if (sessionId.length > MAX_SESSION_ID_LENGTH) {
            throw TlsAlertException.decodeError("legacy_session_id of " + sessionId.length + " bytes");
        }
        TlsReader suites = body.vector16();
        int n = suites.remaining();
        if (n == 0 || (n & 1) != 0) {
            throw TlsAlertException.decodeError("cipher_suites vector of " + n + " bytes");
        }
        int[] codes = new int[n / 2];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = suites.u16();
        }
        byte[] compression = body.opaque8();
        if (compression.length == 0) {
            throw TlsAlertException.decodeError("Empty legacy_compression_methods");
        }
        Extensions extensions = body.hasRemaining()
                ? Extensions.decode(body, ExtensionContext.CLIENT_HELLO) : Extensions.EMPTY;
        body.ensureEmpty("ClientHello");
        return new ClientHello(legacyVersion, random, sessionId, IntList.own(codes), compression, extensions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHello c && c.legacyVersion == legacyVersion && Arrays.equals(c.random, random)
                && Arrays.equals(c.legacySessionId, legacySessionId) && c.cipherSuites.equals(cipherSuites)
                && Arrays.equals(c.legacyCompressionMethods, legacyCompressionMethods)
                && c.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(legacyVersion, Arrays.hashCode(random), Arrays.hashCode(legacySessionId), cipherSuites,
                Arrays.hashCode(legacyCompressionMethods), extensions);
    }

    @Override
    public String toString() {
        return "ClientHello[legacyVersion=0x" + Integer.toHexString(legacyVersion) + ", sessionId="
                + legacySessionId.length + " bytes, cipherSuites=" + cipherSuites + ", compression="
                + legacyCompressionMethods.length + " methods, extensions=" + extensions + "]";
    }
}
