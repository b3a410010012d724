package dev.customtls.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.record.RecordHeader;
import dev.customtls.core.record.Tls13RecordDecrypter;
import dev.customtls.crypto.DefaultTlsCrypto;

/**
 * The record header check and the TLS 1.3 record decrypter (RFC 8446 sections 5.1 to 5.4) under hostile
 * records. The fuzzer cannot forge an AEAD tag, so besides raw records it chooses inner plaintexts (any
 * content type, any padding, any length, including all zeros and oversized) that this target seals with
 * the decrypter's key and sequence number, then lets the fuzzer tamper with the header.
 *
 * <p>Property: a record either opens to at most the configured plaintext with an inner type of alert,
 * handshake or application_data, or raises a {@link TlsAlertException}; nothing else escapes. After the
 * first failure the connection would be closed, so the target stops there.
 */
class RecordLayerFuzzTest {
    private static final byte[] KEY = new byte[16];
    private static final byte[] IV = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final int TAG = 16;

    @FuzzTest(maxDuration = "10m")
    void protectedRecords(FuzzedDataProvider data) {
        Aead aead = DefaultTlsCrypto.instance().aead(AeadAlgorithm.AES_128_GCM, KEY);
        Tls13RecordDecrypter decrypter = new Tls13RecordDecrypter(aead, IV);
        int maxPlaintext = RecordHeader.MAX_PLAINTEXT;
        if (data.consumeBoolean()) {
            maxPlaintext = data.consumeInt(63, RecordHeader.MAX_PLAINTEXT);
            decrypter.setMaxPlaintext(maxPlaintext);
        }
        long sequence = 0;
        for (int i = 0; i < 32 && data.remainingBytes() > 0; i++) {
            byte[] record = data.consumeBoolean() ? rawRecord(data) : sealedRecord(data, sequence);
            try {
                int length = RecordHeader.fragmentLength(record, 0, RecordHeader.MAX_TLS13_CIPHERTEXT);
                if (RecordHeader.LENGTH + length != record.length) {
                    continue; // the deframer would wait for more bytes
                }
                int opened = decrypter.open(record, 0, length);
                sequence++;
                int type = decrypter.contentType();
                if (opened < 0 || opened > maxPlaintext) {
                    throw new AssertionError("opened " + opened + " bytes, limit " + maxPlaintext);
                }
                if (type != ContentType.ALERT && type != ContentType.HANDSHAKE && type != ContentType.APPLICATION_DATA) {
                    throw new AssertionError("inner type " + type + " accepted");
                }
                if (decrypter.sequenceNumber() != sequence) {
                    throw new AssertionError("sequence " + decrypter.sequenceNumber() + ", expected " + sequence);
                }
            } catch (TlsAlertException e) {
                return;
            }
        }
    }

    private static byte[] rawRecord(FuzzedDataProvider data) {
        byte[] header = data.consumeBytes(RecordHeader.LENGTH);
        byte[] fragment = data.consumeBytes(data.consumeInt(0, RecordHeader.MAX_TLS13_CIPHERTEXT + 8));
        byte[] record = new byte[RecordHeader.LENGTH + fragment.length];
        System.arraycopy(header, 0, record, 0, header.length);
        if (header.length < RecordHeader.LENGTH || data.consumeBoolean()) {
            RecordHeader.write(record, 0, record[0] == 0 ? ContentType.APPLICATION_DATA : record[0] & 0xff,
                    0x0303, fragment.length);
        }
        System.arraycopy(fragment, 0, record, RecordHeader.LENGTH, fragment.length);
        return record;
    }

    /** A record sealed under the decrypter's key: inner plaintext chosen by the fuzzer, header maybe tampered. */
    private static byte[] sealedRecord(FuzzedDataProvider data, long sequence) {
        // A fresh sealing instance: the JCA refuses to encrypt twice with one key and nonce, which this
        // target does on purpose when the previous record was not opened (the sequence did not advance).
        Aead aead = DefaultTlsCrypto.instance().aead(AeadAlgorithm.AES_128_GCM, KEY);
        byte[] inner = data.consumeBytes(data.consumeInt(0, RecordHeader.MAX_PLAINTEXT + 300));
        int fragmentLength = inner.length + TAG;
        if (fragmentLength > 0xffff) {
            fragmentLength = 0xffff;
        }
        byte[] record = new byte[RecordHeader.LENGTH + inner.length + TAG];
        RecordHeader.write(record, 0, ContentType.APPLICATION_DATA, 0x0303, fragmentLength);
        if (data.consumeBoolean()) {
            int at = data.consumeInt(0, RecordHeader.LENGTH - 1);
            record[at] = data.consumeByte();
        }
        byte[] nonce = IV.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        byte[] aad = java.util.Arrays.copyOf(record, RecordHeader.LENGTH);
        aead.seal(nonce, aad, aad.length, inner, 0, inner.length, record, RecordHeader.LENGTH);
        return record;
    }
}
