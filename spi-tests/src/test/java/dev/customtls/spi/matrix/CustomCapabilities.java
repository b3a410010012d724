package dev.customtls.spi.matrix;

import dev.customtls.spi.support.Providers;

import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * What {@code Custom} on the class path implements, detected at run time, so that a feature's rows join the
 * matrix as soon as the feature lands (and are listed as "not yet implemented in Custom" before).
 */
final class CustomCapabilities {

    /** The early-data API of the resumption branch. */
    static final String EARLY_DATA_ENGINE = "dev.customtls.jsse.EarlyDataEngine";
    /** The session-ticket code of the resumption branch (resumption without 0-RTT). */
    static final String RESUMPTION_STATE = "dev.customtls.core.session.ResumptionState";

    private final boolean tls12;
    private final boolean resumption;
    private final boolean earlyData;

    private CustomCapabilities(boolean tls12, boolean resumption, boolean earlyData) {
        this.tls12 = tls12;
        this.resumption = resumption;
        this.earlyData = earlyData;
    }

    static CustomCapabilities detect() {
        boolean tls12;
        try {
            SSLContext c = SSLContext.getInstance("TLS", Providers.require(Providers.CUSTOM));
            c.init(null, null, null);
            tls12 = Arrays.asList(c.getSupportedSSLParameters().getProtocols()).contains(Cell.TLS12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot query Custom", e);
        }
        return new CustomCapabilities(tls12, present(RESUMPTION_STATE), present(EARLY_DATA_ENGINE));
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, CustomCapabilities.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Null when Custom can run {@code cell}, else why not (the report says "not yet implemented"). */
    String missing(Cell cell) {
        if (Cell.TLS12.equals(cell.protocol()) && !tls12) {
            return "TLS 1.2 not yet implemented in Custom";
        }
        // TLS 1.2 resumption (session ID and RFC 5077 ticket) came with TLS 1.2 itself.
        if (cell.feature() == Feature.RESUMPTION && cell.tls13() && !resumption) {
            return "TLS 1.3 resumption not yet implemented in Custom";
        }
        if (cell.feature() == Feature.EARLY_DATA && !earlyData) {
            return "0-RTT not yet implemented in Custom";
        }
        return null;
    }

    @Override
    public String toString() {
        return "TLS 1.2: " + (tls12 ? "yes" : "not yet") + ", resumption: " + (resumption ? "yes" : "not yet")
                + ", 0-RTT: " + (earlyData ? "yes" : "not yet");
    }
}
