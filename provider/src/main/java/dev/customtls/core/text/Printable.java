package dev.customtls.core.text;

/** Makes peer-supplied text safe to print: control characters become {@code ?}, long text is cut. */
public final class Printable {

    /** Longest text printed from a peer. */
    static final int MAX = 200;

    private Printable() {
    }

    public static String of(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        if (text.length() > MAX) {
            sb.append("...");
        }
        return sb.toString();
    }
}
