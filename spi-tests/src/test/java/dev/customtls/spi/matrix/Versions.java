package dev.customtls.spi.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Peer binaries: presence (a missing one fails the matrix) and version strings for the report. */
final class Versions {

    private Versions() {
    }

    /** Fails with a message naming the package when {@code binary} is not an executable file. */
    static void requireExecutable(String binary, String pkg) {
        if (!Files.isExecutable(Path.of(binary))) {
            throw new AssertionError("peer binary missing: " + binary + " (install " + pkg
                    + "; .ci/run installs it)");
        }
    }

    /** The first line {@code command} prints, or an empty string (bounded to 10 s). */
    static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                p.getOutputStream().close();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    return "";
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                int nl = out.indexOf('\n');
                return nl < 0 ? out : out.substring(0, nl).strip();
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Whether the first {@code major.minor} after {@code prefix} in {@code versionLine} is at least the one given
     * (e.g. {@code atLeast("OpenSSL 3.0.19 ...", "OpenSSL ", 3, 5)} is false); false when there is none.
     */
    static boolean atLeast(String versionLine, String prefix, int major, int minor) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix)
                + "(\\d+)\\.(\\d+)").matcher(versionLine);
        if (!m.find()) {
            return false;
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        return a > major || a == major && b >= minor;
    }
}
