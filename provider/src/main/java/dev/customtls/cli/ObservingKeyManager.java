package dev.customtls.cli;

import dev.customtls.core.text.CertificateDescription;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that delegates everything and reports which certificate was chosen, as it happens. It
 * never reports anything about the private key.
 */
final class ObservingKeyManager extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager delegate;
    private final Consumer<String> report;

    ObservingKeyManager(X509ExtendedKeyManager delegate, Consumer<String> report) {
        this.delegate = delegate;
        this.report = report;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return chosen("server", new String[] {keyType}, delegate.chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chosen("server", new String[] {keyType}, delegate.chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return chosen("client", keyType, delegate.chooseClientAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return chosen("client", keyType, delegate.chooseEngineClientAlias(keyType, issuers, engine));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }

    private String chosen(String side, String[] keyTypes, String alias) {
        if (alias != null) {
            X509Certificate[] chain = delegate.getCertificateChain(alias);
            String subject = chain == null || chain.length == 0 ? "?"
                    : chain[0].getSubjectX500Principal().getName() + " ("
                    + CertificateDescription.keyType(chain[0].getPublicKey()) + ")";
            report.accept("key manager chose certificate " + subject + " for " + side + " key type "
                    + String.join("/", Arrays.asList(keyTypes)));
        }
        return alias;
    }
}
