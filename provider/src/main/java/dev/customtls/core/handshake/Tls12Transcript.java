package dev.customtls.core.handshake;

import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/**
 * The TLS 1.2 handshake_messages (RFC 5246 section 7.4.9): every handshake message sent or received,
 * HelloRequest excluded, as it appeared on the wire. Kept whole because a TLS 1.2 CertificateVerify signs
 * the messages themselves with the signature scheme's hash (section 7.4.8), while Finished and the
 * extended master secret (RFC 7627 section 3) use the PRF hash.
 */
public final class Tls12Transcript {
    private final TlsCrypto crypto;
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream(4096);

    public Tls12Transcript(TlsCrypto crypto) {
        this.crypto = crypto;
    }

    /** Adds a whole message (header and body). */
    public void add(byte[] raw) {
        messages.write(raw, 0, raw.length);
    }

    /** Adds a whole message (header and body) from {@code buf[off, off+len)}; not kept. */
    public void add(byte[] buf, int off, int len) {
        messages.write(buf, off, len);
    }

    /** The messages so far, concatenated. */
    public byte[] messages() {
        return messages.toByteArray();
    }

    /** Hash(handshake_messages) with {@code hash}. */
    public byte[] hash(HashAlgorithm hash) {
        MessageDigest d = crypto.digest(hash);
        d.update(messages.toByteArray());
        return d.digest();
    }
}
