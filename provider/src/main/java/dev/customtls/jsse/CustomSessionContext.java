package dev.customtls.jsse;

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
 * evicted first) and timeout, as {@code SSLSessionContext} specifies. Defaults as SunJSSE: 20480 entries,
 * 86400 seconds.
 */
final class CustomSessionContext implements SSLSessionContext {
    private final Map<ByteBuffer, CustomSSLSession> sessions = new LinkedHashMap<>();
    private int cacheSize = 20480;
    private int timeoutSeconds = 86400;

    synchronized void add(CustomSSLSession session) {
        byte[] id = session.getId();
        if (id.length == 0) {
            return;
        }
        sessions.put(ByteBuffer.wrap(id), session);
        trim();
    }

    synchronized void remove(CustomSSLSession session) {
        sessions.remove(ByteBuffer.wrap(session.getId()));
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
