package dev.customtls.spi.support;

/**
 * Application data for transfer tests: a pattern that depends on the offset (including its higher bytes)
 * and on a seed, so a lost, duplicated, reordered or cross-wired record shows up as a mismatch.
 */
public final class TestData {

    /** Data sizes that exercise one byte, a small write, a record boundary + 1 and many records. */
    public static final int[] SIZES = {1, 1024, 16 * 1024 + 1, 1024 * 1024};

    private TestData() {
    }

    public static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = at(i, seed);
        }
        return b;
    }

    /** The pattern byte at {@code offset}. */
    public static byte at(int offset, int seed) {
        return (byte) (offset * 31 + (offset >>> 8) * 7 + (offset >>> 16) * 13 + seed * 101);
    }

    /** The pattern as printable ASCII text of the given length (for line-based peers such as openssl). */
    public static String text(int length, int seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt((at(i, seed) & 0xff) % alphabet.length()));
        }
        return sb.toString();
    }

    /** The first offset where {@code actual} differs from the pattern, or -1. */
    public static int firstMismatch(byte[] actual, int length, int seed) {
        for (int i = 0; i < length; i++) {
            if (actual[i] != at(i, seed)) {
                return i;
            }
        }
        return -1;
    }
}
