package dev.customtls.spi.socket;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An unmodified program, run by {@link DropInFrameworksTest} in a child JVM whose {@code java.security} lists
 * {@code Custom} first: an embedded Tomcat 11 HTTPS connector with HTTP/2 (Tomcat makes its own
 * {@code SSLContext.getInstance(protocol)} and drives the engine itself, ALPN included), and the JDK's default
 * clients ({@code java.net.http.HttpClient} over HTTP/2, {@code HttpsURLConnection}) using
 * {@code SSLContext.getDefault()} with the trust store of {@code javax.net.ssl.trustStore}. Prints
 * {@code key=value} lines for the test. Arguments: key store file (PKCS#12, password changeit), TLS protocol,
 * work directory.
 */
public final class DropInTomcatMain {

    private DropInTomcatMain() {
    }

    public static void main(String[] args) throws Exception {
        Path keyStore = Path.of(args[0]);
        String protocol = args[1];
        Path work = Files.createDirectories(Path.of(args[2]));

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(work.toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(0);
        connector.setSecure(true);
        connector.setScheme("https");
        connector.setProperty("SSLEnabled", "true");
        connector.setProperty("address", "127.0.0.1");
        connector.addUpgradeProtocol(new Http2Protocol());
        SSLHostConfig host = new SSLHostConfig();
        host.setProtocols(protocol);
        SSLHostConfigCertificate certificate =
                new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keyStore.toString());
        certificate.setCertificateKeystorePassword("changeit");
        certificate.setCertificateKeystoreType("PKCS12");
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        tomcat.getService().addConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "echo", new Echo());
        context.addServletMappingDecoded("/*", "echo");
        tomcat.start();
        try {
            String url = "https://localhost:" + connector.getLocalPort() + "/hello";
            System.out.println("default=" + SSLContext.getDefault().getProvider().getName());

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("httpclient.version=" + r.version());
            System.out.println("httpclient.body=" + r.body());
            System.out.println("httpclient.tls=" + r.sslSession().orElseThrow().getProtocol());

            HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                System.out.println("urlconnection.suite=" + c.getCipherSuite());
                System.out.println("urlconnection.body=" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** Answers with the protocol the request came over and the TLS version Tomcat saw. */
    static final class Echo extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print(request.getProtocol() + " "
                    + request.getAttribute("org.apache.tomcat.util.net.secure_protocol_version"));
        }
    }
}
