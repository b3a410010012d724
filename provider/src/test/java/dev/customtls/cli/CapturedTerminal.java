package dev.customtls.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link Terminal} whose output the test reads back. */
final class CapturedTerminal {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Terminal terminal;

    CapturedTerminal() {
        this(new ByteArrayInputStream(new byte[0]));
    }

    CapturedTerminal(InputStream in) {
        terminal = new Terminal(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Runs a command line through {@link Main#run}, returning its exit code. */
    static Result run(String... args) {
        CapturedTerminal t = new CapturedTerminal();
        int code = Main.run(args, t.terminal);
        return new Result(code, t.out(), t.err());
    }

    /** Like {@link #run(String...)} with the given standard input. */
    static Result runWithInput(String input, String... args) {
        CapturedTerminal t = new CapturedTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        int code = Main.run(args, t.terminal);
        return new Result(code, t.out(), t.err());
    }

    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }
}
