package dev.customtls.bench.harness;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class KnownGapsTest {

    @Test
    void idleConscryptEnginesAreCappedByTheOpenFilesLimit() {
        long limit = KnownGaps.maxFileDescriptors();
        assumeTrue(limit > 0, "this JVM does not report its open-files limit");
        int tooMany = (int) Math.min(Integer.MAX_VALUE, limit / 4 + 1);
        String reason = KnownGaps.idleConnectionsReason(ProviderKind.CONSCRYPT, tooMany);
        assertNotNull(reason);
        assertTrue(reason.contains(tooMany + " pairs") && reason.contains("limit of " + limit), reason);
        // the other providers open no descriptor per engine
        for (ProviderKind k : ProviderKind.values()) {
            if (k != ProviderKind.CONSCRYPT) {
                assertNull(KnownGaps.idleConnectionsReason(k, tooMany), k.toString());
            }
        }
        // a count that fits with the headroom is no gap
        int fits = (int) Math.max(0, (limit - KnownGaps.FD_HEADROOM) / (2 * KnownGaps.CONSCRYPT_FDS_PER_ENGINE));
        assertNull(KnownGaps.idleConnectionsReason(ProviderKind.CONSCRYPT, fits));
    }
}
