package dev.customtls.attacks;

import dev.customtls.jsse.CustomProvider;
import dev.customtls.pki.TestPki;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.Provider;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/** Victim engines for the attack tests, and a transport in miniature that records what they send. */
public final class AttackPeers {
    public static final TestPki PKI = TestPki.create("Attack CA");
    public static final TestPki.Credential SERVER = PKI.issue(TestPki.KeyType.EC_P256, "localhost");
    static final Provider CUSTOM = new CustomProvider();

    private AttackPeers() {
    }

    /** A fresh Custom context (reads the system properties now, as {@code SSLContext.init} does). */
    public static SSLContext context(String protocol) throws Exception {
        SSLContext ctx = SSLContext.getInstance(protocol, CUSTOM);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        KeyStore ks = SERVER.toKeyStore("key");
        kmf.init(ks, TestPki.PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(PKI.trustStore());
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static SSLEngine server(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    public static SSLEngine client(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        return e;
    }

    /** Everything the engine wants to send now. */
    public static byte[] drain(SSLEngine e) throws SSLException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            if (e.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks(e);
                continue;
            }
            ByteBuffer out = ByteBuffer.allocate(1 << 17);
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
            sent.write(out.array(), 0, out.position());
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        return sent.toByteArray();
    }

    static void runTasks(SSLEngine e) {
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
        }
    }

    /**
     * Feeds {@code bytes} to the engine record by record, running tasks; returns the exception that ended the
     * connection or null, and leaves what the engine answered in {@code sent} (may be null).
     */
    static SSLException feed(SSLEngine e, byte[] bytes, ByteArrayOutputStream sent) {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        try {
            for (int i = 0; i < 100_000; i++) {
                if (sent != null) {
                    sent.writeBytes(drainIfWrap(e));
                }
                SSLEngineResult r = e.unwrap(src, app);
                app.clear();
                runTasks(e);
                if (!src.hasRemaining() || r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                        || r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    // Surfaces a failure of the last delegated task, as the next call of a transport would.
                    e.unwrap(ByteBuffer.allocate(0), app);
                    if (sent != null) {
                        sent.writeBytes(drainIfWrap(e));
                    }
                    return null;
                }
            }
        } catch (SSLException ex) {
            return ex;
        }
        throw new AssertionError("no progress");
    }

    private static byte[] drainIfWrap(SSLEngine e) throws SSLException {
        return e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP ? drain(e) : new byte[0];
    }

    /** A TLS record. */
    public static byte[] record(int type, int version, byte[] fragment) {
        byte[] r = new byte[5 + fragment.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >>> 8);
        r[2] = (byte) version;
        r[3] = (byte) (fragment.length >>> 8);
        r[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, r, 5, fragment.length);
        return r;
    }

    /** The content of the first record of {@code records}. */
    static byte[] firstFragment(byte[] records) {
        int len = ((records[3] & 0xff) << 8) | (records[4] & 0xff);
        return Arrays.copyOfRange(records, 5, 5 + len);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
