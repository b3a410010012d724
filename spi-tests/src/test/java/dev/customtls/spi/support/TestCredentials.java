package dev.customtls.spi.support;

import dev.customtls.pki.TestPki;
import dev.customtls.pki.TestPki.Credential;
import dev.customtls.pki.TestPki.KeyType;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Credentials shared by all SPI tests, made once per JVM from {@link TestPki}: a server credential for
 * {@code localhost} and a client credential per key type (EC P-256, EC P-384, RSA-2048, Ed25519), and a second, untrusted CA with its own server and
 * client credentials. Key and trust managers come from SunJSSE ({@code SunX509} and {@code PKIX}), so that
 * only the TLS engine differs between the providers under test.
 */
public final class TestCredentials {

    /** The host name in every trusted server certificate. */
    public static final String HOST = "localhost";

    private final TestPki ca;
    private final Map<KeyType, Credential> servers;
    private final Map<KeyType, KeyManager[]> serverKeyManagers;
    private final Map<KeyType, Credential> clients;
    private final Map<KeyType, KeyManager[]> clientKeyManagers;
    private final TrustManager[] trustManagers;
    private final TestPki foreignCa;
    private final Credential foreignServer;
    private final Credential foreignClient;

    private TestCredentials() {
        ca = TestPki.create("Custom SPI test CA");
        servers = new EnumMap<>(KeyType.class);
        serverKeyManagers = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            Credential c = ca.issue(type, HOST);
            servers.put(type, c);
            serverKeyManagers.put(type, keyManagers(c));
        }
        clients = new EnumMap<>(KeyType.class);
        clientKeyManagers = new EnumMap<>(KeyType.class);
        for (KeyType type : KeyType.values()) {
            Credential c = ca.issue(type, "client.test");
            clients.put(type, c);
            clientKeyManagers.put(type, keyManagers(c));
        }
        trustManagers = trustManagers(ca.trustStore());
        foreignCa = TestPki.create("Untrusted SPI test CA");
        foreignServer = foreignCa.issue(KeyType.EC_P256, HOST);
        foreignClient = foreignCa.issue(KeyType.EC_P256, "client.test");
    }

    /** The credentials of this JVM (made on first use). */
    public static TestCredentials shared() {
        return Holder.INSTANCE;
    }

    public X509Certificate caCertificate() {
        return ca.caCertificate();
    }

    /** The trusted server credential of the given key type, for {@code localhost}. */
    public Credential server(KeyType type) {
        return servers.get(type);
    }

    public KeyManager[] serverKeyManagers(KeyType type) {
        return serverKeyManagers.get(type).clone();
    }

    /** The trusted client credential (EC P-256). */
    public Credential client() {
        return client(KeyType.EC_P256);
    }

    /** The trusted client credential of the given key type. */
    public Credential client(KeyType type) {
        return clients.get(type);
    }

    /** Key managers holding the EC P-256 client credential. */
    public KeyManager[] clientKeyManagers() {
        return clientKeyManagers(KeyType.EC_P256);
    }

    public KeyManager[] clientKeyManagers(KeyType type) {
        return clientKeyManagers.get(type).clone();
    }

    /** Trust managers trusting only the test CA. */
    public TrustManager[] trustManagers() {
        return trustManagers.clone();
    }

    /** The trust manager of {@link #trustManagers()}. */
    public X509ExtendedTrustManager trustManager() {
        return (X509ExtendedTrustManager) trustManagers[0];
    }

    /** Key managers holding a server credential for {@code localhost} issued by the untrusted CA. */
    public KeyManager[] foreignServerKeyManagers() {
        return keyManagers(foreignServer);
    }

    /** Key managers holding a client credential issued by the untrusted CA. */
    public KeyManager[] foreignClientKeyManagers() {
        return keyManagers(foreignClient);
    }

    /** Trust managers trusting only the untrusted CA (so they reject every trusted credential). */
    public TrustManager[] foreignTrustManagers() {
        return trustManagers(foreignCa.trustStore());
    }

    /** SunJSSE's {@code SunX509} key managers over a store holding {@code credential}. */
    public static KeyManager[] keyManagers(Credential credential) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", Providers.SUN_JSSE);
            kmf.init(credential.toKeyStore("key"), TestPki.PASSWORD);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build key managers", e);
        }
    }

    /** SunJSSE's {@code PKIX} trust managers over {@code trustStore}. */
    public static TrustManager[] trustManagers(KeyStore trustStore) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Providers.SUN_JSSE);
            tmf.init(trustStore);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build trust managers", e);
        }
    }

    private static final class Holder {
        private static final TestCredentials INSTANCE = new TestCredentials();
    }
}
