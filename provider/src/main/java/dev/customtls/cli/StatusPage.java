package dev.customtls.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The HTTP/1.0 answer of {@code serve} (and of the demo's server): a short text naming what was negotiated. */
final class StatusPage {

    private StatusPage() {
    }

    /** The whole response: status line, headers and the text body. */
    static byte[] response(String providerName, SessionReport report, RequestHead head) {
        return response(providerName, report, head, List.of());
    }

    /** The response with {@code extraLines} (e.g. resumption and early data) after the negotiated values. */
    static byte[] response(String providerName, SessionReport report, RequestHead head, List<String> extraLines) {
        StringBuilder body = new StringBuilder();
        body.append("customtls: TLS connection established\n");
        body.append("provider:     ").append(providerName).append('\n');
        for (String line : report.negotiatedLines()) {
            if (line.startsWith("named group:") && report.namedGroup() == null) {
                continue;
            }
            body.append(line).append('\n');
        }
        for (String line : extraLines) {
            body.append(line).append('\n');
        }
        body.append("request:      ").append(head.printableRequestLine()).append('\n');
        byte[] bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String headers = "HTTP/1.0 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = headers.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }
}
