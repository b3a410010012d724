package dev.customtls.cli;

import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Server-side ALPN (RFC 7301 section 3.2): picks the first of the server's protocols that the client
 * offered, or none (no extension, not a fatal alert) when nothing matches, so clients that offer only
 * protocols we do not speak still get an answer.
 */
final class ServerAlpn {

    private ServerAlpn() {
    }

    /**
     * Installs the selection on an accepted socket before its handshake. Providers without a selector
     * callback get the list through {@link SSLParameters} instead (they may then refuse a client whose
     * offer does not match, as RFC 7301 allows).
     */
    static void install(SSLSocket socket, List<String> supported, Consumer<String> report) {
        if (supported.isEmpty()) {
            return;
        }
        try {
            socket.setHandshakeApplicationProtocolSelector((s, offered) -> {
                String chosen = choose(supported, offered);
                report.accept("ALPN: client offered " + offered + ", server chose "
                        + (chosen.isEmpty() ? "none" : chosen));
                return chosen;
            });
        } catch (UnsupportedOperationException e) {
            SSLParameters p = socket.getSSLParameters();
            p.setApplicationProtocols(supported.toArray(new String[0]));
            socket.setSSLParameters(p);
        }
    }

    /** The first of {@code supported} that is in {@code offered}, or the empty string for none. */
    static String choose(List<String> supported, List<String> offered) {
        for (String p : supported) {
            if (offered.contains(p)) {
                return p;
            }
        }
        return "";
    }
}
