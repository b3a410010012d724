package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;
import dev.customtls.spi.support.TlsWire;

import javax.net.ssl.SSLEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Resumption checks and {@code Custom}'s 0-RTT API ({@code dev.customtls.jsse.EarlyDataEngine}), reached by
 * reflection so that the matrix compiles before that API lands on main.
 */
final class Resumption {

    /** The 0-RTT payload of early-data rows. */
    static final String EARLY_LINE = "early-data-from-client\n";
    static final int MAX_EARLY_DATA = 16384;

    private Resumption() {
    }

    /**
     * The connection resumed a session, as seen on the wire from the server's first flight: in TLS 1.3 the
     * ServerHello carries pre_shared_key (RFC 8446 section 4.2.11); in TLS 1.2 the handshake is abbreviated,
     * without a Certificate before ChangeCipherSpec (RFC 5246 section 7.3).
     */
    static void expectResumed(EngineOverSocket conn, Role role) {
        byte[] fromServer = role == Role.CUSTOM_CLIENT ? conn.received() : conn.sent();
        CustomEndpoint.check(resumed(fromServer), "the connection did not resume (full handshake)");
    }

    static boolean resumed(byte[] fromServer) {
        return TlsWire.serverResumed(fromServer);
    }

    /** Client: queue {@link #EARLY_LINE} as 0-RTT data before the handshake. */
    static void sendEarlyData(SSLEngine engine) {
        invoke(engine, "setEarlyData", new Class<?>[] {ByteBuffer.class},
                ByteBuffer.wrap(EARLY_LINE.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Server: accept 0-RTT data (and advertise it in tickets). */
    static void acceptEarlyData(SSLEngine engine) {
        invoke(engine, "setEarlyDataEnabled", new Class<?>[] {int.class}, MAX_EARLY_DATA);
    }

    /** {@code ACCEPTED}, {@code REJECTED} or {@code NOT_ATTEMPTED}. */
    static String status(SSLEngine engine) {
        return String.valueOf(invoke(engine, "earlyDataStatus", new Class<?>[0]));
    }

    /** Server: the 0-RTT bytes received. */
    static String earlyData(SSLEngine engine) {
        ByteBuffer b = (ByteBuffer) invoke(engine, "readEarlyData", new Class<?>[0]);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Checks that 0-RTT was accepted on this (resumed) connection. */
    static void expectAccepted(EngineOverSocket conn) {
        CustomEndpoint.expect("ACCEPTED", status(conn.engine()), "early data status");
    }

    private static Object invoke(SSLEngine engine, String name, Class<?>[] types, Object... args) {
        try {
            Class<?> api = Class.forName(CustomCapabilities.EARLY_DATA_ENGINE);
            Method m = api.getMethod(name, types);
            return m.invoke(engine, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no 0-RTT API: " + e, e);
        }
    }
}
