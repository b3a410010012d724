package dev.customtls.spi.socket;

import dev.customtls.pki.TestPki;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The JSSE providers the socket interop tests run against ({@code spi.providers} system property,
 * default {@code SunJSSE,Custom}; SunJSSE checks the tests themselves), and the certificates they use.
 */
final class SocketProviders {

    /** Class name of our provider; loaded by name so these tests compile before it exists. */
    static final String CUSTOM_PROVIDER_CLASS = "dev.customtls.jsse.CustomProvider";

    static final TestPki PKI = TestPki.create("SPI Socket Test CA");
    static final TestPki.Credential SERVER = PKI.issue(TestPki.KeyType.EC_P256, "localhost");

    private SocketProviders() {
    }

    /**
     * The provider names to test: {@code SunJSSE}, {@code Custom}, and the test-only
     * {@value EngineSocketsOverSunJsse#NAME} (our socket layer over SunJSSE's engines).
     */
    static List<String> names() {
        String v = System.getProperty("spi.providers", "SunJSSE," + EngineSocketsOverSunJsse.NAME + ",Custom");
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The real providers among {@link #names()}, for tests of engines (frameworks that drive an
     * {@code SSLEngine} never meet our socket layer, so {@value EngineSocketsOverSunJsse#NAME} adds nothing there).
     */
    static List<String> engineProviders() {
        return names().stream().filter(n -> !n.equals(EngineSocketsOverSunJsse.NAME)).toList();
    }

    /**
     * (client provider, server provider, protocol) for every pairing of {@link #engineProviders()}, over TLS 1.3
     * and TLS 1.2: SunJSSE on both sides checks a test itself, the mixed pairs check us against the reference.
     */
    static List<org.junit.jupiter.params.provider.Arguments> enginePairsBothVersions() {
        List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        for (String client : engineProviders()) {
            for (String server : engineProviders()) {
                for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                    out.add(org.junit.jupiter.params.provider.Arguments.of(client, server, protocol));
                }
            }
        }
        return out;
    }

    /** The provider called {@code name}: SunJSSE from the JDK, Custom by class name. */
    static Provider provider(String name) {
        if (name.equals("Custom")) {
            try {
                return (Provider) Class.forName(CUSTOM_PROVIDER_CLASS).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("provider Custom not available: " + CUSTOM_PROVIDER_CLASS, e);
            }
        }
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new IllegalStateException("no provider " + name);
        }
        return p;
    }

    /** A server context of provider {@code name} with {@link #SERVER}'s key. */
    static SSLContext serverContext(String name) {
        return context(name, SERVER.toKeyStore("server"), PKI.trustStore());
    }

    /** A client context of provider {@code name} trusting {@link #PKI}. */
    static SSLContext clientContext(String name) {
        return context(name, null, PKI.trustStore());
    }

    private static SSLContext context(String name, KeyStore keys, KeyStore trust) {
        try {
            KeyManagerFactory kmf = null;
            if (keys != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, TestPki.PASSWORD);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext c = name.equals(EngineSocketsOverSunJsse.NAME)
                    ? EngineSocketsOverSunJsse.newContext()
                    : SSLContext.getInstance("TLS", provider(name));
            c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the CA certificate as PEM to {@code file}. */
    static Path writeCaPem(Path file) throws IOException {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(PKI.caCertificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    /** Writes the CA trust store as PKCS#12 (password {@code changeit}) to {@code file}. */
    static Path writeTrustStore(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            PKI.trustStore().store(out, TestPki.PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file;
    }
}
