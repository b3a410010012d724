package dev.customtls.core.handshake;

import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The running transcript hash (RFC 8446 section 4.4.1). Until the cipher suite (and so the hash) is
 * known, messages are buffered; afterwards they are hashed as they come. Handles the HelloRetryRequest
 * rule that replaces ClientHello1 with a synthetic {@code message_hash} message.
 */
public final class TranscriptHash {
    private static final byte[] EMPTY = new byte[0];

    private final TlsCrypto crypto;
    /** Messages added before the hash is known: {@code pending[0, pendingLength)}; null afterwards. */
    private byte[] pending = EMPTY;
    private int pendingLength;
    private MessageDigest digest;
    private HashAlgorithm hash;
    /** {@link #current()} of the transcript as it is now, or null if messages were added since. */
    private byte[] currentHash;
    /** Set by {@link #finish()}: the transcript is complete and takes no more messages. */
    private boolean finished;

    public TranscriptHash(TlsCrypto crypto) {
        this.crypto = crypto;
    }

    /** Adds a whole handshake message (4-byte header and body). */
    public void add(byte[] rawMessage) {
        add(rawMessage, 0, rawMessage.length);
    }

    /** Adds a whole handshake message (4-byte header and body) from {@code buf[off, off+len)}; not kept. */
    public void add(byte[] buf, int off, int len) {
        checkNotFinished();
        currentHash = null;
        if (digest != null) {
            digest.update(buf, off, len);
        } else {
            if (pending.length - pendingLength < len) {
                // Usually one or two messages (ClientHello, ServerHello): grown to the size needed, not beyond.
                pending = Arrays.copyOf(pending, pendingLength + len);
            }
            System.arraycopy(buf, off, pending, pendingLength, len);
            pendingLength += len;
        }
    }

    /** Fixes the hash function and hashes what was buffered. Calling again with the same hash is a no-op. */
    public void startHash(HashAlgorithm algorithm) {
        if (digest != null) {
            if (hash != algorithm) {
                throw TlsAlertException.internalError("transcript hash changed mid-handshake", null);
            }
            return;
        }
        hash = algorithm;
        digest = crypto.digest(algorithm);
        digest.update(pending, 0, pendingLength);
        pending = null;
        pendingLength = 0;
    }

    public HashAlgorithm hashAlgorithm() {
        return hash;
    }

    /**
     * Transcript-Hash of everything added so far; the running state continues. Asked twice with nothing
     * added in between (say, the server Finished verified and then the application secrets derived), the
     * digest is computed once; every caller gets its own copy.
     */
    public byte[] current() {
        checkNotFinished();
        if (digest == null) {
            throw TlsAlertException.internalError("transcript hash used before the suite was chosen", null);
        }
        if (currentHash == null) {
            try {
                currentHash = ((MessageDigest) digest.clone()).digest();
            } catch (CloneNotSupportedException e) {
                throw TlsAlertException.internalError("message digest cannot be cloned", e);
            }
        }
        return currentHash.clone();
    }

    /**
     * Transcript-Hash of the whole handshake, for its last use (the resumption master secret, RFC 8446
     * section 7.1): the running state is consumed rather than copied, and the transcript takes no more
     * messages and gives no more hashes.
     */
    public byte[] finish() {
        checkNotFinished();
        if (digest == null) {
            throw TlsAlertException.internalError("transcript hash used before the suite was chosen", null);
        }
        byte[] result = currentHash != null ? currentHash : digest.digest();
        finished = true;
        digest = null;
        currentHash = null;
        return result;
    }

    private void checkNotFinished() {
        if (finished) {
            throw TlsAlertException.internalError("transcript hash used after the handshake finished", null);
        }
    }

    /**
     * After a HelloRetryRequest: the transcript becomes {@code message_hash(Hash(ClientHello1))}
     * (RFC 8446 section 4.4.1). Call with the hash started and only ClientHello1 added.
     */
    public void replaceWithMessageHash() {
        byte[] ch1Hash = current();
        currentHash = null;
        digest = crypto.digest(hash);
        digest.update(new byte[] {(byte) HandshakeType.MESSAGE_HASH, 0, 0, (byte) ch1Hash.length});
        digest.update(ch1Hash);
    }

    /**
     * Transcript-Hash of everything added so far followed by {@code partial}, without adding it: the hash
     * a PSK binder covers (RFC 8446 section 4.2.11.2: the transcript up to the truncated ClientHello).
     * Before {@link #startHash} the buffered messages are hashed with {@code algorithm}.
     */
    public byte[] hashWith(HashAlgorithm algorithm, byte[] partial) {
        MessageDigest md;
        if (digest == null) {
            md = crypto.digest(algorithm);
            md.update(pending, 0, pendingLength);
        } else {
            if (hash != algorithm) {
                throw TlsAlertException.internalError("binder hash differs from the transcript hash", null);
            }
            try {
                md = (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException e) {
                throw TlsAlertException.internalError("message digest cannot be cloned", e);
            }
        }
        md.update(partial);
        return md.digest();
    }
}
