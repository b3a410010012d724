package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.pki.TestPki;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code javax.net.debug}: the handshake in plain words on {@code System.err}, nothing secret. */
@Isolated("sets javax.net.debug and replaces System.err")
class DebugLogTest {
    private static final TestPki PKI = TestPki.create("Debug CA");
    private static final KeyStore KEYS = PKI.issue(TestPki.KeyType.EC_P256, "localhost").toKeyStore("key");

    /** A Custom context initialised with {@code javax.net.debug} set to {@code value} (or unset). */
    private static SSLContext context(String value, KeyStore trust) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", new CustomProvider());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(KEYS, TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        String before = System.getProperty(DebugLog.PROPERTY);
        if (value == null) {
            System.clearProperty(DebugLog.PROPERTY);
        } else {
            System.setProperty(DebugLog.PROPERTY, value);
        }
        try {
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        } finally {
            if (before == null) {
                System.clearProperty(DebugLog.PROPERTY);
            } else {
                System.setProperty(DebugLog.PROPERTY, before);
            }
        }
        return ctx;
    }

    /** Runs a handshake between engines of the two contexts and returns what they printed on System.err. */
    private static String handshakeOutput(SSLContext clientCtx, SSLContext serverCtx, boolean expectFailure)
            throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            SSLEngine server = serverCtx.createSSLEngine();
            server.setUseClientMode(false);
            EnginePair pair = new EnginePair(client, server);
            if (expectFailure) {
                assertThrows(SSLHandshakeException.class, pair::handshake);
            } else {
                pair.handshake();
                SSLSession s = client.getSession();
                assertEquals("TLSv1.3", s.getProtocol());
            }
        } finally {
            System.setErr(err);
        }
        // Other agents in the test JVM (the fuzzer's instrumentation, loggers) print to System.err too: only the
        // log's own lines (an event, then its indented details) are kept.
        StringBuilder ours = new StringBuilder();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (line.startsWith("javax.net.ssl|") || line.startsWith("  ")) {
                ours.append(line).append('\n');
            }
        }
        return ours.toString();
    }

    @Test
    void sslValuePrintsBothSidesOfTheHandshake() throws Exception {
        String out = handshakeOutput(context("ssl:handshake", PKI.trustStore()), context("ssl", PKI.trustStore()), false);
        for (String line : new String[] {"|client", "|server", "sent ClientHello", "received ClientHello",
                "sent ServerHello", "received ServerHello", "sent EncryptedExtensions",
                // RFC 8879, on by default: the server's chain comes compressed
                "sent CompressedCertificate", "received CompressedCertificate", "algorithm: zlib",
                "received CertificateVerify", "sent Finished", "received Finished", "peer localhost:443",
                "cipher suites: ", "CN=localhost"}) {
            assertTrue(out.contains(line), "missing '" + line + "' in:\n" + out);
        }
        assertTrue(out.startsWith("javax.net.ssl|DEBUG|Custom|"), out);
    }

    /** Server-side OCSP stapling says why nothing was stapled: here its responder refuses connections. */
    @Test
    void staplingFetchFailureIsPrinted() throws Exception {
        SSLContext server = TemporaryProperties.with(java.util.Map.of(
                "jdk.tls.server.enableStatusRequestExtension", "true",
                "jdk.tls.stapling.responderURI", "http://127.0.0.1:1/ocsp",
                "jdk.tls.stapling.responderOverride", "true"), () -> context("ssl", PKI.trustStore()));
        String out = handshakeOutput(context(null, PKI.trustStore()), server, false);
        assertTrue(out.contains("|server OCSP stapling|No OCSP response to staple for CN=localhost: OCSP responder "
                + "http://127.0.0.1:1/ocsp did not answer: java.net.ConnectException"), out);
        assertTrue(out.contains("The client asked for OCSP stapling; no response to staple"), out);
    }

    @Test
    void alertsArePrinted() throws Exception {
        // The client trusts another CA: it rejects the server's certificate and says so.
        TestPki other = TestPki.create("Other CA");
        String out = handshakeOutput(context("all", other.trustStore()), context(null, PKI.trustStore()), true);
        assertTrue(out.contains("Fatal alert sent: "), out);
        assertFalse(out.contains("|server"), "only the client's context logs:\n" + out);
    }

    @Test
    void nothingWhenUnsetOrForOtherComponents() throws Exception {
        assertEquals("", handshakeOutput(context(null, PKI.trustStore()), context(null, PKI.trustStore()), false));
        assertEquals("", handshakeOutput(context("keymanager", PKI.trustStore()),
                context("trustmanager", PKI.trustStore()), false));
    }

    @Test
    void noSecretAppearsInTheLog() throws Exception {
        // What the log may show of the key exchange is lengths: no hex run as long as a key share or secret.
        String out = handshakeOutput(context("all", PKI.trustStore()), context("all", PKI.trustStore()), false);
        for (String line : out.split("\\R")) {
            if (line.contains("random: ")) {
                continue; // the hello randoms are public, and 32 bytes
            }
            assertFalse(line.matches(".*\\b[0-9a-f]{40,}\\b.*"), "long hex value in the log: " + line);
        }
    }

    @Test
    void emptyValueUsesTheSystemLoggerWhenItLogsDebug() {
        // The default System.Logger (java.util.logging, INFO) does not log DEBUG: nothing is set up.
        String before = System.getProperty(DebugLog.PROPERTY);
        System.setProperty(DebugLog.PROPERTY, "");
        try {
            assertNull(DebugLog.fromSystemProperty());
        } finally {
            if (before == null) {
                System.clearProperty(DebugLog.PROPERTY);
            } else {
                System.setProperty(DebugLog.PROPERTY, before);
            }
        }
    }
}
