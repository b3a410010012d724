package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLSessionContext;
import org.junit.jupiter.api.Test;

/**
 * The server session cache stays bounded by {@code setSessionCacheSize} and evicts the oldest sessions first,
 * with a constant amount of work per added session (a full scan per handshake once cost a fifth of a
 * handshake's CPU time with the default 20,480 entries).
 */
class SessionCacheBoundsTest {

    @Test
    void oldestSessionsAreEvictedBeyondTheCacheSize() throws Exception {
        ResumptionEngineTest.Side server = new ResumptionEngineTest.Side("Custom");
        SSLSessionContext cache = server.ctx.getServerSessionContext();
        cache.setSessionCacheSize(3);
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // a fresh client each time, so every handshake is a full one with a new server session
            EnginePair pair =
                    ResumptionEngineTest.connect(new ResumptionEngineTest.Side("Custom"), server, null, 0, null);
            ids.add(pair.server.getSession().getId());
        }
        List<ByteBuffer> cached = new ArrayList<>();
        for (byte[] id : Collections.list(cache.getIds())) {
            cached.add(ByteBuffer.wrap(id));
        }
        assertEquals(List.of(ByteBuffer.wrap(ids.get(3)), ByteBuffer.wrap(ids.get(4)), ByteBuffer.wrap(ids.get(5))),
                cached, "the three most recent sessions, oldest first");
        assertNull(cache.getSession(ids.get(2)));
        assertNotNull(cache.getSession(ids.get(5)));

        cache.getSession(ids.get(4)).invalidate();
        assertNull(cache.getSession(ids.get(4)));
        cache.setSessionCacheSize(1);
        assertEquals(1, Collections.list(cache.getIds()).size());
        assertNotNull(cache.getSession(ids.get(5)));
    }

    /** As SunJSSE: javax.net.ssl.sessionCacheSize sets the default size (0 = unlimited; junk = 20480). */
    @Test
    void defaultSizeFollowsTheSystemProperty() {
        String old = System.getProperty("javax.net.ssl.sessionCacheSize");
        try {
            System.setProperty("javax.net.ssl.sessionCacheSize", "123");
            assertEquals(123, new CustomSessionContext().getSessionCacheSize());
            System.setProperty("javax.net.ssl.sessionCacheSize", "0");
            assertEquals(0, new CustomSessionContext().getSessionCacheSize());
            System.setProperty("javax.net.ssl.sessionCacheSize", "-5");
            assertEquals(20480, new CustomSessionContext().getSessionCacheSize());
            System.setProperty("javax.net.ssl.sessionCacheSize", "lots");
            assertEquals(20480, new CustomSessionContext().getSessionCacheSize());
            System.clearProperty("javax.net.ssl.sessionCacheSize");
            assertEquals(20480, new CustomSessionContext().getSessionCacheSize());
        } finally {
            if (old == null) {
                System.clearProperty("javax.net.ssl.sessionCacheSize");
            } else {
                System.setProperty("javax.net.ssl.sessionCacheSize", old);
            }
        }
    }
}
