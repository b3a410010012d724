package dev.customtls.core.keyschedule;

import java.util.Arrays;

/**
 * The write key and IV derived from a traffic secret (RFC 8446 section 7.3). The arrays are the caller's
 * to keep or zero; {@link #toString()} never shows them.
 */
public record TrafficKeys(byte[] key, byte[] iv) {

    /** Zeroes both arrays. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(iv, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficKeys t && Arrays.equals(key, t.key) && Arrays.equals(iv, t.iv);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(iv);
    }

    @Override
    public String toString() {
        return "TrafficKeys[key=" + key.length + " bytes, iv=" + iv.length + " bytes]";
    }
}
