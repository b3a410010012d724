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
            // TLS 1.2 and 1.3 both enabled: the engines negotiate whichever the hostile bytes ask for.
            SSLContext ctx = provider == null ? SSLContext.getInstance("TLS", "SunJSSE")
                    : SSLContext.getInstance("TLS", provider);
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

    /** A SunJSSE client's first flight offering TLS 1.2 only. */
    static byte[] tls12ClientFirstFlight() throws Exception {
        SSLEngine c = SUN_CONTEXT.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {"TLSv1.2"});
        c.beginHandshake();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        HostileTransport.flush(c, b);
        return b.toByteArray();
    }

    /** A Custom server's first flight (ServerHello, change_cipher_spec, protected rest) to a Custom client. */
    static byte[] serverFirstFlight() throws Exception {
        return serverFirstFlight(false);
    }

    /** The same, with the server limited to TLS 1.2 (ServerHello, Certificate, ServerKeyExchange, ServerHelloDone). */
    static byte[] serverFirstFlight(boolean tls12) throws Exception {
        ByteArrayOutputStream ch = new ByteArrayOutputStream();
        HostileTransport.flush(client(true), ch);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        SSLEngine s = CUSTOM_CONTEXT.createSSLEngine();
        s.setUseClientMode(false);
        if (tls12) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
        }
        s.beginHandshake();
        if (HostileTransport.deliver(s, ch.toByteArray(), flight) != null) {
            throw new IllegalStateException("genuine ClientHello refused");
        }
        return flight.toByteArray();
    }
}
