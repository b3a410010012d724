package dev.customtls.cli;

import dev.customtls.core.text.CertificateDescription;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code connect}: a TLS client in the spirit of {@code openssl s_client}: handshakes, prints what was
 * negotiated and the peer's chain, sends {@code GET / HTTP/1.0} (or standard input) and prints the reply.
 * The server is authenticated by default (system CAs or {@code --cafile}, with HTTPS host name rules,
 * RFC 2818 / RFC 6125); {@code --trust-all} turns that off and says so.
 */
final class ConnectCommand implements Command {

    private final OptionTable options = TlsOptions.addTo(new OptionTable("connect")
            .flag("--trust-all", "accept any server certificate (no authentication!)")
            .value("--cafile", "PEM", "trust only the CA certificates in this PEM file")
            .value("--servername", "N", "SNI host name to send and check (default: HOST unless an address)")
            .value("--alpn", "a,b", "application protocols to offer")
            .flag("--stdin", "send standard input instead of GET / HTTP/1.0")
            .value("--timeout", "SECONDS", "connect/read timeout (default 10)")
            .value("--reconnect", "N", "connect N more times, resuming the session (TLS 1.3 tickets)")
            .value("--early-data", "FILE", "send FILE as the request, as TLS 1.3 0-RTT early data when a ticket "
                    + "allows it"));

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String arguments() {
        return "HOST:PORT";
    }

    @Override
    public String summary() {
        return "TLS client: handshake, show the session and peer chain, send a request, print the reply";
    }

    @Override
    public OptionTable options() {
        return options;
    }

    @Override
    public int run(ParsedArgs args, Terminal terminal) throws UsageException, CommandException {
        if (args.positional().isEmpty()) {
            throw new UsageException("'connect' needs HOST:PORT");
        }
        args.expectAtMostPositional(1, name());
        HostPort target = HostPort.parse(args.positional().get(0));
        if (args.has("--trust-all") && args.has("--cafile")) {
            throw new UsageException("--trust-all and --cafile exclude each other");
        }
        int timeoutMillis = args.intValue("--timeout", 10, 1, 3600) * 1000;
        String serverName = args.value("--servername", target.isAddressLiteral() ? null : target.host());
        Provider provider = TlsOptions.provider(args);
        X509ExtendedTrustManager trust;
        String verification;
        if (args.has("--trust-all")) {
            trust = new TrustAllManager();
            verification = "WARNING: server certificate NOT verified (--trust-all)";
        } else if (args.has("--cafile")) {
            Path caFile = Path.of(args.value("--cafile"));
            trust = TlsContextBuilder.trustManager(Pem.readCertificates(caFile));
            verification = "chain verified against " + caFile;
        } else {
            trust = TlsContextBuilder.trustManager((KeyStore) null);
            verification = "chain verified against the JDK's default trusted CAs";
        }
        if (!args.has("--trust-all")) {
            verification += serverName == null ? "; host name " + target.host() + " checked (HTTPS rules)"
                    : "; host name " + serverName + " checked (HTTPS rules)";
        }
        SSLContext context = TlsContextBuilder.context(provider, null, trust);
        TlsOptions.Enabled enabled = TlsOptions.enabled(args, context);

        PrintStream out = terminal.out();
        int reconnects = args.intValue("--reconnect", 0, 0, 1000);
        byte[] earlyData = null;
        if (args.has("--early-data")) {
            if (args.has("--stdin")) {
                throw new UsageException("--early-data and --stdin exclude each other");
            }
            try {
                earlyData = java.nio.file.Files.readAllBytes(Path.of(args.value("--early-data")));
            } catch (IOException e) {
                throw new UsageException("cannot read --early-data file: " + e.getMessage());
            }
        }
        for (int i = 0; i <= reconnects; i++) {
            if (reconnects > 0) {
                out.println("=== connection " + (i + 1) + " of " + (reconnects + 1));
            }
            connectOnce(args, terminal, context, enabled, target, serverName, timeoutMillis, verification, earlyData,
                    reconnects > 0 || earlyData != null);
        }
        out.flush();
        return 0;
    }

    /** One connection: handshake, report, request and reply; with {@code showResumption}, a resumption line. */
    private void connectOnce(ParsedArgs args, Terminal terminal, SSLContext context, TlsOptions.Enabled enabled,
            HostPort target, String serverName, int timeoutMillis, String verification, byte[] earlyData,
            boolean showResumption) throws UsageException, CommandException {
        Provider provider = context.getProvider();
        PrintStream out = terminal.out();
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        try (SSLSocket socket = connect(context, target, serverName, timeoutMillis)) {
            socket.setSoTimeout(timeoutMillis);
            socket.setSSLParameters(enabled.applyTo(
                    parameters(socket, serverName, args.listValue("--alpn"), !args.has("--trust-all"))));
            // 0-RTT: the engine sends the request with the ClientHello when a ticket allows it, else right
            // after the handshake (dev.customtls.jsse.EarlyDataEngine).
            boolean engineSendsRequest = earlyData != null && socket instanceof dev.customtls.jsse.EarlyDataEngine;
            if (engineSendsRequest) {
                ((dev.customtls.jsse.EarlyDataEngine) socket).setEarlyData(java.nio.ByteBuffer.wrap(earlyData));
            }
            try {
                socket.startHandshake();
            } catch (IOException e) {
                throw new CommandException("handshake with " + target + " failed: " + e.getMessage(), e);
            }
            double millis = (System.nanoTime() - start) / 1_000_000.0;
            SessionReport report = SessionReport.of(socket);
            out.printf(Locale.ROOT, "connected to %s with provider %s, handshake done in %.1f ms%n",
                    target, provider.getName(), millis);
            for (String line : report.negotiatedLines()) {
                out.println(line.startsWith("server name:") ? "server name:  "
                        + (serverName == null ? "(none sent)" : serverName + " (sent)") : line);
            }
            out.println("peer certificate chain:");
            for (String line : CertificateDescription.chain(report.peerChain())) {
                out.println("  " + line);
            }
            out.println("verification: " + verification);
            if (showResumption) {
                boolean resumed = socket.getSession().getCreationTime() < startMillis;
                String early = earlyData == null ? "not requested"
                        : !engineSendsRequest ? "not supported by provider " + provider.getName()
                        : switch (((dev.customtls.jsse.EarlyDataEngine) socket).earlyDataStatus()) {
                            case ACCEPTED -> "accepted (the request went as 0-RTT data)";
                            case REJECTED -> "rejected (the request was re-sent after the handshake)";
                            case NOT_ATTEMPTED -> "not attempted (no 0-RTT ticket; request sent after the handshake)";
                        };
                out.println("resumed:      " + (resumed ? "yes (session ticket)" : "no (full handshake)"));
                out.println("early data:   " + early);
            }
            if (engineSendsRequest) {
                receive(socket, out);
            } else if (earlyData != null) {
                out.println("--- request: " + earlyData.length + " bytes from --early-data (as 1-RTT data)");
                socket.getOutputStream().write(earlyData);
                socket.getOutputStream().flush();
                receive(socket, out);
            } else {
                exchange(socket, args.has("--stdin") ? terminal.in() : null, target, serverName, out);
            }
        } catch (IOException e) {
            throw new CommandException("connection to " + target + " failed: " + e.getMessage(), e);
        }
        out.flush();
    }

    /**
     * Opens TCP to {@code target}, then layers TLS over it with {@code serverName} (when given) as the peer
     * host, so the host name check uses the name the user asked for, not only the address connected to.
     */
    private static SSLSocket connect(SSLContext context, HostPort target, String serverName, int timeoutMillis)
            throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
            return (SSLSocket) context.getSocketFactory().createSocket(tcp,
                    serverName != null ? serverName : target.host(), target.port(), true);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    private static SSLParameters parameters(SSLSocket socket, String serverName, List<String> alpn,
            boolean checkHostName) throws UsageException {
        SSLParameters p = socket.getSSLParameters();
        if (serverName != null) {
            List<SNIServerName> names = new ArrayList<>();
            try {
                names.add(new SNIHostName(serverName));
            } catch (IllegalArgumentException e) {
                throw new UsageException("not a valid server name: " + serverName);
            }
            p.setServerNames(names);
        }
        if (!alpn.isEmpty()) {
            p.setApplicationProtocols(alpn.toArray(new String[0]));
        }
        if (checkHostName) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    /** Sends the request (or standard input) and copies the reply to {@code out} until the peer closes. */
    private static void exchange(SSLSocket socket, InputStream stdin, HostPort target, String serverName,
            PrintStream out) throws IOException {
        OutputStream tls = socket.getOutputStream();
        if (stdin == null) {
            String host = serverName != null ? serverName : target.host();
            out.println("--- request: GET / HTTP/1.0");
            tls.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            tls.flush();
        } else {
            out.println("--- sending standard input");
            Thread pump = new Thread(() -> pump(stdin, tls), "customtls-connect-stdin");
            pump.setDaemon(true);
            pump.start();
        }
        receive(socket, out);
    }

    /** Copies the reply to {@code out} until the peer closes or the timeout passes. */
    private static void receive(SSLSocket socket, PrintStream out) throws IOException {
        out.println("--- reply:");
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            out.println();
            out.println("--- connection closed by the server");
        } catch (SocketTimeoutException e) {
            out.println();
            out.println("--- no more data within the timeout; closing");
        } catch (SSLException e) {
            out.println();
            out.println("--- connection ended: " + e.getMessage());
        }
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the connection closed while sending; the reader reports how it ended
        }
    }
}
