package dev.customtls.jsse.socket;

import dev.customtls.pki.TestPki;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Certificates, SunJSSE contexts, and socket factories of both kinds (ours over SunJSSE's engine, and
 * SunJSSE's own sockets as the reference peer), shared by the socket tests.
 */
final class TlsFixture {

    static final TestPki PKI = TestPki.create("Socket Test CA");
    static final TestPki.Credential SERVER = PKI.issue(TestPki.KeyType.EC_P256, "localhost");
    static final TestPki.Credential CLIENT = PKI.issue(TestPki.KeyType.EC_P256, "client");

    /** Server context with a key; also trusts the CA (for client authentication). */
    static final SSLContext SERVER_CONTEXT = context("TLSv1.3", SERVER.toKeyStore("server"), PKI.trustStore());
    /** Client context trusting the CA, with a client key. */
    static final SSLContext CLIENT_CONTEXT = context("TLSv1.3", CLIENT.toKeyStore("client"), PKI.trustStore());
    /** Client context trusting another CA: handshakes fail. */
    static final SSLContext UNTRUSTING_CONTEXT = context("TLSv1.3", null,
            TestPki.create("Other CA").trustStore());

    static final SSLSocketFactory OUR_CLIENT = new EngineSocketFactory(new SunJsseEngineSource(CLIENT_CONTEXT));
    static final SSLServerSocketFactory OUR_SERVER =
            new EngineServerSocketFactory(new SunJsseEngineSource(SERVER_CONTEXT));
    static final SSLSocketFactory OUR_SERVER_SIDE_SOCKETS =
            new EngineSocketFactory(new SunJsseEngineSource(SERVER_CONTEXT));
    static final SSLSocketFactory SUN_CLIENT = CLIENT_CONTEXT.getSocketFactory();
    /** The real product: the Custom provider's sockets on the Custom provider's engine. */
    static final SSLContext CUSTOM_SERVER_CONTEXT = customContext(SERVER.toKeyStore("server"), PKI.trustStore());
    static final SSLContext CUSTOM_CLIENT_CONTEXT = customContext(CLIENT.toKeyStore("client"), PKI.trustStore());
    static final SSLSocketFactory CUSTOM_CLIENT = CUSTOM_CLIENT_CONTEXT.getSocketFactory();
    static final SSLServerSocketFactory CUSTOM_SERVER = CUSTOM_SERVER_CONTEXT.getServerSocketFactory();
    static final SSLServerSocketFactory SUN_SERVER = SERVER_CONTEXT.getServerSocketFactory();

    private TlsFixture() {
    }

    static SSLContext context(String protocol, KeyStore keys, KeyStore trust) {
        try {
            KeyManagerFactory kmf = null;
            if (keys != null) {
                kmf = KeyManagerFactory.getInstance("PKIX");
                kmf.init(keys, TestPki.PASSWORD);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance(protocol, "SunJSSE");
            c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static SSLContext customContext(KeyStore keys, KeyStore trust) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, TestPki.PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance("TLSv1.3", new dev.customtls.jsse.CustomProvider());
            c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic test data. */
    static byte[] data(int size, int seed) {
        byte[] b = new byte[size];
        int x = seed * 0x9E3779B1 + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads exactly {@code n} bytes (fewer only at end of stream). */
    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                return java.util.Arrays.copyOf(b, off);
            }
            off += r;
        }
        return b;
    }

    /** Writes {@code b} in chunks of {@code chunk} bytes. */
    static void writeChunks(OutputStream out, byte[] b, int chunk) throws IOException {
        for (int off = 0; off < b.length; off += chunk) {
            out.write(b, off, Math.min(chunk, b.length - off));
        }
        out.flush();
    }

    /** Runs {@code task} on a new daemon thread. */
    static <T> Future<T> async(Callable<T> task) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "socket-test");
            t.setDaemon(true);
            return t;
        });
        try {
            return ex.submit(task);
        } finally {
            ex.shutdown();
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }
}
