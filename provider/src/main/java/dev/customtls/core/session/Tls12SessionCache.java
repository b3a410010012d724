package dev.customtls.core.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A bounded, expiring map of TLS 1.2 sessions (RFC 5246 section 7.4.1.2: "session caches"), keyed by the
 * server's session id or by the client's peer {@code host:port}. Size and timeout are read from the
 * owning {@code SSLSessionContext} on every use, so changing them there applies here (0 = unlimited).
 * Least recently stored entries are evicted first. Thread-safe.
 */
public final class Tls12SessionCache<K> {
    private final Map<K, Tls12SessionState> entries = new LinkedHashMap<>();
    private final IntSupplier maxSize;
    private final IntSupplier timeoutSeconds;

    public Tls12SessionCache(IntSupplier maxSize, IntSupplier timeoutSeconds) {
        this.maxSize = maxSize;
        this.timeoutSeconds = timeoutSeconds;
    }

    public synchronized Tls12SessionState get(K key) {
        Tls12SessionState s = entries.get(key);
        if (s != null && s.isExpired(System.currentTimeMillis(), timeoutSeconds.getAsInt())) {
            entries.remove(key);
            return null;
        }
        return s;
    }

    public synchronized void put(K key, Tls12SessionState state) {
        entries.remove(key);
        entries.put(key, state);
        int max = maxSize.getAsInt();
        Iterator<Tls12SessionState> it = entries.values().iterator();
        while (max > 0 && entries.size() > max && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }
}
