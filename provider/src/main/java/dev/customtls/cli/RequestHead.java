package dev.customtls.cli;

import dev.customtls.core.text.Printable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the head of an HTTP-ish request with bounds: the first line, then header lines up to an empty line,
 * so a client such as {@code curl} has sent everything before the server answers and closes. Any first line
 * is accepted; a peer that closes early simply ends the head.
 *
 * @param requestLine the first line without its line ending (empty if the peer sent nothing)
 * @param headerLines how many header lines followed
 */
record RequestHead(String requestLine, int headerLines) {

    /** Longest line kept; longer lines are cut (the rest is read and dropped). */
    static final int MAX_LINE = 8192;

    /** Most header lines read before answering anyway. */
    static final int MAX_HEADER_LINES = 100;

    /** Reads a request head from {@code in}. */
    static RequestHead read(InputStream in) throws IOException {
        String first = readLine(in);
        if (first == null) {
            return new RequestHead("", 0);
        }
        int headers = 0;
        if (looksLikeHttp(first)) {
            String line;
            while (headers < MAX_HEADER_LINES && (line = readLine(in)) != null && !line.isEmpty()) {
                headers++;
            }
        }
        return new RequestHead(first, headers);
    }

    /** The request line with control characters replaced by {@code ?}, safe to print on a terminal. */
    String printableRequestLine() {
        return Printable.of(requestLine);
    }

    private static boolean looksLikeHttp(String line) {
        return line.contains(" HTTP/");
    }

    /** One line without its CR LF or LF, or {@code null} at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (buf.size() < MAX_LINE) {
                buf.write(b);
            }
        }
        if (!any) {
            return null;
        }
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
