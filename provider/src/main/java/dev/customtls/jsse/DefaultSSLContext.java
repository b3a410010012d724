package dev.customtls.jsse;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code Default} context, initialised as SunJSSE's: key material from {@code javax.net.ssl.keyStore},
 * {@code keyStoreType}, {@code keyStorePassword}; trust from {@code javax.net.ssl.trustStore*}, falling back to
 * the JDK's {@code jssecacerts}/{@code cacerts} (the default {@code TrustManagerFactory} does that).
 */
final class DefaultSSLContext extends CustomSSLContext {

    DefaultSSLContext() {
        try {
            super.engineInit(keyManagers(), trustManagers(), null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Default SSLContext initialisation failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
        throw new KeyManagementException("Default SSLContext is initialized automatically");
    }

    private static KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
        String file = System.getProperty("javax.net.ssl.keyStore", "");
        String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
        String password = System.getProperty("javax.net.ssl.keyStorePassword", "");
        KeyStore ks = null;
        if (!file.isEmpty() && !file.equals("NONE")) {
            ks = KeyStore.getInstance(type);
            try (InputStream in = new FileInputStream(file)) {
                ks.load(in, password.toCharArray());
            }
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        return kmf.getKeyManagers();
    }

    private static TrustManager[] trustManagers() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        return tmf.getTrustManagers();
    }
}
