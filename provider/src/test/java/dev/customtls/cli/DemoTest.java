package dev.customtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code demo --provider SunJSSE}: every section is printed, in order, each line with its time stamp. */
class DemoTest {

    static final String STAMP = "^ *\\d+\\.\\d ms  .*";

    static CapturedTerminal.Result demo(String provider, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "demo";
        args[1] = "--provider";
        args[2] = provider;
        System.arraycopy(extra, 0, args, 3, extra.length);
        CapturedTerminal.Result r = CapturedTerminal.run(args);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().lines().allMatch(l -> l.matches(STAMP)), r::toString);
        return r;
    }

    /** Asserts each marker appears, after the previous one. */
    static void assertInOrder(String out, List<String> markers) {
        int at = 0;
        for (String m : markers) {
            int found = out.indexOf(m, at);
            int from = at;
            assertTrue(found >= 0, () -> "'" + m + "' missing after offset " + from + " in\n" + out);
            at = found + m.length();
        }
    }

    @Test
    void sunJssePrintsEverySectionAfterTheFact() {
        String out = demo("SunJSSE").out();
        assertInOrder(out, List.of(
                "customtls demo: provider SunJSSE",
                "test PKI ready",
                "server listening on 127.0.0.1:",
                "live tracing needs --provider Custom",
                "verified against the test CA CN=customtls demo CA",
                "ClientHello (after the fact",
                "versions: TLSv1.3",
                "cipher suites (",
                "random: not exposed by SunJSSE",
                "ServerHello (after the fact",
                "version: TLSv1.3",
                "cipher suite: TLS_",
                "Certificate (after the fact",
                "0 subject: CN=localhost",
                "1 subject: CN=customtls demo CA",
                "Key exchange (after the fact",
                "Finished (after the fact",
                "Application data: client -> server",
                "GET / HTTP/1.0",
                "Application data: server -> client",
                "| HTTP/1.0 200 OK",
                "Summary",
                "protocol:         TLSv1.3",
                "cipher suite:     TLS_",
                "peer certificate: CN=localhost (EC P-256), issued by CN=customtls demo CA",
                "server saw SNI:   localhost",
                "tracing:          after the fact"));
        assertTrue(out.contains("[server] key manager chose certificate CN=localhost"), out);
        assertTrue(out.contains("[server] ALPN: client offered [http/1.1], server chose http/1.1"), out);
    }

    @Test
    void sharedOptionsReachBothSides() {
        String out = demo("SunJSSE", "--suites", "TLS_CHACHA20_POLY1305_SHA256").out();
        assertTrue(out.contains("cipher suites (1):"), out);
        assertTrue(out.contains("cipher suite:     TLS_CHACHA20_POLY1305_SHA256"), out);
    }

    @Test
    void keyTypeIsHonoured() {
        String out = demo("SunJSSE", "--key-type", "rsa-2048").out();
        assertTrue(out.contains("peer certificate: CN=localhost (RSA 2048-bit)"), out);
    }
}
