package dev.customtls.ocsp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Server-side OCSP stapling settings, read from SunJSSE's system properties at {@code SSLContext.init}:
 * <ul>
 *   <li>{@code jdk.tls.server.enableStatusRequestExtension}: staple at all ({@code true}; default {@code false},
 *       as SunJSSE);</li>
 *   <li>{@code jdk.tls.stapling.responseTimeout}: milliseconds a handshake waits for a responder, also the
 *       HTTP connect and read timeouts (default 5000);</li>
 *   <li>{@code jdk.tls.stapling.cacheSize}: responses kept, one per certificate (default 256; 0 or less:
 *       unbounded, as SunJSSE);</li>
 *   <li>{@code jdk.tls.stapling.cacheLifetime}: seconds a response is reused at most, and never past its
 *       {@code nextUpdate} (default 3600; 0: every handshake fetches);</li>
 *   <li>{@code jdk.tls.stapling.responderURI}: the responder for certificates without one in their Authority
 *       Information Access extension; with {@code jdk.tls.stapling.responderOverride=true}, for all.</li>
 * </ul>
 *
 * @param enabled           whether servers staple
 * @param responseTimeout   how long a handshake waits for a response, and the HTTP timeouts of a fetch
 * @param cacheSize         responses kept at most; 0 or less: unbounded
 * @param cacheLifetime     how long a response is reused at most
 * @param responderUri      the default (or overriding) responder, or null
 * @param responderOverride whether {@code responderUri} replaces the certificates' own responders
 */
public record StaplingSettings(boolean enabled, Duration responseTimeout, int cacheSize, Duration cacheLifetime,
                               URI responderUri, boolean responderOverride) {

    public static final String ENABLE = "jdk.tls.server.enableStatusRequestExtension";

    /** Stapling off: the default. */
    public static final StaplingSettings DISABLED = new StaplingSettings(false, Duration.ofSeconds(5), 256,
            Duration.ofHours(1), null, false);

    /**
     * The settings the system properties give now. An unparsable number keeps its default, as SunJSSE does; an
     * unparsable responder URI is an error, since stapling would silently never work.
     *
     * @throws IllegalArgumentException for a {@code jdk.tls.stapling.responderURI} that is not an absolute URI
     */
    public static StaplingSettings fromSystemProperties() {
        boolean enabled = "true".equals(property(ENABLE, "false").toLowerCase(Locale.ROOT));
        if (!enabled) {
            return DISABLED;
        }
        long timeout = longProperty("jdk.tls.stapling.responseTimeout", 5000);
        long cacheSize = longProperty("jdk.tls.stapling.cacheSize", 256);
        long lifetime = longProperty("jdk.tls.stapling.cacheLifetime", 3600);
        String uri = property("jdk.tls.stapling.responderURI", "");
        URI responder = null;
        if (!uri.isEmpty()) {
            try {
                responder = new URI(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("jdk.tls.stapling.responderURI is not a URI: " + uri, e);
            }
            if (!responder.isAbsolute() || responder.getHost() == null) {
                throw new IllegalArgumentException("jdk.tls.stapling.responderURI is not an absolute http URI: " + uri);
            }
        }
        boolean override = "true".equals(property("jdk.tls.stapling.responderOverride", "false").toLowerCase(Locale.ROOT));
        return new StaplingSettings(true, Duration.ofMillis(Math.max(timeout, 0)),
                (int) Math.min(cacheSize, Integer.MAX_VALUE), Duration.ofSeconds(Math.max(lifetime, 0)), responder, override);
    }

    private static String property(String name, String dflt) {
        String v = System.getProperty(name);
        return v == null ? dflt : v.trim();
    }

    private static long longProperty(String name, long dflt) {
        String v = System.getProperty(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
