package dev.customtls.ocsp;

import dev.customtls.pki.TestPki;
import dev.customtls.pki.TestPki.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** When the stapling cache fetches, what it serves meanwhile, and how it bounds a handshake's wait. */
@Timeout(30)
class StapledResponseCacheTest {
    private static final TestPki PKI = TestPki.create("StapledResponseCacheTest CA");
    private static final URI RESPONDER = URI.create("http://ocsp.example.test/");
    private static final TestPki.Credential LEAF = PKI.issueWithOcspResponder(KeyType.EC_P256, RESPONDER, "a.test");
    private static final TestPki.Credential OTHER = PKI.issueWithOcspResponder(KeyType.EC_P256, RESPONDER, "b.test");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** A responder answering from the test's PKI, counting requests; it can fail or stall. */
    private static final class FakeResponder implements OcspTransport {
        final AtomicInteger requests = new AtomicInteger();
        final List<URI> asked = Collections.synchronizedList(new ArrayList<>());
        final List<Duration> timeouts = Collections.synchronizedList(new ArrayList<>());
        final MovableClock clock;
        volatile boolean down;
        volatile CountDownLatch stall;
        volatile Duration validity = Duration.ofDays(1);

        FakeResponder(MovableClock clock) {
            this.clock = clock;
        }

        @Override
        public byte[] post(URI responder, byte[] request, Duration timeout, int maxLength) throws IOException {
            requests.incrementAndGet();
            asked.add(responder);
            timeouts.add(timeout);
            CountDownLatch s = stall;
            if (s != null) {
                try {
                    s.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (down) {
                throw new java.net.ConnectException("Connection refused");
            }
            try {
                org.bouncycastle.cert.ocsp.OCSPReq req = new org.bouncycastle.cert.ocsp.OCSPReq(request);
                Instant now = clock.instant();
                return TestOcspResponses.build(PKI, req.getRequestList()[0].getCertID().getSerialNumber(), false,
                        now.minusSeconds(60), now.plus(validity), PKI.ca().keyPair());
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    private final MovableClock clock = new MovableClock();
    private final FakeResponder responder = new FakeResponder(clock);
    private final List<String> diagnostics = Collections.synchronizedList(new ArrayList<>());

    private StapledResponseCache cache(Duration timeout, int size, Duration lifetime) {
        return new StapledResponseCache(new StaplingSettings(true, timeout, size, lifetime, null, false), responder,
                clock, diagnostics::add);
    }

    private StapledResponseCache cache() {
        return cache(Duration.ofSeconds(5), 256, Duration.ofHours(1));
    }

    private static void awaitRequests(FakeResponder r, int n) throws InterruptedException {
        for (int i = 0; i < 500 && r.requests.get() < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, r.requests.get());
    }

    @Test
    void firstHandshakeFetchesTheRestReuse() throws Exception {
        StapledResponseCache cache = cache();
        byte[] first = cache.responseFor(LEAF.chain());
        assertNotNull(first);
        OcspQuery.forChain(LEAF.chain()).accept(first, clock.instant(), Duration.ofHours(1)); // a valid response
        for (int i = 0; i < 10; i++) {
            assertSame(first, cache.responseFor(LEAF.chain()));
        }
        assertEquals(1, responder.requests.get());
        assertEquals(List.of(RESPONDER), responder.asked, "the responder of the certificate's AIA");
        assertTrue(diagnostics.get(0).contains("stapled until"), diagnostics::toString);
    }

    @Test
    void renewedInTheBackgroundPastHalfItsLifeAndRefetchedWhenExpired() throws Exception {
        StapledResponseCache cache = cache();
        byte[] first = cache.responseFor(LEAF.chain());
        clock.advance(Duration.ofMinutes(31)); // past half of the one-hour lifetime
        assertSame(first, cache.responseFor(LEAF.chain()), "the old one is stapled while renewing");
        awaitRequests(responder, 2);
        byte[] renewed = null;
        for (int i = 0; i < 500 && (renewed == null || renewed == first); i++) {
            renewed = cache.responseFor(LEAF.chain());
            Thread.sleep(5);
        }
        assertNotSame(first, renewed, "the renewed response replaces it");
        assertEquals(2, responder.requests.get());

        clock.advance(Duration.ofHours(2)); // the renewed one expired too: the handshake waits for a fetch
        byte[] third = cache.responseFor(LEAF.chain());
        assertNotNull(third);
        assertNotSame(renewed, third);
        assertEquals(3, responder.requests.get());
    }

    @Test
    void failedRenewalKeepsTheResponseAndBacksOff() throws Exception {
        StapledResponseCache cache = cache();
        byte[] first = cache.responseFor(LEAF.chain());
        responder.down = true;
        clock.advance(Duration.ofMinutes(31)); // renewal due
        assertSame(first, cache.responseFor(LEAF.chain()));
        awaitRequests(responder, 2);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(5);
            assertSame(first, cache.responseFor(LEAF.chain()), "still valid: still stapled");
        }
        assertEquals(2, responder.requests.get(), "a failed renewal is not retried by every handshake");
        clock.advance(StapledResponseCache.RETRY_AFTER_FAILURE.plusSeconds(1));
        responder.down = false;
        assertSame(first, cache.responseFor(LEAF.chain()));
        awaitRequests(responder, 3);
    }

    @Test
    void nextUpdateBoundsTheCache() throws Exception {
        responder.validity = Duration.ofMinutes(10);
        StapledResponseCache cache = cache();
        byte[] first = cache.responseFor(LEAF.chain());
        clock.advance(Duration.ofMinutes(11));
        byte[] second = cache.responseFor(LEAF.chain());
        assertNotSame(first, second, "past nextUpdate a response is never stapled");
        assertEquals(2, responder.requests.get());
    }

    @Test
    void zeroLifetimeFetchesForEveryHandshake() {
        StapledResponseCache cache = cache(Duration.ofSeconds(5), 256, Duration.ZERO);
        assertNotNull(cache.responseFor(LEAF.chain()));
        assertNotNull(cache.responseFor(LEAF.chain()));
        assertEquals(2, responder.requests.get());
    }

    @Test
    void responderDownCostsOneHandshakeThenWaitsBeforeRetrying() throws Exception {
        responder.down = true;
        StapledResponseCache cache = cache();
        assertNull(cache.responseFor(LEAF.chain()));
        assertNull(cache.responseFor(LEAF.chain()));
        assertEquals(1, responder.requests.get(), "no retry within " + StapledResponseCache.RETRY_AFTER_FAILURE);
        assertTrue(diagnostics.get(0).contains("did not answer") && diagnostics.get(0).contains("Connection refused"),
                diagnostics::toString);
        responder.down = false;
        clock.advance(StapledResponseCache.RETRY_AFTER_FAILURE.plusSeconds(1));
        assertNotNull(cache.responseFor(LEAF.chain()));
        assertEquals(2, responder.requests.get());
    }

    @Test
    void slowResponderBoundsTheWaitAndStillFillsTheCache() throws Exception {
        responder.stall = new CountDownLatch(1);
        StapledResponseCache cache = cache(Duration.ofMillis(1500), 256, Duration.ofHours(1));
        long start = System.nanoTime();
        assertNull(cache.responseFor(LEAF.chain()));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 1400 && waited < 5000, "waited " + waited + " ms");
        start = System.nanoTime();
        assertNull(cache.responseFor(LEAF.chain()), "still fetching");
        waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited < 1000, "the second handshake waited again for the overdue fetch: " + waited + " ms");
        assertEquals(1, responder.requests.get());
        assertTrue(diagnostics.stream().anyMatch(d -> d.contains("within 1500 ms")), diagnostics::toString);
        responder.stall.countDown();
        byte[] later = null;
        for (int i = 0; i < 500 && later == null; i++) {
            Thread.sleep(10);
            later = cache.responseFor(LEAF.chain());
        }
        assertNotNull(later, "the fetch that outlived the wait filled the cache");
        assertEquals(1, responder.requests.get());
    }

    @Test
    void zeroTimeoutNeverWaitsAndStaplesOnceFetched() throws Exception {
        responder.stall = new CountDownLatch(1);
        StapledResponseCache cache = cache(Duration.ZERO, 256, Duration.ofHours(1));
        assertNull(cache.responseFor(LEAF.chain()), "nothing cached yet, and no wait");
        awaitRequests(responder, 1);
        assertEquals(StapledResponseCache.MIN_FETCH_TIMEOUT, responder.timeouts.get(0), "the fetch has its own timeout");
        responder.stall.countDown();
        byte[] later = null;
        for (int i = 0; i < 500 && later == null; i++) {
            Thread.sleep(10);
            later = cache.responseFor(LEAF.chain());
        }
        assertNotNull(later);
        assertEquals(1, responder.requests.get());
    }

    @Test
    void concurrentHandshakesShareOneFetch() throws Exception {
        responder.stall = new CountDownLatch(1);
        StapledResponseCache cache = cache();
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.responseFor(LEAF.chain());
                }));
            }
            awaitRequests(responder, 1);
            Thread.sleep(100);
            responder.stall.countDown();
            byte[] first = results.get(0).get();
            assertNotNull(first);
            for (Future<byte[]> f : results) {
                assertSame(first, f.get());
            }
            assertEquals(1, responder.requests.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leastRecentlyUsedCertificateIsEvicted() {
        StapledResponseCache cache = cache(Duration.ofSeconds(5), 1, Duration.ofHours(1));
        assertNotNull(cache.responseFor(LEAF.chain()));
        assertNotNull(cache.responseFor(OTHER.chain()));
        assertNotNull(cache.responseFor(LEAF.chain()));
        assertEquals(3, responder.requests.get(), "a cache of one holds one certificate's response");
        StapledResponseCache two = cache(Duration.ofSeconds(5), 2, Duration.ofHours(1));
        two.responseFor(LEAF.chain());
        two.responseFor(OTHER.chain());
        two.responseFor(LEAF.chain());
        two.responseFor(OTHER.chain());
        assertEquals(5, responder.requests.get());
    }

    @Test
    void nothingToStapleWithoutIssuerOrResponder() {
        StapledResponseCache cache = cache();
        assertNull(cache.responseFor(List.of(LEAF.certificate())));
        TestPki.Credential plain = PKI.issue(KeyType.EC_P256, "plain.test");
        assertNull(cache.responseFor(plain.chain()));
        assertEquals(0, responder.requests.get());
        assertTrue(diagnostics.stream().anyMatch(d -> d.contains("no issuer")), diagnostics::toString);
        assertTrue(diagnostics.stream().anyMatch(d -> d.contains("names no OCSP responder")), diagnostics::toString);
    }

    @Test
    void configuredResponderForCertificatesWithoutOneOrForAll() {
        URI configured = URI.create("http://127.0.0.1:1/configured");
        TestPki.Credential plain = PKI.issue(KeyType.EC_P256, "plain.test");
        new StapledResponseCache(new StaplingSettings(true, Duration.ofSeconds(5), 256, Duration.ofHours(1),
                configured, false), responder, clock, diagnostics::add).responseFor(plain.chain());
        new StapledResponseCache(new StaplingSettings(true, Duration.ofSeconds(5), 256, Duration.ofHours(1),
                configured, true), responder, clock, diagnostics::add).responseFor(LEAF.chain());
        assertEquals(List.of(configured, configured), responder.asked);
    }

    @Test
    void settingsFromSunJssePropertiesWithItsDefaults() throws Exception {
        StaplingSettings off = withProperties(new String[0]);
        assertFalse(off.enabled());
        StaplingSettings on = withProperties(new String[] {StaplingSettings.ENABLE, "true"});
        assertEquals(new StaplingSettings(true, Duration.ofMillis(5000), 256, Duration.ofSeconds(3600), null, false), on);
        StaplingSettings set = withProperties(new String[] {StaplingSettings.ENABLE, "TRUE",
                "jdk.tls.stapling.responseTimeout", "750", "jdk.tls.stapling.cacheSize", "0",
                "jdk.tls.stapling.cacheLifetime", "nonsense", "jdk.tls.stapling.responderURI", "http://r.test/x",
                "jdk.tls.stapling.responderOverride", "true"});
        assertEquals(new StaplingSettings(true, Duration.ofMillis(750), 0, Duration.ofSeconds(3600),
                URI.create("http://r.test/x"), true), set);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> withProperties(new String[] {
                StaplingSettings.ENABLE, "true", "jdk.tls.stapling.responderURI", "not a uri"}));
        assertTrue(bad.getMessage().contains("jdk.tls.stapling.responderURI"), bad::getMessage);
    }

    private static StaplingSettings withProperties(String[] pairs) throws Exception {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        for (String k : new String[] {StaplingSettings.ENABLE, "jdk.tls.stapling.responseTimeout",
                "jdk.tls.stapling.cacheSize", "jdk.tls.stapling.cacheLifetime", "jdk.tls.stapling.responderURI",
                "jdk.tls.stapling.responderOverride"}) {
            assertNull(System.getProperty(k), k + " set outside the test");
        }
        return dev.customtls.jsse.TemporaryProperties.with(map, StaplingSettings::fromSystemProperties);
    }
}
