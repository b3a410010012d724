package dev.customtls.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** Where a command reads its input and writes its output; tests pass their own streams. */
record Terminal(InputStream in, PrintStream out, PrintStream err) {

    static Terminal system() {
        return new Terminal(System.in, System.out, System.err);
    }
}
