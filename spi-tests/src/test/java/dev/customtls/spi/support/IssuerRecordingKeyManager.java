package dev.customtls.spi.support;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A key manager that records the issuers each handshake hands it (a client's: the CAs the server's
 * CertificateRequest named; a server's: the CAs the ClientHello named; null when none were named) and the signature algorithms its handshake session reports the server accepts,
 * and otherwise defers to another.
 */
public final class IssuerRecordingKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;
    private final List<List<Principal>> issuers = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> peerAlgorithms = Collections.synchronizedList(new ArrayList<>());

    public IssuerRecordingKeyManager(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    /** What each call was given, in order; a null element for a call given no issuers. */
    public List<List<Principal>> issuers() {
        synchronized (issuers) {
            return new ArrayList<>(issuers);
        }
    }

    /**
     * What the handshake session said, at each call, the server accepts for signatures
     * ({@code ExtendedSSLSession.getPeerSupportedSignatureAlgorithms()}, which the JDK's PKIX key manager consults).
     */
    public List<List<String>> peerSignatureAlgorithms() {
        synchronized (peerAlgorithms) {
            return new ArrayList<>(peerAlgorithms);
        }
    }

    private void record(Principal[] given, SSLSession handshakeSession) {
        issuers.add(given == null ? null : List.of(given));
        peerAlgorithms.add(handshakeSession instanceof ExtendedSSLSession e
                ? List.of(e.getPeerSupportedSignatureAlgorithms()) : null);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] given, SSLEngine engine) {
        record(given, engine == null ? null : engine.getHandshakeSession());
        return delegate.chooseEngineClientAlias(keyType, given, engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] given, Socket socket) {
        record(given, socket instanceof SSLSocket s ? s.getHandshakeSession() : null);
        return delegate.chooseClientAlias(keyType, given, socket);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] given) {
        return delegate.getClientAliases(keyType, given);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] given) {
        return delegate.getServerAliases(keyType, given);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] given, Socket socket) {
        issuers.add(given == null ? null : List.of(given));
        return delegate.chooseServerAlias(keyType, given, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] given, SSLEngine engine) {
        issuers.add(given == null ? null : List.of(given));
        return delegate.chooseEngineServerAlias(keyType, given, engine);
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
