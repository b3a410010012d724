package dev.customtls.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.crypto.jdk.JdkTlsCrypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tickets: sealing, tampering, key rotation, shared key stores, the anti-replay store. */
class TicketSealerTest {
    static final JdkTlsCrypto CRYPTO = new JdkTlsCrypto();
    static final long HOUR = 3_600_000L;

    static ResumptionState state(long issued) {
        return new ResumptionState(0x0304, 0x1301, new byte[32], issued, 0x12345678L, 3600, 1024, new byte[] {1, 2},
                issued - 5, List.of(new byte[] {9, 9, 9}), "example.com", "h2");
    }

    @Test
    void sealOpenRoundTrip() {
        TicketSealer sealer = new TicketSealer(CRYPTO, new RotatingTicketKeySource(new SecureRandom(), HOUR));
        ResumptionState s = state(1_000);
        byte[] ticket = sealer.seal(s, 1_000);
        ResumptionState back = sealer.open(ticket, 2_000);
        assertNotNull(back);
        assertEquals(s.cipherSuite(), back.cipherSuite());
        assertArrayEquals(s.psk(), back.psk());
        assertEquals(s.issuedAtMillis(), back.issuedAtMillis());
        assertEquals(s.ageAdd(), back.ageAdd());
        assertEquals(s.maxEarlyData(), back.maxEarlyData());
        assertEquals(s.sessionCreationTime(), back.sessionCreationTime());
        assertArrayEquals(s.peerCertificates().get(0), back.peerCertificates().get(0));
        assertEquals("example.com", back.serverName());
        assertEquals("h2", back.applicationProtocol());
        // Two seals of one state differ (random nonce).
        assertFalse(java.util.Arrays.equals(ticket, sealer.seal(s, 1_000)));
    }

    @Test
    void everyTamperedByteIsRefused() {
        TicketSealer sealer = new TicketSealer(CRYPTO, new RotatingTicketKeySource(new SecureRandom(), HOUR));
        byte[] ticket = sealer.seal(state(0), 0);
        for (int i = 0; i < ticket.length; i++) {
            byte[] t = ticket.clone();
            t[i] ^= 0x01;
            assertNull(sealer.open(t, 1), "flipped byte " + i);
        }
        assertNull(sealer.open(java.util.Arrays.copyOf(ticket, ticket.length - 1), 1));
        assertNull(sealer.open(new byte[10], 1));
        assertNull(sealer.open(new byte[0], 1));
    }

    @Test
    void anotherServersTicketIsRefused() {
        TicketSealer a = new TicketSealer(CRYPTO, new RotatingTicketKeySource(new SecureRandom(), HOUR));
        TicketSealer b = new TicketSealer(CRYPTO, new RotatingTicketKeySource(new SecureRandom(), HOUR));
        assertNull(b.open(a.seal(state(0), 0), 1));
    }

    @Test
    void rotationKeepsThePreviousKeyForOnePeriod() {
        RotatingTicketKeySource keys = new RotatingTicketKeySource(new SecureRandom(), HOUR);
        TicketSealer sealer = new TicketSealer(CRYPTO, keys);
        byte[] old = sealer.seal(state(0), 0);
        TicketKey first = keys.sealingKey(0);
        // One period later a new key seals; the old one still opens.
        assertNotNull(sealer.open(old, HOUR + 1));
        assertFalse(first.equals(keys.sealingKey(HOUR + 1)));
        byte[] newer = sealer.seal(state(HOUR + 1), HOUR + 1);
        // Another period: the first key is retired, the second still opens.
        assertNull(sealer.open(old, 2 * HOUR + 2));
        assertNotNull(sealer.open(newer, 2 * HOUR + 2));
    }

    @Test
    void keyStoreSourceIsSharedAcrossServers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tickets.p12");
        char[] pw = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, pw);
        byte[] k1 = new byte[32];
        new SecureRandom().nextBytes(k1);
        ks.setEntry("key-1", new KeyStore.SecretKeyEntry(new SecretKeySpec(k1, "AES")), new KeyStore.PasswordProtection(pw));
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, pw);
        }
        TicketSealer serverA = new TicketSealer(CRYPTO, new KeyStoreTicketKeySource(file, pw));
        TicketSealer serverB = new TicketSealer(CRYPTO, new KeyStoreTicketKeySource(file, pw));
        assertNotNull(serverB.open(serverA.seal(state(0), 0), 1));
        assertThrows(IllegalArgumentException.class, () -> new KeyStoreTicketKeySource(dir.resolve("missing.p12"), pw));
    }

    @Test
    void antiReplayRefusesSecondUseAndStaysBounded() {
        AntiReplayStore store = new AntiReplayStore(3);
        byte[] t1 = {1};
        assertTrue(store.firstUse(t1, 100, 0));
        assertFalse(store.firstUse(t1, 100, 1), "replay");
        assertTrue(store.firstUse(new byte[] {2}, 100, 1));
        assertTrue(store.firstUse(new byte[] {3}, 100, 1));
        // Full of live entries: refuse rather than forget.
        assertFalse(store.firstUse(new byte[] {4}, 100, 2));
        assertEquals(3, store.size());
        // Once they expire, room again; the expired ticket's entry is gone too.
        assertTrue(store.firstUse(new byte[] {4}, 300, 101));
        assertEquals(1, store.size());
    }

    @Test
    void malformedStateIsDecodeError() {
        byte[] enc = state(0).encode();
        for (int cut = 0; cut < enc.length; cut += 7) {
            byte[] t = java.util.Arrays.copyOf(enc, cut);
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> ResumptionState.decode(t));
            assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        }
        assertFalse(state(0).toString().contains("psk=["));
    }
}
