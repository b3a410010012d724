package dev.customtls.bench.harness;

import dev.customtls.pki.TestPki;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A server certificate from {@link TestPki} and the key and trust managers every provider gets: the JDK's
 * {@code SunX509} key manager and {@code PKIX} trust manager (both explicitly from SunJSSE), so
 * certificate selection and chain validation cost the same for everyone and only the TLS engine differs.
 */
public final class ServerCredentials {

    /** Server certificate key types the benchmarks use (JMH parameter values). */
    public enum CertType {
        EC_P256(TestPki.KeyType.EC_P256),
        RSA_2048(TestPki.KeyType.RSA_2048);

        private final TestPki.KeyType keyType;

        CertType(TestPki.KeyType keyType) {
            this.keyType = keyType;
        }
    }

    private final X509ExtendedKeyManager keyManager;
    private final X509ExtendedTrustManager trustManager;

    private ServerCredentials(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager) {
        this.keyManager = keyManager;
        this.trustManager = trustManager;
    }

    /** A fresh CA (same key type as the leaf) and a leaf for {@code localhost} of the given type. */
    public static ServerCredentials create(CertType type) {
        TestPki pki = TestPki.create("customtls-bench-ca", type.keyType);
        TestPki.Credential leaf = pki.issue(type.keyType, "localhost");
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", "SunJSSE");
            kmf.init(leaf.toKeyStore("server"), TestPki.PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
            KeyStore trust = pki.trustStore();
            tmf.init(trust);
            return new ServerCredentials(only(kmf.getKeyManagers(), X509ExtendedKeyManager.class),
                    only(tmf.getTrustManagers(), X509ExtendedTrustManager.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build key/trust managers", e);
        }
    }

    private static <T> T only(Object[] managers, Class<T> type) {
        for (Object m : managers) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName());
    }

    /** The JDK key manager holding the server key. */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** The JDK PKIX trust manager trusting the test CA. */
    public X509ExtendedTrustManager trustManager() {
        return trustManager;
    }
}
