package dev.customtls.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.crypto.DefaultTlsCrypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** RFC 5077 tickets: sealing, opening, tampering, key rotation; the TLS 1.2 session cache limits. */
class Tls12TicketTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final TicketKeySource keys = new RotatingTicketKeySource(new SecureRandom(), 3_600_000);
    private final Tls12TicketSealer sealer = new Tls12TicketSealer(keys, DefaultTlsCrypto.instance(), clock::get);

    private static Tls12SessionState state() {
        byte[] master = new byte[48];
        master[0] = 42;
        return new Tls12SessionState(new byte[32], CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, master, true,
                List.of(), List.of(), "h2", "example.com", 1_000_000, new byte[0], 0);
    }

    @Test
    void sealsAndOpens() {
        byte[] ticket = sealer.seal(state());
        Tls12SessionState s = sealer.open(ticket, new byte[] {1, 2});
        assertNotNull(s);
        assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, s.suite());
        assertEquals(42, s.masterSecret()[0]);
        assertTrue(s.extendedMasterSecret());
        assertEquals("h2", s.applicationProtocol());
        assertEquals("example.com", s.serverName());
        assertArrayEquals(new byte[] {1, 2}, s.sessionId());
    }

    @Test
    void aTls13TicketUnderTheSameKeysDoesNotOpen() {
        byte[] tls13 = new TicketSealer(DefaultTlsCrypto.instance(), keys).seal(
                tls13State(), clock.get());
        assertNull(sealer.open(tls13, new byte[0]));
    }

    private ResumptionState tls13State() {
        return TicketSealerTest.state(clock.get());
    }

    @Test
    void tamperedOrShortTicketsDoNotOpen() {
        byte[] ticket = sealer.seal(state());
        for (int i : new int[] {0, 20, ticket.length - 1}) {
            byte[] t = ticket.clone();
            t[i] ^= 1;
            assertNull(sealer.open(t, new byte[0]), "byte " + i);
        }
        assertNull(sealer.open(new byte[10], new byte[0]));
        assertNull(sealer.open(new byte[0], new byte[0]));
    }

    @Test
    void keysRotateAndOldTicketsExpireAfterTwoPeriods() {
        byte[] ticket = sealer.seal(state());
        clock.addAndGet(3_600_000);
        assertNotNull(sealer.open(ticket, new byte[0]), "previous key still opens");
        byte[] newer = sealer.seal(state());
        assertTrue(!java.util.Arrays.equals(java.util.Arrays.copyOf(ticket, 16), java.util.Arrays.copyOf(newer, 16)),
                "a new key name after rotation");
        clock.addAndGet(3_600_000);
        assertNull(sealer.open(ticket, new byte[0]), "two rotations later the old key is gone");
        assertNotNull(sealer.open(newer, new byte[0]));
    }

    @Test
    void sessionCacheHonoursSizeAndTimeout() {
        int[] size = {2};
        int[] timeout = {0};
        Tls12SessionCache<String> cache = new Tls12SessionCache<>(() -> size[0], () -> timeout[0]);
        cache.put("a", state());
        cache.put("b", state());
        cache.put("c", state());
        assertNull(cache.get("a"), "evicted");
        assertNotNull(cache.get("c"));
        timeout[0] = 1; // the state was created at t=1,000,000 ms: long expired
        assertNull(cache.get("c"));
    }
}
