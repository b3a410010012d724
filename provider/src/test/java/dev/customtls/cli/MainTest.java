package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

    @Test
    void noArgumentsPrintsUsage() {
        CapturedTerminal.Result r = CapturedTerminal.run();
        assertEquals(0, r.code(), r::toString);
        for (String word : new String[] {"demo", "serve", "connect", "help", "--provider NAME", "--trust-all",
            "--cafile PEM", "--servername N", "--alpn a,b", "--stdin", "--keystore F", "--storepass S", "--port P"}) {
            assertTrue(r.out().contains(word), () -> word + " missing from usage:\n" + r.out());
        }
    }

    @Test
    void helpPrintsUsage() {
        CapturedTerminal.Result r = CapturedTerminal.run("help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("usage:"), r::toString);
    }

    @Test
    void commandHelpPrintsThatCommandsOptions() {
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("connect [options] HOST:PORT"), r::toString);
    }

    /** Unknown options and bad command lines: one line on standard error, exit code 2, nothing run. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo --bogus                          | customtls demo: unknown option --bogus for 'demo' (try 'help')",
        "serve --port 1 --bogus=3              | customtls serve: unknown option --bogus for 'serve' (try 'help')",
        "connect localhost:1 --bogus           | customtls connect: unknown option --bogus for 'connect' (try 'help')",
        "connect                               | customtls connect: 'connect' needs HOST:PORT (try 'help')",
        "connect localhost                     | customtls connect: expected HOST:PORT, got 'localhost' (try 'help')",
        "connect a:1 b:2                       | customtls connect: unexpected argument 'b:2' for 'connect' (try 'help')",
        "connect a:1 --trust-all --cafile x    | customtls connect: --trust-all and --cafile exclude each other (try 'help')",
        "connect a:1 --timeout 0               | customtls connect: --timeout must be between 1 and 3600: 0 (try 'help')",
        "serve --port 70000                    | customtls serve: --port must be between 0 and 65535: 70000 (try 'help')",
        "serve --keystore x.p12                | customtls serve: --keystore needs --storepass (try 'help')",
        "serve --storepass x                   | customtls serve: --storepass needs --keystore (try 'help')",
        "demo --key-type dsa                   | customtls demo: unknown --key-type dsa (ec-p256, ec-p384, rsa-2048, ed25519) (try 'help')",
        "frobnicate                            | customtls: unknown command 'frobnicate' (try 'help')",
    })
    void badCommandLinesExitWithTwo(String line, String message) {
        CapturedTerminal.Result r = CapturedTerminal.run(line.split(" +"));
        assertEquals(Main.EXIT_USAGE, r.code(), r::toString);
        assertEquals(message + System.lineSeparator(), r.err(), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void unknownProviderFailsWithOneClearLine() {
        CapturedTerminal.Result r = CapturedTerminal.run("demo", "--provider", "NoSuchProvider");
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertTrue(r.err().startsWith("customtls demo: no security provider named 'NoSuchProvider' (installed: "),
                r::toString);
        assertTrue(r.err().contains("SunJSSE"), r::toString);
    }

    @Test
    void missingProviderClassIsNamed() {
        CapturedTerminal.Result r = CapturedTerminal.run("connect", "localhost:1", "--provider",
                "dev.customtls.cli.NoSuchProviderClass");
        assertEquals(Main.EXIT_FAILURE, r.code(), r::toString);
        assertEquals("customtls connect: provider class dev.customtls.cli.NoSuchProviderClass is not on the class path"
                + System.lineSeparator(), r.err(), r::toString);
    }
}
