package dev.customtls.core.connection;

import dev.customtls.core.record.RecordHeader;
import dev.customtls.core.record.Tls12RecordDecrypter;
import dev.customtls.core.record.Tls13RecordDecrypter;

/**
 * Inbound record protection of either version, so that {@link TlsConnection} has one read path: TLS 1.3
 * (RFC 8446 section 5.2: inner content type, plaintext right after the header) or TLS 1.2 AEAD (RFC 5246
 * section 6.2.3.3: the header's type, plaintext after the explicit nonce). Both open a record into another
 * array and allocate nothing.
 */
sealed interface RecordOpener permits RecordOpener.Tls13, RecordOpener.Tls12 {

    /**
     * Opens the record at {@code buf[off]} into {@code out[outOff]}, which has {@link #openedLength} bytes of
     * room and does not overlap the record; returns the plaintext length, which starts at {@code outOff}.
     */
    int open(byte[] buf, int off, int fragmentLength, byte[] out, int outOff);

    /** The room opening a fragment of {@code fragmentLength} bytes needs in the output array. */
    int openedLength(int fragmentLength);

    /** The content type of the record last opened. */
    int contentType();

    /** Our record_size_limit (RFC 8449). */
    void setMaxPlaintext(int max);

    /** TLS 1.3 protection. */
    record Tls13(Tls13RecordDecrypter decrypter) implements RecordOpener {
        @Override
        public int open(byte[] buf, int off, int fragmentLength, byte[] out, int outOff) {
            return decrypter.open(buf, off, fragmentLength, out, outOff);
        }

        @Override
        public int openedLength(int fragmentLength) {
            return fragmentLength - decrypter.tagLength(); // the inner plaintext: content, type and padding
        }

        @Override
        public int contentType() {
            return decrypter.contentType();
        }

        @Override
        public void setMaxPlaintext(int max) {
            decrypter.setMaxPlaintext(max);
        }
    }

    /** TLS 1.2 AEAD protection. */
    record Tls12(Tls12RecordDecrypter decrypter) implements RecordOpener {
        @Override
        public int open(byte[] buf, int off, int fragmentLength, byte[] out, int outOff) {
            return decrypter.open(buf, off, fragmentLength, out, outOff);
        }

        @Override
        public int openedLength(int fragmentLength) {
            return fragmentLength - decrypter.overhead(); // explicit nonce and tag
        }

        @Override
        public int contentType() {
            return decrypter.contentType();
        }

        @Override
        public void setMaxPlaintext(int max) {
            decrypter.setMaxPlaintext(max);
        }
    }
}
