package dev.customtls.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints lines stamped with the milliseconds since the log was created. Safe to use from several threads
 * (client, server, and the provider's callbacks); each event's lines stay together.
 */
final class TraceLog {

    private final PrintStream out;
    private final long start;

    TraceLog(PrintStream out) {
        this.out = out;
        this.start = System.nanoTime();
    }

    /** Milliseconds since the log was created. */
    double elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000.0;
    }

    /** One line. */
    void line(String text) {
        event(text, List.of());
    }

    /** A heading line and its indented details, printed together with the same time stamp. */
    void event(String heading, List<String> details) {
        synchronized (out) {
            String stamp = String.format(Locale.ROOT, "%9.1f ms  ", elapsedMillis());
            out.println(stamp + heading);
            for (String d : details) {
                out.println(stamp + "    " + d);
            }
            out.flush();
        }
    }
}
