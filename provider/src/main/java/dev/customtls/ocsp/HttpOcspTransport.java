package dev.customtls.ocsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Locale;

/**
 * OCSP over HTTP, RFC 6960 appendix A.1: a POST of {@code application/ocsp-request}, a
 * {@code application/ocsp-response} answer. Through {@link HttpURLConnection}, so the JDK's proxy settings
 * apply. No redirects are followed, and no body longer than the caller's limit is read.
 */
public final class HttpOcspTransport implements OcspTransport {

    @Override
    public byte[] post(URI responder, byte[] request, Duration timeout, int maxLength) throws IOException {
        String scheme = responder.getScheme() == null ? "" : responder.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("OCSP responder " + responder + " is not an http(s) URI");
        }
        URLConnection c = responder.toURL().openConnection();
        if (!(c instanceof HttpURLConnection http)) {
            throw new IOException("OCSP responder " + responder + " is not reachable over HTTP");
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        http.setConnectTimeout(millis);
        http.setReadTimeout(millis);
        http.setInstanceFollowRedirects(false);
        http.setUseCaches(false);
        http.setDoOutput(true);
        http.setRequestMethod("POST");
        http.setRequestProperty("Content-Type", "application/ocsp-request");
        http.setRequestProperty("Accept", "application/ocsp-response");
        http.setFixedLengthStreamingMode(request.length);
        try {
            try (OutputStream out = http.getOutputStream()) {
                out.write(request);
            }
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("OCSP responder " + responder + " answered HTTP " + status);
            }
            long declared = http.getContentLengthLong();
            if (declared > maxLength) {
                throw new IOException("OCSP responder " + responder + " sent " + declared + " bytes (limit " + maxLength + ")");
            }
            try (InputStream in = http.getInputStream()) {
                return readAtMost(in, maxLength, responder);
            }
        } finally {
            http.disconnect();
        }
    }

    private static byte[] readAtMost(InputStream in, int maxLength, URI responder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) != -1) {
            if (out.size() + n > maxLength) {
                throw new IOException("OCSP responder " + responder + " sent more than " + maxLength + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
