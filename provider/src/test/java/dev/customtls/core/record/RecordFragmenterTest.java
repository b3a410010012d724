package dev.customtls.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.error.TlsAlertException;

import org.junit.jupiter.api.Test;

class RecordFragmenterTest {

    @Test
    void fragmentCountIsCeilingDivision() {
        assertEquals(0, RecordFragmenter.fragmentCount(0, 16384));
        assertEquals(1, RecordFragmenter.fragmentCount(1, 16384));
        assertEquals(1, RecordFragmenter.fragmentCount(16384, 16384));
        assertEquals(2, RecordFragmenter.fragmentCount(16385, 16384));
        assertEquals(64, RecordFragmenter.fragmentCount(1 << 20, 16384));
        assertEquals(3, RecordFragmenter.fragmentCount(127, 63));
        assertEquals(7, RecordFragmenter.fragmentCount(7, 1));
        assertEquals(1, RecordFragmenter.fragmentCount(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(131072, RecordFragmenter.fragmentCount(Integer.MAX_VALUE, 16384));
    }

    @Test
    void fragmentLengthsAddUp() {
        int[][] cases = {{1, 16384}, {16385, 16384}, {100, 63}, {126, 63}, {40000, 16383}};
        for (int[] c : cases) {
            int count = RecordFragmenter.fragmentCount(c[0], c[1]);
            int sum = 0;
            for (int i = 0; i < count; i++) {
                int f = RecordFragmenter.fragmentLength(c[0], c[1], i);
                assertEquals(true, f > 0 && f <= c[1]);
                sum += f;
            }
            assertEquals(c[0], sum);
        }
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(TlsAlertException.class,
                () -> RecordFragmenter.fragmentLength(10, 5, 2)).alert());
    }

    @Test
    void invalidArgumentsAreInternalErrors() {
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(TlsAlertException.class,
                () -> RecordFragmenter.fragmentCount(-1, 10)).alert());
        assertEquals(AlertDescription.INTERNAL_ERROR, assertThrows(TlsAlertException.class,
                () -> RecordFragmenter.fragmentCount(10, 0)).alert());
    }

    @Test
    void maxFragmentFromRecordSizeLimit() {
        assertEquals(16384, RecordFragmenter.maxFragment(ProtocolVersion.TLS13, 0));
        assertEquals(16384, RecordFragmenter.maxFragment(ProtocolVersion.TLS12, 0));
        assertEquals(63, RecordFragmenter.maxFragment(ProtocolVersion.TLS13, 64));
        assertEquals(64, RecordFragmenter.maxFragment(ProtocolVersion.TLS12, 64));
        assertEquals(16384, RecordFragmenter.maxFragment(ProtocolVersion.TLS13, 16385));
        assertEquals(16384, RecordFragmenter.maxFragment(ProtocolVersion.TLS12, 16385));
        assertEquals(16384, RecordFragmenter.maxFragment(ProtocolVersion.TLS13, 65535));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, assertThrows(TlsAlertException.class,
                () -> RecordFragmenter.maxFragment(ProtocolVersion.TLS13, 63)).alert());
    }
}
