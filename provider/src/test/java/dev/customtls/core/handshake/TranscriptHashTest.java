package dev.customtls.core.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.DefaultTlsCrypto;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The transcript hash (RFC 8446 section 4.4.1): buffering, slices, the cached current hash and finish(). */
class TranscriptHashTest {
    private static final byte[] CH = {1, 0, 0, 3, 10, 11, 12};
    private static final byte[] SH = {2, 0, 0, 2, 20, 21};
    private static final byte[] FIN = {20, 0, 0, 1, 30};

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    private static TranscriptHash started() {
        TranscriptHash t = new TranscriptHash(DefaultTlsCrypto.instance());
        t.add(CH);
        t.startHash(HashAlgorithm.SHA256);
        return t;
    }

    @Test
    void slicesAndWholeArraysHashAlike() throws Exception {
        TranscriptHash t = new TranscriptHash(DefaultTlsCrypto.instance());
        byte[] padded = new byte[CH.length + 6];
        System.arraycopy(CH, 0, padded, 3, CH.length);
        t.add(padded, 3, CH.length); // buffered before the hash is known
        t.startHash(HashAlgorithm.SHA256);
        System.arraycopy(SH, 0, padded, 1, SH.length);
        t.add(padded, 1, SH.length); // hashed at once
        assertArrayEquals(sha256(CH, SH), t.current());
    }

    @Test
    void currentIsReusedUntilAMessageIsAddedAndCallersGetCopies() throws Exception {
        TranscriptHash t = started();
        byte[] first = t.current();
        byte[] second = t.current();
        assertNotSame(first, second);
        assertArrayEquals(sha256(CH), second);
        first[0] ^= 1;
        assertArrayEquals(sha256(CH), t.current());
        t.add(SH);
        assertArrayEquals(sha256(CH, SH), t.current());
    }

    @Test
    void finishGivesTheWholeHashAndEndsTheTranscript() throws Exception {
        TranscriptHash t = started();
        t.add(SH);
        t.current();
        t.add(FIN);
        assertArrayEquals(sha256(CH, SH, FIN), t.finish());
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(TlsAlertException.class, t::current).alert());
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(TlsAlertException.class, () -> t.add(FIN)).alert());
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(TlsAlertException.class, t::finish).alert());
    }

    @Test
    void finishRightAfterCurrentGivesTheSameHash() throws Exception {
        TranscriptHash t = started();
        assertArrayEquals(t.current(), t.finish());
    }

    @Test
    void hashWithBeforeTheHashIsKnownCoversTheBufferedMessages() throws Exception {
        TranscriptHash t = new TranscriptHash(DefaultTlsCrypto.instance());
        t.add(CH);
        assertArrayEquals(sha256(CH, SH), t.hashWith(HashAlgorithm.SHA256, SH));
        t.startHash(HashAlgorithm.SHA256);
        assertArrayEquals(sha256(CH), t.current());
    }
}
