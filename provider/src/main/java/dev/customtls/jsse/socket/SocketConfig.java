package dev.customtls.jsse.socket;

/**
 * Settings of the socket layer read once, when a factory is made.
 *
 * @param requireCloseNotify whether an end of stream without the peer's close_notify, after the
 *        handshake, is an error ({@code SSLProtocolException}) rather than an end of data; SunJSSE's
 *        {@code com.sun.net.ssl.requireCloseNotify} system property, default {@code false}
 */
record SocketConfig(boolean requireCloseNotify) {

    /** Name of the system property SunJSSE reads for {@link #requireCloseNotify()}. */
    static final String REQUIRE_CLOSE_NOTIFY = "com.sun.net.ssl.requireCloseNotify";

    /** Reads the system properties now. */
    static SocketConfig fromSystemProperties() {
        String v;
        try {
            v = System.getProperty(REQUIRE_CLOSE_NOTIFY);
        } catch (SecurityException e) {
            v = null;
        }
        return new SocketConfig(v != null && v.trim().equalsIgnoreCase("true"));
    }
}
