package dev.customtls.cli;

import dev.customtls.core.text.CertificateDescription;
import dev.customtls.core.text.Printable;

import dev.customtls.jsse.HandshakeObservable;
import dev.customtls.pki.TestPki;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * One run of the demo: makes the test PKI, starts a one-connection server on loopback, connects a client,
 * and prints every step through a {@link TraceLog}. With a provider whose sockets are
 * {@link HandshakeObservable} (Custom) the messages are traced live; with others (SunJSSE) the live steps are
 * those visible through the public API (key and trust manager calls, ALPN selection, completion) and the
 * messages are reconstructed from the session afterwards.
 */
final class DemoRun {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final String HOST = "localhost";
    private static final String REQUEST = "GET / HTTP/1.0\r\nHost: " + HOST + "\r\n\r\n";

    private final Provider provider;
    private final TestPki.KeyType keyType;
    private final ParsedArgs args;
    private final TraceLog log;
    private TlsOptions.Enabled enabled = TlsOptions.Enabled.DEFAULTS;

    /** @param args the command line, for the shared options ({@code --protocols}, {@code --suites}) */
    DemoRun(Provider provider, TestPki.KeyType keyType, ParsedArgs args, TraceLog log) {
        this.provider = provider;
        this.keyType = keyType;
        this.args = args;
        this.log = log;
    }

    void run() throws UsageException, CommandException, InterruptedException {
        log.line("customtls demo: provider " + provider.getName() + " " + provider.getVersionStr() + ", Java "
                + Runtime.version());
        TestPki pki = TestPki.create("customtls demo CA");
        TestPki.Credential server = pki.issue(keyType, HOST);
        X509Certificate ca = pki.caCertificate();
        String caName = ca.getSubjectX500Principal().getName();
        log.event("test PKI ready", List.of(
                "CA: " + caName + " (" + CertificateDescription.keyType(ca.getPublicKey()) + ")",
                "server certificate: " + server.certificate().getSubjectX500Principal().getName() + " ("
                        + CertificateDescription.keyType(server.certificate().getPublicKey()) + "), issued by the CA"));

        SSLContext serverContext = TlsContextBuilder.context(provider, new ObservingKeyManager(
                TlsContextBuilder.keyManager(server.toKeyStore("server"), TestPki.PASSWORD),
                s -> log.line("[server] " + s)), null);
        SSLContext clientContext = TlsContextBuilder.context(provider, null, new ObservingTrustManager(
                TlsContextBuilder.trustManager(List.of(ca)), "the test CA " + caName, s -> log.line("[client] " + s)));
        enabled = TlsOptions.enabled(args, clientContext);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MILLIS);
            int port = listener.getLocalPort();
            log.line("server listening on " + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
            CompletableFuture<SessionReport> serverSide = new CompletableFuture<>();
            Thread serverThread = new Thread(() -> serveOne(listener, serverSide), "customtls-demo-server");
            serverThread.setDaemon(true);
            serverThread.start();
            try {
                client(clientContext, port, serverSide);
            } finally {
                serverThread.join(TIMEOUT_MILLIS);
            }
        } catch (IOException e) {
            throw new CommandException("demo failed: " + e, e);
        }
    }

    // ---- client side --------------------------------------------------------------------------------

    private void client(SSLContext context, int port, CompletableFuture<SessionReport> serverSide)
            throws IOException, CommandException, InterruptedException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            HandshakeTrace trace = null;
            if (socket instanceof HandshakeObservable) {
                trace = new HandshakeTrace(log, "client", true);
                log.line("tracing live: the provider reports each handshake message as it is sent or received");
            } else {
                log.event("note: " + provider.getName() + " does not expose handshake messages (" + (provider.getName()
                        .equals(ProviderSelector.CUSTOM) ? "its sockets do not implement HandshakeObservable yet"
                        : "live tracing needs --provider Custom") + ")", List.of(
                        "live lines below come from the key manager, trust manager and ALPN callbacks;",
                        "the messages are reconstructed from the session after the fact"));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            if (trace != null) {
                // connected (so the socket has its engine) and not yet handshaking: nothing is missed
                ((HandshakeObservable) socket).setHandshakeListener(trace);
            }
            socket.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters params = enabled.applyTo(socket.getSSLParameters());
            params.setServerNames(List.of(new SNIHostName(HOST)));
            params.setApplicationProtocols(new String[] {"http/1.1"});
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.addHandshakeCompletedListener(e -> log.line("[client] HandshakeCompletedEvent: " + e.getCipherSuite()));
            log.line("[client] connected over TCP, starting the TLS handshake");
            double handshakeStart = log.elapsedMillis();
            try {
                socket.startHandshake();
            } catch (IOException e) {
                throw new CommandException("demo handshake failed: " + e, e);
            }
            double handshakeMillis = log.elapsedMillis() - handshakeStart;
            log.line(String.format(Locale.ROOT, "[client] handshake complete in %.1f ms", handshakeMillis));
            SessionReport report = SessionReport.of(socket);
            SessionReport serverReport = awaitServer(serverSide);
            if (trace == null) {
                afterTheFact(params, report);
            }
            byte[] response = exchange(socket);
            summary(report, serverReport, trace, handshakeMillis, response.length);
        }
    }

    private byte[] exchange(SSLSocket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] request = REQUEST.getBytes(StandardCharsets.US_ASCII);
        log.event("Application data: client -> server, " + request.length + " bytes", List.of(
                "GET / HTTP/1.0", "sent encrypted with " + socket.getSession().getCipherSuite()
                        + " under the client application traffic key"));
        out.write(request);
        out.flush();
        byte[] response = readAll(socket.getInputStream());
        String text = new String(response, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            lines.add("| " + Printable.of(line));
        }
        log.event("Application data: server -> client, " + response.length + " bytes", lines);
        return response;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = in.read(chunk)) >= 0 && buf.size() < 1 << 20) {
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }

    /** Prints the handshake from what the public JSSE API exposes once it is over. */
    private void afterTheFact(SSLParameters sent, SessionReport report) {
        String source = "(after the fact: not exposed live by " + provider.getName() + ")";
        List<String> hello = new ArrayList<>();
        hello.add("versions: " + String.join(", ", sent.getProtocols()) + " (the client's enabled protocols)");
        hello.add("cipher suites (" + sent.getCipherSuites().length + "):");
        hello.addAll(wrap(Arrays.asList(sent.getCipherSuites()), 3));
        hello.add("groups: not exposed by " + provider.getName());
        hello.add("key-share groups: not exposed by " + provider.getName());
        hello.add("random: not exposed by " + provider.getName());
        hello.add("server_name: " + HOST + ", ALPN: " + String.join(", ", sent.getApplicationProtocols()));
        log.event("ClientHello " + source, hello);
        log.event("ServerHello " + source, List.of(
                "version: " + report.protocol(),
                "cipher suite: " + report.cipherSuite(),
                "group: " + (report.namedGroup() != null ? report.namedGroup() : "not exposed by " + provider.getName())));
        List<String> chain = new ArrayList<>(CertificateDescription.chain(report.peerChain()));
        chain.add("checked against the test CA by the client's trust manager (the live [client] line above)");
        log.event("Certificate " + source, chain);
        log.event("Key exchange " + source, List.of(
                "ephemeral (EC)DHE as " + report.protocol() + " requires (RFC 8446 section 4.2.8)"
                        + (report.namedGroup() != null ? " over " + report.namedGroup() : "; group not exposed"),
                "CertificateVerify: the server signed the transcript with its " + (report.peerChain().isEmpty()
                        ? "private" : CertificateDescription.keyType(report.peerChain().get(0).getPublicKey())) + " key"));
        log.event("Finished " + source, List.of(
                "server Finished and client Finished were exchanged and verified (the handshake completed)"));
    }

    /** Items joined {@code perLine} to a line, indented. */
    private static List<String> wrap(List<String> items, int perLine) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i += perLine) {
            lines.add("  " + String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))));
        }
        return lines;
    }

    private void summary(SessionReport client, SessionReport server, HandshakeTrace trace, double handshakeMillis,
            int responseBytes) {
        String group = client.namedGroup() != null ? client.namedGroup()
                : trace != null && trace.group() != null ? trace.group() : "not exposed by " + provider.getName();
        X509Certificate peer = client.peerChain().isEmpty() ? null : client.peerChain().get(0);
        List<String> lines = new ArrayList<>(Arrays.asList(
                "provider:         " + provider.getName() + " (client and server)",
                "protocol:         " + client.protocol(),
                "cipher suite:     " + client.cipherSuite(),
                "named group:      " + group,
                "peer certificate: " + (peer == null ? "(none)" : client.peerSubject() + " ("
                        + CertificateDescription.keyType(peer.getPublicKey()) + "), issued by "
                        + peer.getIssuerX500Principal().getName()),
                "ALPN:             " + (client.alpn() == null ? "(none)" : client.alpn()),
                "server saw SNI:   " + (server == null ? "?" : server.serverNames().isEmpty() ? "(none)"
                        : String.join(", ", server.serverNames())),
                String.format(Locale.ROOT, "handshake:        %.1f ms; response %d bytes", handshakeMillis,
                        responseBytes),
                "tracing:          " + (trace != null ? "live (HandshakeListener)"
                        : "after the fact (live tracing needs --provider Custom)")));
        log.event("Summary", lines);
    }

    private SessionReport awaitServer(CompletableFuture<SessionReport> serverSide) throws CommandException,
            InterruptedException {
        try {
            return serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CommandException("demo server failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new CommandException("demo server did not finish within " + TIMEOUT_MILLIS + " ms");
        }
    }

    // ---- server side --------------------------------------------------------------------------------

    private void serveOne(SSLServerSocket listener, CompletableFuture<SessionReport> done) {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            if (socket instanceof HandshakeObservable) {
                ((HandshakeObservable) socket).setHandshakeListener(new HandshakeTrace(log, "server", false));
            }
            log.line("[server] accepted a TCP connection");
            socket.setSSLParameters(enabled.applyTo(socket.getSSLParameters()));
            ServerAlpn.install(socket, List.of("http/1.1"), s -> log.line("[server] " + s));
            socket.startHandshake();
            SessionReport report = SessionReport.of(socket);
            log.line("[server] handshake complete");
            done.complete(report);
            RequestHead head = RequestHead.read(new BufferedInputStream(socket.getInputStream()));
            log.line("[server] received request \"" + head.printableRequestLine() + "\"");
            OutputStream out = socket.getOutputStream();
            out.write(StatusPage.response(provider.getName(), report, head));
            out.flush();
        } catch (IOException | RuntimeException e) {
            log.line("[server] failed: " + e);
            done.completeExceptionally(e);
        }
    }
}
