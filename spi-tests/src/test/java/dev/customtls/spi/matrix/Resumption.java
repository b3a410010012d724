package dev.customtls.spi.matrix;

import dev.customtls.spi.interop.EngineOverSocket;

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
     * RFC 8446 section 2.2: the second connection resumed the first one's session, which keeps its creation
     * time (a full handshake makes a new session).
     */
    static void expectResumed(EngineOverSocket first, EngineOverSocket second) {
        long a = first.engine().getSession().getCreationTime();
        long b = second.engine().getSession().getCreationTime();
        CustomEndpoint.check(a == b, "second connection did not resume (session creation times " + a + " and "
                + b + ")");
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
