package dev.customtls.spi.socket;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Main class of the drop-in child JVM: uses only JDK defaults (no SSLContext in code), prints the
 * default context's provider, then the bodies of a plain {@code HttpsURLConnection} GET and a plain
 * {@code HttpClient} GET of the URL given as the argument.
 */
public final class DropInClient {

    private DropInClient() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("provider=" + SSLContext.getDefault().getProvider().getName());
        HttpsURLConnection c = (HttpsURLConnection) URI.create(args[0]).toURL().openConnection();
        c.setReadTimeout(30_000);
        try (InputStream in = c.getInputStream()) {
            System.out.println("urlconnection=" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("httpclient=" + r.body());
    }
}
