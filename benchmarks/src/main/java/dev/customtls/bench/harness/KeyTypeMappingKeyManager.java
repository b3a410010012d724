package dev.customtls.bench.harness;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Lets BCJSSE use the JDK's {@code SunX509} key manager: BCJSSE asks for key types such as
 * {@code EC/secp256r1}, {@code ECDHE_ECDSA} or {@code ECDHE_RSA}, which the JDK's key manager does not know;
 * this maps them to the JCA key algorithms {@code EC} and {@code RSA} and delegates everything else
 * unchanged. Used for BCJSSE only (see {@code /work/shared/BENCHMARK-NOTES.md}).
 */
public final class KeyTypeMappingKeyManager extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager delegate;

    public KeyTypeMappingKeyManager(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    /**
     * Maps a BCJSSE key type to the JDK's: {@code EC...}/{@code *_ECDSA} to {@code EC},
     * {@code RSA}/{@code *_RSA} (rsaEncryption keys) to {@code RSA}; other types (e.g. {@code RSASSA-PSS},
     * {@code Ed25519}) are passed through, so an RSA key is never offered for an {@code rsa_pss_pss} scheme.
     */
    static String jdkKeyType(String keyType) {
        if (keyType == null) {
            return null;
        }
        if (keyType.equals("EC") || keyType.startsWith("EC/") || keyType.endsWith("_ECDSA")) {
            return "EC";
        }
        if (keyType.equals("RSA") || keyType.startsWith("RSA/") || keyType.endsWith("_RSA")) {
            return "RSA";
        }
        return keyType;
    }

    private static String[] jdkKeyTypes(String[] keyTypes) {
        if (keyTypes == null) {
            return null;
        }
        String[] mapped = new String[keyTypes.length];
        for (int i = 0; i < keyTypes.length; i++) {
            mapped[i] = jdkKeyType(keyTypes[i]);
        }
        return mapped;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(jdkKeyType(keyType), issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(jdkKeyTypes(keyType), issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineClientAlias(jdkKeyTypes(keyType), issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(jdkKeyType(keyType), issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(jdkKeyType(keyType), issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineServerAlias(jdkKeyType(keyType), issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
