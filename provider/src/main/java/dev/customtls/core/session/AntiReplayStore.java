package dev.customtls.core.session;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single-use tracking of tickets used for 0-RTT (RFC 8446 section 8.1): the SHA-256 of each ticket that
 * carried accepted early data is remembered until the ticket expires; a second use is refused. Bounded:
 * when full of live entries it refuses every new ticket (early data falls back to 1-RTT) rather than
 * forgetting one that might be replayed. Thread-safe; shared by the connections of one server context.
 */
public final class AntiReplayStore {
    private final int capacity;
    private final LinkedHashMap<ByteBuffer, Long> seen = new LinkedHashMap<>();

    public AntiReplayStore(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * Records the use of {@code ticket} and tells whether it is the first one. False if it was seen
     * before (a replay) or the store is full.
     */
    public synchronized boolean firstUse(byte[] ticket, long expiresAtMillis, long nowMillis) {
        ByteBuffer key = ByteBuffer.wrap(sha256(ticket));
        purge(nowMillis);
        if (seen.containsKey(key)) {
            return false;
        }
        if (seen.size() >= capacity) {
            return false;
        }
        seen.put(key, expiresAtMillis);
        return true;
    }

    /** Live entries (for tests and monitoring). */
    public synchronized int size() {
        return seen.size();
    }

    public int capacity() {
        return capacity;
    }

    private void purge(long now) {
        Iterator<Map.Entry<ByteBuffer, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            // Oldest first; lifetimes are near equal, so stop at the first live entry (a few may outlive
            // their expiry a little, which only errs on the side of refusing).
            if (it.next().getValue() > now) {
                return;
            }
            it.remove();
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
