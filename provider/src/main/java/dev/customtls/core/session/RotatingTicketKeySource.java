package dev.customtls.core.session;

import java.security.SecureRandom;

/**
 * The default {@link TicketKeySource}: random keys held in memory, replaced every {@code rotationMillis}.
 * The previous key still opens tickets for one more period, so a ticket stays usable for at least one and
 * at most two periods after it was issued; an older key is forgotten (its tickets fall back to a full
 * handshake). Keys die with the process, so every server process has its own.
 */
public final class RotatingTicketKeySource implements TicketKeySource {
    private final SecureRandom random;
    private final long rotationMillis;
    private TicketKey current;
    private TicketKey previous;

    public RotatingTicketKeySource(SecureRandom random, long rotationMillis) {
        if (rotationMillis <= 0) {
            throw new IllegalArgumentException("rotation period must be positive");
        }
        this.random = random;
        this.rotationMillis = rotationMillis;
    }

    @Override
    public synchronized TicketKey sealingKey(long nowMillis) {
        rotate(nowMillis);
        return current;
    }

    @Override
    public synchronized TicketKey openingKey(byte[] ticket, int off, long nowMillis) {
        rotate(nowMillis);
        if (current.hasName(ticket, off)) {
            return current;
        }
        if (previous != null && previous.hasName(ticket, off)) {
            return previous;
        }
        return null;
    }

    private void rotate(long now) {
        if (current == null || now - current.createdMillis() >= 2 * rotationMillis) {
            previous = null;
            current = newKey(now);
        } else if (now - current.createdMillis() >= rotationMillis) {
            previous = current;
            current = newKey(now);
        }
    }

    private TicketKey newKey(long now) {
        byte[] name = new byte[TicketKey.NAME_LENGTH];
        byte[] secret = new byte[TicketKey.SECRET_LENGTH];
        random.nextBytes(name);
        random.nextBytes(secret);
        TicketKey k = new TicketKey(name, secret, now);
        java.util.Arrays.fill(secret, (byte) 0);
        return k;
    }

    @Override
    public String toString() {
        return "RotatingTicketKeySource[rotation=" + rotationMillis + " ms]";
    }
}
