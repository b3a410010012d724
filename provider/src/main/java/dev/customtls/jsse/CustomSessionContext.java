package dev.customtls.jsse;

import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.session.AntiReplayStore;
import dev.customtls.core.session.ClientTicket;
import dev.customtls.core.session.RotatingTicketKeySource;
import dev.customtls.core.session.ServerTicketPolicy;
import dev.customtls.core.session.TicketKeySource;
import dev.customtls.core.session.TicketSealer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * Sessions established through one {@code SSLContext}, by id, bounded by size (least recently added
 * evicted first) and timeout, as {@code SSLSessionContext} specifies. Defaults as SunJSSE: 20480 entries
 * (or the {@code javax.net.ssl.sessionCacheSize} system property when it is a non-negative integer; 0 means
 * no limit), 86400 seconds.
 */
final class CustomSessionContext implements SSLSessionContext, TicketKeyConfigurable {
    private final Map<ByteBuffer, CustomSSLSession> sessions = new LinkedHashMap<>();
    static final int DEFAULT_CACHE_SIZE = 20480;
    private int cacheSize = defaultCacheSize();
    private int timeoutSeconds = 86400;

    /** {@code javax.net.ssl.sessionCacheSize} as SunJSSE reads it: a non-negative integer, else 20480. */
    static int defaultCacheSize() {
        String v = System.getProperty("javax.net.ssl.sessionCacheSize");
        if (v != null) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // as SunJSSE: an unusable value means the default
            }
        }
        return DEFAULT_CACHE_SIZE;
    }

    synchronized void add(CustomSSLSession session) {
        byte[] id = session.getId();
        if (id.length == 0) {
            return;
        }
        sessions.put(ByteBuffer.wrap(id), session);
        trimOldest(System.currentTimeMillis());
    }

    /**
     * Constant-time (amortised) bound kept on every add: the map is in insertion order, which is creation
     * order, so expired sessions and those beyond the cache size are at its head. Invalidated sessions are
     * removed by {@link #remove}; {@link #trim} (a full scan) runs only when the settings change or ids are
     * listed.
     */
    private void trimOldest(long now) {
        Iterator<CustomSSLSession> it = sessions.values().iterator();
        while (it.hasNext()) {
            CustomSSLSession s = it.next();
            if ((cacheSize > 0 && sessions.size() > cacheSize) || expired(s, now) || !s.isValid()) {
                it.remove();
            } else {
                return;
            }
        }
    }

    synchronized void remove(CustomSSLSession session) {
        sessions.remove(ByteBuffer.wrap(session.getId()));
        // Invalidating a session also forgets its tickets (SunJSSE does not resume an invalidated session).
        byte[] id = session.getId();
        for (java.util.Deque<StoredTicket> q : tickets.values()) {
            q.removeIf(t -> java.util.Arrays.equals(t.ticket().sessionId(), id));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Client: tickets by peer host:port (RFC 8446 section 4.6.1); bounded by the cache size and timeout.

    /** A ticket with the endpoint identification algorithm of the connection that received it. */
    record StoredTicket(ClientTicket ticket, String endpointIdentification) {
    }

    private final Map<String, java.util.Deque<StoredTicket>> tickets = new LinkedHashMap<>();
    private int ticketCount;

    synchronized void addTicket(String hostPort, String endpointIdentification, ClientTicket ticket) {
        tickets.computeIfAbsent(hostPort, k -> new java.util.ArrayDeque<>())
                .addFirst(new StoredTicket(ticket, endpointIdentification == null ? "" : endpointIdentification));
        ticketCount++;
        long now = System.currentTimeMillis();
        expireTickets(hostPort, now);
        trimTickets();
    }

    /**
     * Removes and returns the most recent usable ticket for {@code hostPort} (tickets are single-use,
     * RFC 8446 appendix C.4): unexpired (ticket lifetime and our session timeout), of a suite whose hash an
     * enabled suite has, for the server name we will send, and received with the same endpoint
     * identification algorithm.
     */
    synchronized ClientTicket takeTicket(String hostPort, List<dev.customtls.core.constants.CipherSuite> enabled,
                                         String serverName, String endpointIdentification, long now) {
        expireTickets(hostPort, now);
        java.util.Deque<StoredTicket> q = tickets.get(hostPort);
        if (q == null) {
            return null;
        }
        String eia = endpointIdentification == null ? "" : endpointIdentification;
        Iterator<StoredTicket> it = q.iterator();
        while (it.hasNext()) {
            StoredTicket st = it.next();
            ClientTicket t = st.ticket();
            boolean hashOk = false;
            for (dev.customtls.core.constants.CipherSuite s : enabled) {
                hashOk |= s.isTls13() && s.hash() == t.cipherSuite().hash();
            }
            if (hashOk && t.serverName().equalsIgnoreCase(serverName) && st.endpointIdentification().equalsIgnoreCase(eia)) {
                it.remove();
                ticketCount--;
                return t;
            }
        }
        return null;
    }

    /** Drops the expired tickets of one peer (only that peer's queue is scanned, so this stays cheap). */
    private void expireTickets(String hostPort, long now) {
        java.util.Deque<StoredTicket> q = tickets.get(hostPort);
        if (q == null) {
            return;
        }
        int before = q.size();
        q.removeIf(st -> ticketExpired(st, now));
        ticketCount -= before - q.size();
        if (q.isEmpty()) {
            tickets.remove(hostPort);
        }
    }

    private boolean ticketExpired(StoredTicket st, long now) {
        return st.ticket().isExpired(now)
                || (timeoutSeconds > 0 && now - st.ticket().receivedAtMillis() > timeoutSeconds * 1000L);
    }

    /** Bounds the ticket count by the cache size: the least recently added peer's oldest tickets go first. */
    private void trimTickets() {
        if (cacheSize > 0) {
            Iterator<java.util.Deque<StoredTicket>> qs = tickets.values().iterator();
            while (ticketCount > cacheSize && qs.hasNext()) {
                java.util.Deque<StoredTicket> q = qs.next();
                while (ticketCount > cacheSize && !q.isEmpty()) {
                    q.removeLast();
                    ticketCount--;
                }
                if (q.isEmpty()) {
                    qs.remove();
                }
            }
        }
    }

    /** Tickets held (for tests). */
    synchronized int ticketCount() {
        return ticketCount;
    }

    // ---------------------------------------------------------------------------------------------
    // Server: ticket keys, anti-replay store and the per-connection policy.

    /** 0-RTT freshness window: the largest accepted difference of client and server ticket ages (RFC 8446 8.3). */
    static final long FRESHNESS_WINDOW_MILLIS = 10_000;
    static final int ANTI_REPLAY_CAPACITY = 100_000;

    private TicketKeySource ticketKeys;
    private TicketSealer sealer;
    private AntiReplayStore antiReplay;
    private int newSessionTicketCount = 1;

    @Override
    public synchronized void setTicketKeySource(TicketKeySource source) {
        this.ticketKeys = java.util.Objects.requireNonNull(source, "source");
        this.sealer = null;
    }

    synchronized void setNewSessionTicketCount(int count) {
        this.newSessionTicketCount = count;
    }

    /** Ticket lifetime: the session timeout, at most seven days (RFC 8446 section 4.6.1). */
    private long ticketLifetimeSeconds() {
        return timeoutSeconds == 0 ? ServerTicketPolicy.MAX_LIFETIME_SECONDS
                : Math.min(timeoutSeconds, ServerTicketPolicy.MAX_LIFETIME_SECONDS);
    }

    synchronized ServerTicketPolicy ticketPolicy(TlsCrypto crypto, int maxEarlyData) {
        if (sealer == null) {
            sealer = new TicketSealer(crypto, ticketKeySource(crypto));
        }
        if (maxEarlyData > 0 && antiReplay == null) {
            antiReplay = new AntiReplayStore(ANTI_REPLAY_CAPACITY);
        }
        return new ServerTicketPolicy(sealer, newSessionTicketCount, ticketLifetimeSeconds(), Math.max(0, maxEarlyData),
                antiReplay, FRESHNESS_WINDOW_MILLIS);
    }

    /** The ticket keys of this (server) context, created on first use; TLS 1.2 tickets use them too. */
    synchronized TicketKeySource ticketKeySource(TlsCrypto crypto) {
        if (ticketKeys == null) {
            ticketKeys = new RotatingTicketKeySource(crypto.secureRandom(), ticketLifetimeSeconds() * 1000L);
        }
        return ticketKeys;
    }

    private void trim() {
        long now = System.currentTimeMillis();
        Iterator<CustomSSLSession> it = sessions.values().iterator();
        while (it.hasNext()) {
            CustomSSLSession s = it.next();
            if (expired(s, now) || !s.isValid()) {
                it.remove();
            }
        }
        if (cacheSize > 0) {
            it = sessions.values().iterator();
            while (sessions.size() > cacheSize && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }

    private boolean expired(CustomSSLSession s, long now) {
        return timeoutSeconds > 0 && now - s.getCreationTime() > timeoutSeconds * 1000L;
    }

    @Override
    public synchronized SSLSession getSession(byte[] sessionId) {
        if (sessionId == null) {
            throw new NullPointerException("session id cannot be null");
        }
        CustomSSLSession s = sessions.get(ByteBuffer.wrap(sessionId));
        if (s != null && (expired(s, System.currentTimeMillis()) || !s.isValid())) {
            sessions.remove(ByteBuffer.wrap(sessionId));
            return null;
        }
        return s;
    }

    @Override
    public synchronized Enumeration<byte[]> getIds() {
        trim();
        List<byte[]> ids = new ArrayList<>();
        for (ByteBuffer b : sessions.keySet()) {
            ids.add(b.array().clone());
        }
        return Collections.enumeration(ids);
    }

    @Override
    public synchronized void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        timeoutSeconds = seconds;
        trim();
    }

    @Override
    public synchronized int getSessionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public synchronized void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        cacheSize = size;
        trim();
    }

    @Override
    public synchronized int getSessionCacheSize() {
        return cacheSize;
    }
}
