package dev.customtls.core.connection;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.record.RecordHeader;
import dev.customtls.core.record.Tls12RecordEncrypter;
import dev.customtls.core.record.Tls13RecordEncrypter;

/**
 * Outbound record protection of either version (RFC 8446 section 5.2, RFC 5246 section 6.2.3.3), so that
 * {@link TlsConnection} has one write path. Sealing allocates nothing.
 */
sealed interface RecordSealer permits RecordSealer.Tls13, RecordSealer.Tls12 {

    /** Seals {@code in[inOff, inOff+len)} as one record at {@code out[outOff]}; returns the record length. */
    int seal(int contentType, byte[] in, int inOff, int len, byte[] out, int outOff);

    /** The length of the record that sealing {@code len} bytes produces. */
    int sealedLength(int len);

    /** TLS 1.3: the AEAD limit is near and a KeyUpdate is due (RFC 8446 section 5.5). */
    boolean keyUpdateDue();

    /**
     * Where in a record the plaintext goes when sealing in place: plaintext already at
     * {@code out[outOff + plaintextOffset()]} is sealed without a copy.
     */
    int plaintextOffset();

    /** TLS 1.3 protection, no padding. */
    record Tls13(Tls13RecordEncrypter encrypter, int tagLength) implements RecordSealer {
        @Override
        public int seal(int contentType, byte[] in, int inOff, int len, byte[] out, int outOff) {
            return encrypter.seal(contentType, in, inOff, len, 0, out, outOff);
        }

        @Override
        public int sealedLength(int len) {
            return Tls13RecordEncrypter.sealedLength(len, 0, tagLength);
        }

        @Override
        public boolean keyUpdateDue() {
            return encrypter.keyUpdateDue();
        }

        @Override
        public int plaintextOffset() {
            return RecordHeader.LENGTH;
        }
    }

    /** TLS 1.2 AEAD protection; TLS 1.2 has no KeyUpdate (the 2^64 sequence limit is enforced by the encrypter). */
    record Tls12(Tls12RecordEncrypter encrypter, AeadAlgorithm algorithm) implements RecordSealer {
        @Override
        public int seal(int contentType, byte[] in, int inOff, int len, byte[] out, int outOff) {
            return encrypter.seal(contentType, in, inOff, len, out, outOff);
        }

        @Override
        public int sealedLength(int len) {
            return Tls12RecordEncrypter.sealedLength(algorithm, len);
        }

        @Override
        public boolean keyUpdateDue() {
            return false;
        }

        @Override
        public int plaintextOffset() {
            // Header, then the explicit nonce (8 bytes for AES-GCM, none for ChaCha20-Poly1305; RFC 5288, 7905).
            return Tls12RecordEncrypter.sealedLength(algorithm, 0) - algorithm.tagLength();
        }
    }
}
