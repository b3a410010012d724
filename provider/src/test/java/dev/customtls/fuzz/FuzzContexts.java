package dev.customtls.fuzz;

import dev.customtls.jsse.CustomProvider;
import dev.customtls.pki.TestPki;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.Provider;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code SSLContext}s shared by the fuzz targets, built once per JVM (an immutable fixture: a fuzz run
 * executes millions of inputs), and the genuine flights that seed the corpora.
 */
final class FuzzContexts {
    static final TestPki PKI = TestPki.create("Fuzz CA");
    static final TestPki.Credential SERVER_CREDENTIAL = PKI.issue(TestPki.KeyType.EC_P256, "localhost");
    static final Provider CUSTOM = new CustomProvider();
    private static final SSLContext CUSTOM_CONTEXT = context(CUSTOM);
    private static final SSLContext SUN_CONTEXT = context(null);

    private FuzzContexts() {
    }

    private static SSLContext context(Provider provider) {
        try {
            SSLContext ctx = provider == null ? SSLContext.getInstance("TLSv1.3", "SunJSSE")
                    : SSLContext.getInstance("TLSv1.3", provider);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            KeyStore ks = SERVER_CREDENTIAL.toKeyStore("key");
            kmf.init(ks, TestPki.PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(PKI.trustStore());
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Custom server engine that has begun its handshake. */
    static SSLEngine server() throws Exception {
        SSLEngine e = CUSTOM_CONTEXT.createSSLEngine();
        e.setUseClientMode(false);
        e.beginHandshake();
        return e;
    }

    /** A client engine (Custom or SunJSSE) that has begun its handshake. */
    static SSLEngine client(boolean custom) throws Exception {
        SSLEngine e = (custom ? CUSTOM_CONTEXT : SUN_CONTEXT).createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        e.beginHandshake();
        return e;
    }

    /** A Custom client engine whose ClientHello went out. */
    static SSLEngine clientAfterHello() throws Exception {
        SSLEngine c = client(true);
        HostileTransport.flush(c, null);
        return c;
    }

    /** The first flight of a Custom and of a SunJSSE client. */
    static List<byte[]> clientFirstFlights() throws Exception {
        ByteArrayOutputStream custom = new ByteArrayOutputStream();
        HostileTransport.flush(client(true), custom);
        ByteArrayOutputStream sun = new ByteArrayOutputStream();
        HostileTransport.flush(client(false), sun);
        return List.of(custom.toByteArray(), sun.toByteArray());
    }

    /** A Custom server's first flight (ServerHello, change_cipher_spec, protected rest) to a Custom client. */
    static byte[] serverFirstFlight() throws Exception {
        ByteArrayOutputStream ch = new ByteArrayOutputStream();
        HostileTransport.flush(client(true), ch);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        SSLEngine s = server();
        if (HostileTransport.deliver(s, ch.toByteArray(), flight) != null) {
            throw new IllegalStateException("genuine ClientHello refused");
        }
        return flight.toByteArray();
    }
}
