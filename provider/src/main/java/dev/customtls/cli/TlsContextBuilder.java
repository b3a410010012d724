package dev.customtls.cli;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the {@link SSLContext} of the chosen provider and the JDK key and trust managers it is given.
 * Key and trust managers always come from the JDK, whatever the provider, so every provider is tested
 * with the same certificate handling.
 */
final class TlsContextBuilder {

    /** The SSLContext algorithm every command asks the provider for. */
    static final String CONTEXT_ALGORITHM = "TLSv1.3";

    private TlsContextBuilder() {
    }

    /** An initialised context of {@code provider}; {@code null} managers mean the provider's defaults. */
    static SSLContext context(Provider provider, KeyManager keyManager, TrustManager trustManager)
            throws CommandException {
        SSLContext context;
        try {
            context = SSLContext.getInstance(CONTEXT_ALGORITHM, provider);
        } catch (NoSuchAlgorithmException e) {
            throw new CommandException("provider " + provider.getName() + " has no SSLContext " + CONTEXT_ALGORITHM, e);
        }
        try {
            context.init(keyManager == null ? null : new KeyManager[] {keyManager},
                    trustManager == null ? null : new TrustManager[] {trustManager}, null);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CommandException("cannot initialise the " + provider.getName() + " SSLContext: " + e, e);
        }
        return context;
    }

    /** The JDK's key manager over a key store whose keys are protected by {@code password}. */
    static X509ExtendedKeyManager keyManager(KeyStore keyStore, char[] password) throws CommandException {
        try {
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(keyStore, password);
            for (KeyManager km : f.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager) {
                    return (X509ExtendedKeyManager) km;
                }
            }
            throw new CommandException("the JDK offers no X509ExtendedKeyManager");
        } catch (GeneralSecurityException e) {
            throw new CommandException("cannot use the key store: " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust manager trusting exactly {@code anchors}. */
    static X509ExtendedTrustManager trustManager(List<X509Certificate> anchors) throws CommandException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                ks.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            return trustManager(ks);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CommandException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust manager over a trust store, or over the JDK's default CAs when it is null. */
    static X509ExtendedTrustManager trustManager(KeyStore trustStore) throws CommandException {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(trustStore);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) tm;
                }
            }
            throw new CommandException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new CommandException("cannot build a trust manager: " + e.getMessage(), e);
        }
    }
}
