package dev.customtls.ocsp;

import java.time.Instant;

/**
 * A checked OCSP response for one certificate, ready to staple.
 *
 * @param der          the {@code OCSPResponse} as the responder sent it (shared, never changed)
 * @param fetched      when it arrived
 * @param expires      when it may no longer be stapled: its {@code nextUpdate} or the cache lifetime, whichever
 *                     comes first
 * @param refreshAfter when a fresh one is fetched in the background, while this one is still stapled
 */
public record StapledResponse(byte[] der, Instant fetched, Instant expires, Instant refreshAfter) {

    boolean isUsableAt(Instant now) {
        return now.isBefore(expires);
    }

    @Override
    public String toString() {
        return "StapledResponse[" + der.length + " bytes, fetched " + fetched + ", expires " + expires + "]";
    }
}
