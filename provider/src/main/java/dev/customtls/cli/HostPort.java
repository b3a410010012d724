package dev.customtls.cli;

/**
 * A {@code HOST:PORT} argument: {@code example.com:443}, {@code 127.0.0.1:8443} or {@code [::1]:8443}.
 *
 * @param host the host name or address literal (without brackets)
 * @param port 1 to 65535
 */
record HostPort(String host, int port) {

    /** Parses {@code text}, e.g. {@code localhost:8443}. */
    static HostPort parse(String text) throws UsageException {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new UsageException("expected [IPv6]:PORT, got '" + text + "'");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new UsageException("expected HOST:PORT, got '" + text + "'");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new UsageException("expected HOST:PORT, got '" + text + "'");
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new UsageException("port out of range (1-65535): " + port);
            }
            return new HostPort(host, p);
        } catch (NumberFormatException e) {
            throw new UsageException("not a port number: '" + port + "'");
        }
    }

    /** True for an IPv4 or IPv6 address literal, which cannot be sent as SNI (RFC 6066 section 3). */
    boolean isAddressLiteral() {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
