package dev.customtls.spi.matrix;

import dev.customtls.jsse.KeyingMaterialExportable;
import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.interop.OpenSslProcess;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.NamedGroups;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import dev.customtls.spi.support.TestData;
import dev.customtls.spi.support.TlsWire;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code Custom}'s side of a cell: the engine restricted to the cell's version, suite and group with the
 * cell's certificate and feature switched on, the checks of what was negotiated (RFC 8446 section 4.1.3
 * ServerHello, 4.1.4 HelloRetryRequest, 4.2.8 key_share; RFC 7301 ALPN; RFC 6066 SNI), and the data
 * dialogues, which always carry data in both directions.
 */
final class CustomEndpoint {

    /** The ALPN protocol both sides offer. */
    static final String ALPN = "http/1.1";
    /** Length of every application-data line (a few records' worth, ending in a newline). */
    static final int LINE_LENGTH = 4096;
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Exporter rows: the label (RFC 5705 section 4 leaves "EXPERIMENTAL" labels free) and the length. */
    static final String EXPORTER_LABEL = "EXPERIMENTAL-customtls-matrix";
    static final int EXPORTER_LENGTH = 32;
    /** Exporter rows with SunJSSE: the non-empty context. */
    static final byte[] EXPORTER_CONTEXT = "matrix context".getBytes(StandardCharsets.US_ASCII);

    private final Cell cell;
    private final Role role;
    private final EngineBuilder builder;
    private SSLContext context;
    private int connections;

    CustomEndpoint(Cell cell, Role role) {
        this.cell = cell;
        this.role = role;
        boolean client = role == Role.CUSTOM_CLIENT;
        TestCredentials creds = TestCredentials.shared();
        EngineBuilder b = client ? EngineBuilder.client(Providers.CUSTOM) : EngineBuilder.server(Providers.CUSTOM);
        b.protocols(cell.protocol()).suites(cell.suite());
        if (cell.feature() == Feature.HELLO_RETRY) {
            if (client) {
                b.groups(MatrixGrid.X25519, MatrixGrid.P384).keyShares(MatrixGrid.X25519);
            } else {
                b.groups(MatrixGrid.P384);
            }
        } else if (!"-".equals(cell.group())) {
            String certCurve = switch (cell.cert()) {
                case EC_P256 -> MatrixGrid.P256;
                case EC_P384 -> MatrixGrid.P384;
                default -> null;
            };
            if (client && !cell.tls13() && certCurve != null && !certCurve.equals(cell.group())) {
                // RFC 8422 section 5.1: in TLS 1.2 the client's supported_groups also names the curves of the
                // ECDSA certificates it accepts; the row's group comes first, so it is the one negotiated.
                b.groups(cell.group(), certCurve);
            } else {
                b.groups(cell.group());
            }
        }
        if (client) {
            if (cell.feature() == Feature.CLIENT_AUTH) {
                b.keyManagers(creds.clientKeyManagers());
            }
            b.parameters(p -> p.setEndpointIdentificationAlgorithm("HTTPS"));
            if (cell.feature() == Feature.SNI) {
                b.parameters(p -> p.setServerNames(List.of(new SNIHostName(TestCredentials.HOST))));
            }
        } else {
            b.keyManagers(creds.serverKeyManagers(cell.cert()));
            if (cell.feature() == Feature.CLIENT_AUTH) {
                b.parameters(p -> p.setNeedClientAuth(true));
            }
        }
        if (cell.feature() == Feature.ALPN) {
            b.parameters(p -> p.setApplicationProtocols(new String[] {ALPN}));
        }
        this.builder = b;
    }

    /** A new engine; all engines of one cell share one context (so a second connection can resume). */
    SSLEngine newEngine(int peerPort) {
        if (context == null) {
            context = builder.context();
        }
        builder.peer(TestCredentials.HOST, peerPort);
        SSLEngine engine = builder.build(context);
        connections++;
        if (cell.feature() == Feature.EARLY_DATA) {
            if (role == Role.CUSTOM_SERVER) {
                Resumption.acceptEarlyData(engine);
            } else if (connections == 2) {
                Resumption.sendEarlyData(engine);
            }
        }
        return engine;
    }

    /** Checks what the handshake negotiated against the cell; throws {@link AssertionError} otherwise. */
    void verify(EngineOverSocket conn) {
        SSLSession s = conn.engine().getSession();
        expect(cell.protocol(), s.getProtocol(), "protocol");
        expect(cell.suite(), s.getCipherSuite(), "cipher suite");
        byte[] fromServer = role == Role.CUSTOM_CLIENT ? conn.received() : conn.sent();
        byte[] fromClient = role == Role.CUSTOM_CLIENT ? conn.sent() : conn.received();
        if (cell.tls13() && !"-".equals(cell.group())) {
            String group = NamedGroups.name(TlsWire.finalServerHello(fromServer).keyShareGroup());
            expect(cell.group(), group, "key_share group in the ServerHello");
        }
        if (!cell.tls13() && !"-".equals(cell.group()) && !Resumption.resumed(fromServer)) {
            expect(cell.group(), ecdheGroup(fromServer), "ECDHE group in the ServerKeyExchange");
        }
        if (cell.feature() == Feature.HELLO_RETRY) {
            List<TlsWire.ServerHello> hellos = TlsWire.serverHellos(fromServer);
            check(hellos.size() == 2 && hellos.get(0).helloRetryRequest(),
                    "expected HelloRetryRequest then ServerHello, saw " + hellos + " after key shares "
                            + shareNames(fromClient));
        }
        if (cell.feature() == Feature.ALPN) {
            expect(ALPN, conn.engine().getApplicationProtocol(), "ALPN protocol");
        }
        if (cell.feature() == Feature.SNI) {
            if (role == Role.CUSTOM_SERVER) {
                List<SNIServerName> names = ((ExtendedSSLSession) s).getRequestedServerNames();
                check(names.contains(new SNIHostName(TestCredentials.HOST)), "requested server names " + names);
            } else {
                check(containsHostName(fromClient), "no server_name localhost in the ClientHello");
            }
        }
        if (role == Role.CUSTOM_CLIENT) {
            try {
                check(s.getPeerCertificates()[0].equals(TestCredentials.shared().server(cell.cert()).certificate()),
                        "server certificate is not the " + cell.certLabel() + " one");
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                throw new AssertionError("no server certificate", e);
            }
        }
        if (cell.feature() == Feature.CLIENT_AUTH) {
            if (role == Role.CUSTOM_SERVER) {
                try {
                    check(s.getPeerCertificates()[0].equals(TestCredentials.shared().client().certificate()),
                            "client certificate differs");
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    throw new AssertionError("no client certificate", e);
                }
            } else {
                check(s.getLocalCertificates() != null, "Custom client sent no certificate");
            }
        }
    }

    /**
     * The keying material Custom's side of {@code conn} exports under {@link #EXPORTER_LABEL} with
     * {@code context} (null: none), as lower-case hex; through {@link KeyingMaterialExportable}, the interface
     * that reaches the JDK 25 {@code ExtendedSSLSession} methods on any JDK.
     */
    static String exported(EngineOverSocket conn, byte[] context) {
        try {
            return HexFormat.of().formatHex(((KeyingMaterialExportable) conn.engine().getSession())
                    .exportKeyingMaterialData(EXPORTER_LABEL, context, EXPORTER_LENGTH));
        } catch (javax.net.ssl.SSLKeyException e) {
            throw new AssertionError("Custom refused to export keying material", e);
        }
    }

    /**
     * Exporter rows: the peer printed {@code marker} followed by the hex of what it exported (without a context)
     * for this connection; it must be what Custom exports.
     */
    static void expectSameExport(EngineOverSocket conn, OpenSslProcess peer, String marker) throws Exception {
        String theirs = peer.valueAfter(marker, WAIT).toLowerCase(java.util.Locale.ROOT);
        expect(exported(conn, null), theirs, "keying material exported by the peer (" + marker.trim() + ")");
    }

    /** RFC 8422 section 5.4: ServerKeyExchange ECParameters, named_curve (3) then the group. */
    private static String ecdheGroup(byte[] fromServer) {
        for (TlsWire.HandshakeMessage m : TlsWire.plaintextHandshake(fromServer)) {
            if (m.type() == 12) {
                byte[] b = m.body();
                return b.length >= 3 && b[0] == 3 ? NamedGroups.name(((b[1] & 0xff) << 8) | (b[2] & 0xff)) : "?";
            }
        }
        return "(no ServerKeyExchange)";
    }

    private static List<String> shareNames(byte[] fromClient) {
        return TlsWire.clientHellos(fromClient).get(0).keyShareGroups().stream().map(NamedGroups::name).toList();
    }

    /** RFC 6066 section 3: a HostName entry {@code 00 len localhost} in the client's first flight. */
    private static boolean containsHostName(byte[] fromClient) {
        byte[] host = TestCredentials.HOST.getBytes(StandardCharsets.US_ASCII);
        byte[] entry = new byte[3 + host.length];
        entry[2] = (byte) host.length;
        System.arraycopy(host, 0, entry, 3, host.length);
        int limit = Math.min(fromClient.length, 4096);
        for (int i = 0; i + entry.length <= limit; i++) {
            if (Arrays.equals(fromClient, i, i + entry.length, entry, 0, entry.length)) {
                return true;
            }
        }
        return false;
    }

    // ---- dialogues ----

    /** A line of pattern text, {@link #LINE_LENGTH} bytes with the final newline. */
    static String line(String tag, int seed) {
        // '#' first: openssl s_server and s_client treat some lines starting with a letter as commands.
        String head = "#" + tag + "-" + seed + "-";
        return head + TestData.text(LINE_LENGTH - head.length() - 1, seed) + "\n";
    }

    /** The peer echoes: a line to the peer, the same line back. */
    static void echoedByPeer(EngineOverSocket conn, int seed) throws Exception {
        String line = line("C2P", seed);
        conn.write(line.getBytes(StandardCharsets.ISO_8859_1));
        expect(line, new String(conn.read(line.length()), StandardCharsets.ISO_8859_1), "echo from the peer");
    }

    /** Custom echoes: a line from the peer, sent back. */
    static void echoForPeer(EngineOverSocket conn) throws Exception {
        byte[] got = conn.read(LINE_LENGTH);
        check(got[LINE_LENGTH - 1] == '\n', "the peer's line does not end where expected");
        conn.write(got);
    }

    /** A peer on a console (openssl, gnutls-cli): its stdin goes to Custom, Custom's data to its stdout. */
    static void viaConsole(EngineOverSocket conn, OpenSslProcess peer, int seed) throws Exception {
        String in = line("P2C", seed);
        peer.send(in);
        expect(in, new String(conn.read(in.length()), StandardCharsets.ISO_8859_1), "data from the peer");
        String out = line("C2P", seed + 1000);
        conn.write(out.getBytes(StandardCharsets.ISO_8859_1));
        peer.expectOutput(out.substring(0, out.length() - 1), WAIT);
    }

    /** RFC 8446 section 4.6.3: Custom sends KeyUpdate(update_requested) with its next write. */
    static void requestKeyUpdate(EngineOverSocket conn) throws Exception {
        conn.engine().beginHandshake();
    }

    static void expect(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            String a = String.valueOf(actual);
            throw new AssertionError(what + ": expected " + abbreviate(String.valueOf(expected)) + " but was "
                    + abbreviate(a));
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
