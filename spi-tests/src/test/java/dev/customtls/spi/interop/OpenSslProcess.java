package dev.customtls.spi.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * An {@code openssl s_server} or {@code s_client} child process: its standard output and error are merged
 * and collected by a reader thread, its standard input takes commands and data, and {@link #close()} kills
 * it (the tests call it in a finally block, through try-with-resources).
 */
public final class OpenSslProcess implements AutoCloseable {

    /** The openssl binary (system property {@code spi.openssl}, default {@code /usr/bin/openssl}). */
    public static String binary() {
        return System.getProperty("spi.openssl", "/usr/bin/openssl");
    }

    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;
    private final OutputStream stdin;

    private OpenSslProcess(List<String> command, java.util.Map<String, String> environment) throws IOException {
        this.command = List.copyOf(command);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        this.process = pb.start();
        this.stdin = process.getOutputStream();
        InputStream stdout = process.getInputStream();
        this.reader = new Thread(() -> drain(stdout), "peer-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code openssl <args>}. */
    public static OpenSslProcess start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        return new OpenSslProcess(cmd, java.util.Map.of());
    }

    /**
     * Starts any peer command (gnutls-cli, curl, a child JVM) with the same output collection, stdin and
     * forcible stop as an openssl process.
     */
    public static OpenSslProcess command(List<String> command) throws IOException {
        return new OpenSslProcess(command, java.util.Map.of());
    }

    /** {@link #command(List)} with variables added to the environment (e.g. {@code OPENSSL_CONF}). */
    public static OpenSslProcess command(List<String> command, java.util.Map<String, String> environment)
            throws IOException {
        return new OpenSslProcess(command, environment);
    }

    /** The exit code, or -1 while the process runs. */
    public int exitValue() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Closes the process's standard input (end of file for the peer). */
    public void closeInput() throws IOException {
        stdin.close();
    }

    private void drain(InputStream stdout) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = stdout.read(buf)) >= 0) {
                synchronized (output) {
                    output.write(buf, 0, n);
                    output.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process was killed
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.ISO_8859_1);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Writes {@code text} to the process's standard input and flushes. */
    public void send(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.ISO_8859_1));
        stdin.flush();
    }

    /** Waits until the output contains {@code text} {@code times} times; false on timeout or exit. */
    public boolean awaitOutput(String text, int times, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (count(output.toString(StandardCharsets.ISO_8859_1), text) < times) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    return count(output.toString(StandardCharsets.ISO_8859_1), text) >= times;
                }
                output.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
            return true;
        }
    }

    /** Waits until the output contains {@code text}, or fails with the output so far. */
    /**
     * Waits for {@code marker} in the output and returns the rest of the line after its last occurrence, trimmed
     * (e.g. the hex after {@code "Keying material: "}).
     */
    public String valueAfter(String marker, Duration timeout) throws InterruptedException {
        expectOutput(marker, timeout);
        String out = output();
        int at = out.lastIndexOf(marker) + marker.length();
        int end = out.indexOf('\n', at);
        return out.substring(at, end < 0 ? out.length() : end).trim();
    }

    public void expectOutput(String text, Duration timeout) throws InterruptedException {
        expectOutput(text, 1, timeout);
    }

    public void expectOutput(String text, int times, Duration timeout) throws InterruptedException {
        if (!awaitOutput(text, times, timeout)) {
            throw new AssertionError("openssl did not print " + abbreviate(text) + " (" + times + "x) within "
                    + timeout + "; " + describe());
        }
    }

    /**
     * Waits for the process to exit; true if it did within the timeout. Then also (within the same timeout) for
     * the end of its output, so {@link #output()} holds everything it printed.
     */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        return true;
    }

    public static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** The command and the tail of its output, for failure messages. */
    public String describe() {
        String out = output();
        String tail = out.length() > 3000 ? "..." + out.substring(out.length() - 3000) : out;
        return "command " + String.join(" ", command) + (process.isAlive() ? " (running)" : " (exited "
                + process.exitValue() + ")") + ", output:\n" + tail;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? "'" + s.substring(0, 60) + "...'" : "'" + s + "'";
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Accepts this {@code s_client}'s connection on {@code listener} and wraps it with {@code engine}; an
     * accept failure names the process and its output.
     */
    public EngineOverSocket acceptInto(ServerSocket listener, SSLEngine engine, int timeoutMillis) throws IOException {
        Socket s;
        try {
            s = listener.accept();
        } catch (IOException e) {
            throw new IOException("openssl s_client did not connect; " + describe(), e);
        }
        return new EngineOverSocket(engine, s, timeoutMillis);
    }
}
