package dev.customtls.cli;

import dev.customtls.pki.TestPki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.Provider;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * {@code serve}: a TLS server answering every connection with a short text naming what was negotiated,
 * like {@code openssl s_server -www}. Without a key store it makes a test certificate for {@code localhost}
 * and writes its CA certificate as PEM for {@code curl --cacert} or {@code openssl s_client -CAfile}.
 */
final class ServeCommand implements Command {

    private final OptionTable options = TlsOptions.addTo(new OptionTable("serve")
            .value("--port", "P", "port to listen on (0 picks a free port; default 8443)")
            .value("--bind", "ADDR", "address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
            .value("--keystore", "F", "PKCS#12/JKS key store with the server key (default: a test certificate)")
            .value("--storepass", "S", "password of the key store and its key")
            .value("--alpn", "a,b", "application protocols the server accepts (default http/1.1,http/1.0)")
            .value("--threads", "N", "connections handled at once (default 4)")
            .value("--early-data", "[=MAX]", "accept TLS 1.3 0-RTT early data, up to MAX bytes (default 16384), "
                    + "with anti-replay"));

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "TLS server answering each request with what was negotiated (runs until killed)";
    }

    @Override
    public OptionTable options() {
        return options;
    }

    @Override
    public int run(ParsedArgs args, Terminal terminal) throws UsageException, CommandException, InterruptedException {
        StatusServer server = start(args, terminal);
        try {
            server.awaitClose();
        } finally {
            server.close();
        }
        return 0;
    }

    /** Starts the server and prints how to reach it; the caller closes it. */
    StatusServer start(ParsedArgs args, Terminal terminal) throws UsageException, CommandException {
        args.expectAtMostPositional(0, name());
        int port = args.intValue("--port", 8443, 0, 65535);
        int threads = args.intValue("--threads", 4, 1, 256);
        InetAddress bind = bindAddress(args.value("--bind", "127.0.0.1"));
        ServerCredential credential = credential(args);
        Provider provider = TlsOptions.provider(args);
        SSLContext context = TlsContextBuilder.context(provider,
                TlsContextBuilder.keyManager(credential.keyStore(), credential.password()), null);
        TlsOptions.Enabled enabled = TlsOptions.enabled(args, context);
        List<String> alpn = args.has("--alpn") ? args.listValue("--alpn")
                : List.of("http/1.1", "http/1.0");
        int maxEarlyData = 0;
        if (args.has("--early-data")) {
            maxEarlyData = args.value("--early-data").isEmpty() ? 16384
                    : args.intValue("--early-data", 16384, 1, Integer.MAX_VALUE);
        }
        StatusServer server = StatusServer.start(context,
                new StatusServer.Settings(bind, port, threads, alpn, enabled, 10_000, maxEarlyData), terminal.out()::println);
        int actual = server.port();
        terminal.out().println("customtls serve: provider " + provider.getName() + " " + provider.getVersionStr()
                + ", listening on " + bind.getHostAddress() + ":" + actual);
        terminal.out().println("port: " + actual);
        terminal.out().println("certificate: " + credential.description());
        if (maxEarlyData > 0) {
            terminal.out().println("early data: accepted, up to " + maxEarlyData + " bytes per connection (0-RTT, "
                    + "single-use tickets)");
        }
        Path ca = credential.caCertificateFile();
        if (ca != null) {
            terminal.out().println("CA certificate (PEM): " + ca);
            terminal.out().println("try: curl --cacert " + ca + " https://localhost:" + actual + "/");
            terminal.out().println("     openssl s_client -connect localhost:" + actual + " -CAfile " + ca);
        }
        terminal.out().flush();
        return server;
    }

    private static ServerCredential credential(ParsedArgs args) throws UsageException, CommandException {
        String keystore = args.value("--keystore");
        if (keystore == null) {
            if (args.has("--storepass")) {
                throw new UsageException("--storepass needs --keystore");
            }
            return ServerCredential.generate("localhost", TestPki.KeyType.EC_P256);
        }
        String pass = args.value("--storepass");
        if (pass == null) {
            throw new UsageException("--keystore needs --storepass");
        }
        return ServerCredential.load(Path.of(keystore), pass.toCharArray());
    }

    private static InetAddress bindAddress(String text) throws UsageException {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UsageException("unknown bind address: " + text);
        }
    }
}
