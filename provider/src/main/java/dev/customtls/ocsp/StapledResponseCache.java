package dev.customtls.ocsp;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The OCSP responses a server staples (RFC 6066 section 8), one per end-entity certificate, fetched from the
 * responder when first needed and kept until they expire (see {@link StapledResponse}).
 *
 * <p>A handshake that finds no usable response waits for one fetch, at most {@code jdk.tls.stapling.responseTimeout};
 * concurrent handshakes for the same certificate share that fetch; a fetch that outlives the wait still fills
 * the cache for the next handshakes, which do not wait for it again (a timeout of zero: handshakes never wait, and staple what earlier fetches
 * brought). Past half its life a response is renewed in the background while it is
 * still stapled, so a busy server never waits for a responder again. A failed fetch (unreachable responder,
 * a response we could not staple) is not retried for {@link #RETRY_AFTER_FAILURE}, so a responder that is down
 * costs one handshake one wait, not every handshake, and is not asked again by every handshake meanwhile (the
 * response in hand, if any, is still stapled until it expires). Fetches run on at most {@link #FETCH_THREADS} daemon
 * threads, which end when idle.
 */
public final class StapledResponseCache {
    /** Longest OCSP response we staple: typical ones are 0.5 to 3 KB; a client's handshake message limit is 32 KB. */
    public static final int MAX_RESPONSE_LENGTH = 16 * 1024;
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    /**
     * The shortest HTTP timeout of a fetch: a fetch may outlive the handshake's wait (it fills the cache for the
     * next ones), so a short (or zero: never wait) response timeout does not cut it short.
     */
    static final Duration MIN_FETCH_TIMEOUT = Duration.ofSeconds(5);
    static final int FETCH_THREADS = 4;

    private final StaplingSettings settings;
    private final OcspTransport transport;
    private final Clock clock;
    private final Consumer<String> diagnostics;
    private final ThreadPoolExecutor fetchers;
    /** Guarded by itself; in access order, for eviction of the least recently used certificate. */
    private final LinkedHashMap<X509Certificate, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** What is known about one certificate; guarded by the cache's map. */
    private static final class Entry {
        StapledResponse current;
        CompletableFuture<StapledResponse> fetching;
        /** A handshake already waited for {@code fetching} in vain: the next ones do not wait for it. */
        boolean fetchingOverdue;
        Instant retryAfter;
    }

    /**
     * @param diagnostics receives one line per fetch (success or the reason of a failure); public values only
     */
    public StapledResponseCache(StaplingSettings settings, OcspTransport transport, Clock clock,
                                Consumer<String> diagnostics) {
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
        this.diagnostics = diagnostics;
        AtomicInteger n = new AtomicInteger();
        this.fetchers = new ThreadPoolExecutor(FETCH_THREADS, FETCH_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "Custom OCSP stapling " + n.incrementAndGet());
                    t.setDaemon(true);
                    // Not the creating handshake's (an application server's web application) class loader,
                    // which an idle thread of ours would otherwise keep alive after its undeployment.
                    t.setContextClassLoader(StapledResponseCache.class.getClassLoader());
                    return t;
                });
        this.fetchers.allowCoreThreadTimeOut(true);
    }

    /** A cache with the JDK's HTTP client and the system clock. */
    public static StapledResponseCache create(StaplingSettings settings, Consumer<String> diagnostics) {
        return new StapledResponseCache(settings, new HttpOcspTransport(), Clock.systemUTC(), diagnostics);
    }

    /**
     * The OCSP response to staple for {@code chain}'s end-entity certificate, or null when there is none in
     * time. Blocks at most the response timeout. Never throws: stapling is an optimisation for the client, and
     * a server without a response completes the handshake without one.
     */
    public byte[] responseFor(List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        Instant now = clock.instant();
        CompletableFuture<StapledResponse> wait;
        Entry e;
        synchronized (entries) {
            e = entries.computeIfAbsent(leaf, k -> new Entry());
            evictIfFull();
            boolean mayFetch = e.fetching == null && (e.retryAfter == null || !now.isBefore(e.retryAfter));
            if (e.current != null && e.current.isUsableAt(now)) {
                if (!now.isBefore(e.current.refreshAfter()) && mayFetch) {
                    e.fetching = fetch(leaf, chain, e);
                }
                return e.current.der();
            }
            e.current = null;
            if (e.fetching == null) {
                if (!mayFetch) {
                    return null;
                }
                e.fetching = fetch(leaf, chain, e);
            } else if (e.fetchingOverdue) {
                return null;
            }
            wait = e.fetching;
        }
        try {
            StapledResponse r = wait.get(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return r == null ? null : r.der();
        } catch (TimeoutException timeout) {
            synchronized (entries) {
                if (e.fetching == wait) {
                    e.fetchingOverdue = true;
                }
            }
            diagnostics.accept("No OCSP response for " + OcspQuery.subject(leaf) + " within "
                    + settings.responseTimeout().toMillis() + " ms; handshake continues without stapling");
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException failure) {
            return null; // reported by the fetch
        }
    }

    /** Drops the least recently used certificates beyond the size limit; caller holds the map's lock. */
    private void evictIfFull() {
        if (settings.cacheSize() <= 0) {
            return;
        }
        Iterator<Map.Entry<X509Certificate, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > settings.cacheSize() && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Starts fetching; the result (null on failure) lands in {@code e} if it is still cached. */
    private CompletableFuture<StapledResponse> fetch(X509Certificate leaf, List<X509Certificate> chain, Entry e) {
        CompletableFuture<StapledResponse> f = new CompletableFuture<>();
        fetchers.execute(() -> {
            StapledResponse r = null;
            try {
                r = fetchNow(chain);
            } catch (OcspFailure | RuntimeException failure) {
                diagnostics.accept("No OCSP response to staple for " + OcspQuery.subject(leaf) + ": "
                        + failure.getMessage());
            }
            synchronized (entries) {
                e.fetching = null;
                e.fetchingOverdue = false;
                if (r != null) {
                    e.current = r;
                    e.retryAfter = null;
                } else {
                    e.retryAfter = clock.instant().plus(RETRY_AFTER_FAILURE);
                }
            }
            f.complete(r);
        });
        return f;
    }

    private StapledResponse fetchNow(List<X509Certificate> chain) throws OcspFailure {
        OcspQuery query = OcspQuery.forChain(chain);
        URI responder = query.responder(settings.responderUri(), settings.responderOverride());
        byte[] der;
        try {
            Duration timeout = settings.responseTimeout().compareTo(MIN_FETCH_TIMEOUT) > 0
                    ? settings.responseTimeout() : MIN_FETCH_TIMEOUT;
            der = transport.post(responder, query.request(), timeout, MAX_RESPONSE_LENGTH);
        } catch (java.io.IOException e) {
            throw new OcspFailure("OCSP responder " + responder + " did not answer: " + e, e);
        }
        StapledResponse r = query.accept(der, clock.instant(), settings.cacheLifetime());
        diagnostics.accept("OCSP response for " + OcspQuery.subject(query.certificate()) + " from " + responder + ": "
                + der.length + " bytes, stapled until " + r.expires());
        return r;
    }
}
