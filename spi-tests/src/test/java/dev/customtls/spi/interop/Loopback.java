package dev.customtls.spi.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback listeners and ports for the tests that run a peer process against a {@code Custom} endpoint. */
public final class Loopback {

    private Loopback() {
    }

    /** A listener on a free loopback port whose {@code accept} gives up after {@code timeoutMillis}. */
    public static ServerSocket listen(int timeoutMillis) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(timeoutMillis);
        return s;
    }

    /** A loopback port free a moment ago, for a peer server to bind (callers retry when it was taken since). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
