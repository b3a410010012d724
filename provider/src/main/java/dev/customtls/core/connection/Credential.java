package dev.customtls.core.connection;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate chain (end-entity first) with its private key, as chosen by a key manager. */
public record Credential(List<X509Certificate> chain, PrivateKey privateKey) {
    public Credential {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    @Override
    public String toString() {
        return "Credential[" + chain.get(0).getSubjectX500Principal() + ", " + privateKey.getAlgorithm() + "]";
    }
}
