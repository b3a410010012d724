package dev.customtls.core.session;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The server's session-ticket keys (RFC 5077 section 4, recommended construction): a 16-byte key name
 * and a 32-byte AES-256-GCM key, replaced every {@code rotationSeconds}. Tickets sealed with the previous
 * key still open until the next rotation, so a ticket lives between one and two rotation periods.
 * Thread-safe; one instance per {@code SSLContext}. Keys are secrets and never printed.
 */
public final class TicketKeys {
    /** Length of the key name that starts every ticket. */
    public static final int NAME_LENGTH = 16;
    /** AES-256 key length. */
    public static final int KEY_LENGTH = 32;

    /** One generation of keys. */
    public record Key(byte[] name, byte[] secret, long createdMillis) {
        @Override
        public String toString() {
            return "TicketKeys.Key[secret]";
        }
    }

    private final SecureRandom random;
    private final long rotationMillis;
    private final LongSupplier clock;
    private Key current;
    private Key previous;

    /**
     * @param random source of key material
     * @param rotationSeconds how long a key seals new tickets
     * @param clock milliseconds (tests pass a fake clock)
     */
    public TicketKeys(SecureRandom random, long rotationSeconds, LongSupplier clock) {
        this.random = random;
        this.rotationMillis = Math.max(1, rotationSeconds) * 1000L;
        this.clock = clock;
    }

    public TicketKeys(SecureRandom random) {
        this(random, 12 * 3600, System::currentTimeMillis);
    }

    /** The key that seals new tickets, rotating first when it is due. */
    public synchronized Key current() {
        long now = clock.getAsLong();
        if (current == null || now - current.createdMillis() >= rotationMillis) {
            if (previous != null) {
                Arrays.fill(previous.secret(), (byte) 0);
            }
            previous = current;
            current = newKey(now);
        }
        return current;
    }

    /** The key with this name if it still opens tickets (current or previous generation), else null. */
    public synchronized Key find(byte[] name) {
        current();
        if (current != null && Arrays.equals(current.name(), name)) {
            return current;
        }
        if (previous != null && Arrays.equals(previous.name(), name)
                && clock.getAsLong() - previous.createdMillis() < 2 * rotationMillis) {
            return previous;
        }
        return null;
    }

    private Key newKey(long now) {
        byte[] name = new byte[NAME_LENGTH];
        byte[] secret = new byte[KEY_LENGTH];
        random.nextBytes(name);
        random.nextBytes(secret);
        return new Key(name, secret, now);
    }

    @Override
    public String toString() {
        return "TicketKeys[rotation=" + rotationMillis / 1000 + " s]";
    }
}
