package dev.customtls.spi.matrix;

import dev.customtls.spi.support.NamedGroups;
import dev.customtls.spi.support.TestData;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The SunJSSE peer program: an echo server or a client of the JDK it runs on, driven by {@code key=value}
 * arguments. The matrix runs it in a child JVM of another JDK (Temurin 25) and, for the in-process column,
 * on a thread of the test JVM. It prints {@code LISTENING <port>} (server), one {@code OK ...} line per
 * connection, and {@code FAIL <reason>}; the exit code is 0 on success.
 *
 * <p>Arguments: {@code mode=server|client}, {@code port=} (client), {@code keystore=} and {@code truststore=}
 * (PKCS#12, password {@code changeit}), {@code groups=a,b} (set JVM-wide only in a child JVM:
 * {@code jvmWide=true}), {@code alpn=}, {@code sni=} (server: the name the client must have sent),
 * {@code needClientAuth=true}, {@code lines=} (client: echo round trips), {@code connections=},
 * {@code export=<label>}, {@code exportLength=}, {@code exportContext=} (JDK 25+: per connection a line
 * {@code EXPORTED none=<hex> empty=<hex> context=<hex>}, the keying material exported without a context, with an
 * empty one and with the given one).
 */
public final class SunJssePeerMain {

    /** Start of the line with the keying material exported on a connection ({@code export=} argument). */
    static final String EXPORTED = "EXPORTED";

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Map<String, String> args;
    private final Consumer<String> out;

    private SunJssePeerMain(Map<String, String> args, Consumer<String> out) {
        this.args = args;
        this.out = out;
    }

    public static void main(String[] argv) {
        int rc = run(Arrays.asList(argv), line -> {
            System.out.println(line);
            System.out.flush();
        });
        System.exit(rc);
    }

    /** Runs the peer; returns its exit code. */
    static int run(List<String> argv, Consumer<String> out) {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        try {
            SunJssePeerMain peer = new SunJssePeerMain(args, out);
            if ("server".equals(args.get("mode"))) {
                peer.serve();
            } else {
                peer.connect();
            }
            return 0;
        } catch (Exception | AssertionError e) {
            out.accept("FAIL " + e);
            return 1;
        }
    }

    private SSLContext context() throws IOException, GeneralSecurityException {
        if ("true".equals(args.get("jvmWide")) && args.containsKey("groups")) {
            System.setProperty("jdk.tls.namedGroups", args.get("groups"));
        }
        KeyManagerFactory kmf = null;
        if (args.containsKey("keystore")) {
            kmf = KeyManagerFactory.getInstance("SunX509", "SunJSSE");
            kmf.init(load(args.get("keystore")), PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(load(args.get("truststore")));
        SSLContext ctx = SSLContext.getInstance("TLS", "SunJSSE");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore load(String file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private SSLParameters parameters(SSLParameters p) {
        if (args.containsKey("groups")) {
            NamedGroups.trySet(p, args.get("groups").split(","));
        }
        if (args.containsKey("alpn")) {
            p.setApplicationProtocols(new String[] {args.get("alpn")});
        }
        if ("true".equals(args.get("needClientAuth"))) {
            p.setNeedClientAuth(true);
        }
        return p;
    }

    private int connections() {
        return Integer.parseInt(args.getOrDefault("connections", "1"));
    }

    private void serve() throws Exception {
        SSLContext ctx = context();
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.setSoTimeout(TIMEOUT_MILLIS);
            server.setSSLParameters(parameters(server.getSSLParameters()));
            out.accept("LISTENING " + server.getLocalPort());
            for (int i = 0; i < connections(); i++) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(TIMEOUT_MILLIS);
                    s.startHandshake();
                    checkAlpn(s);
                    if (args.containsKey("sni")) {
                        var names = ((ExtendedSSLSession) s.getSession()).getRequestedServerNames();
                        if (!names.contains(new SNIHostName(args.get("sni")))) {
                            throw new AssertionError("requested server names " + names);
                        }
                    }
                    if ("true".equals(args.get("needClientAuth"))) {
                        s.getSession().getPeerCertificates();
                    }
                    export(s);
                    InputStream in = s.getInputStream();
                    OutputStream o = s.getOutputStream();
                    byte[] buf = new byte[8192];
                    long echoed = 0;
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        o.write(buf, 0, n);
                        o.flush();
                        echoed += n;
                    }
                    report(s, "echoed " + echoed);
                }
            }
        }
    }

    private void connect() throws Exception {
        SSLContext ctx = context();
        int port = Integer.parseInt(args.get("port"));
        int lines = Integer.parseInt(args.getOrDefault("lines", "1"));
        int length = Integer.parseInt(args.getOrDefault("lineLength", "4096"));
        for (int c = 0; c < connections(); c++) {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "localhost", port, true)) {
                s.setSoTimeout(TIMEOUT_MILLIS);
                SSLParameters p = parameters(s.getSSLParameters());
                p.setEndpointIdentificationAlgorithm("HTTPS");
                if (args.containsKey("sni")) {
                    // SunJSSE sends no SNI for a name without a dot unless it is set explicitly.
                    p.setServerNames(List.of(new SNIHostName(args.get("sni"))));
                }
                s.setSSLParameters(p);
                s.startHandshake();
                checkAlpn(s);
                export(s);
                InputStream in = s.getInputStream();
                OutputStream o = s.getOutputStream();
                for (int i = 0; i < lines; i++) {
                    String head = "J2C-" + c + "-" + i + "-";
                    byte[] line = (head + TestData.text(length - head.length() - 1, 50 + i) + "\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    o.write(line);
                    o.flush();
                    byte[] back = in.readNBytes(line.length);
                    if (!Arrays.equals(line, back)) {
                        throw new AssertionError("echo differs after " + back.length + " bytes");
                    }
                }
                if (in.read() != -1) {
                    throw new AssertionError("data instead of close_notify");
                }
                report(s, "lines " + lines);
            }
        }
    }

    /**
     * With {@code export=}: the keying material SunJSSE exports, through JDK 25's
     * {@code ExtendedSSLSession.exportKeyingMaterialData} (looked up at run time: the tests compile for 17).
     */
    private void export(SSLSocket s) throws ReflectiveOperationException {
        if (!args.containsKey("export")) {
            return;
        }
        java.lang.reflect.Method m = ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class,
                byte[].class, int.class);
        String label = args.get("export");
        int length = Integer.parseInt(args.get("exportLength"));
        byte[] context = args.get("exportContext").getBytes(StandardCharsets.US_ASCII);
        HexFormat hex = HexFormat.of();
        out.accept(EXPORTED + " none=" + hex.formatHex((byte[]) m.invoke(s.getSession(), label, null, length))
                + " empty=" + hex.formatHex((byte[]) m.invoke(s.getSession(), label, new byte[0], length))
                + " context=" + hex.formatHex((byte[]) m.invoke(s.getSession(), label, context, length)));
    }

    private void checkAlpn(SSLSocket s) {
        if (args.containsKey("alpn") && !args.get("alpn").equals(s.getApplicationProtocol())) {
            throw new AssertionError("ALPN " + s.getApplicationProtocol());
        }
    }

    private void report(SSLSocket s, String what) {
        out.accept("OK " + s.getSession().getProtocol() + " " + s.getSession().getCipherSuite() + " " + what);
    }
}
