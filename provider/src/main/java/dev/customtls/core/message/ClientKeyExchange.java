package dev.customtls.core.message;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;

import java.util.Arrays;
import java.util.Objects;

/**
 * TLS 1.2 ClientKeyExchange (RFC 5246 section 7.4.7). Its form depends on the negotiated key exchange:
 * ECDHE sends {@code opaque point<1..2^8-1>} (RFC 8422 section 5.7), RSA sends
 * {@code opaque EncryptedPreMasterSecret<0..2^16-1>} (RFC 5246 section 7.4.7.1).
 *
 * @param keyExchange which form this is ({@link CipherSuite.KeyExchangeKind#RSA} or an ECDHE kind)
 * @param exchangeKeys the ECDHE public point, or the RSA-encrypted premaster secret
 */
public record ClientKeyExchange(CipherSuite.KeyExchangeKind keyExchange, byte[] exchangeKeys) implements HandshakeMessage {
    public ClientKeyExchange {
        Objects.requireNonNull(keyExchange, "keyExchange");
        Objects.requireNonNull(exchangeKeys, "exchangeKeys");
        if (keyExchange == CipherSuite.KeyExchangeKind.TLS13) {
            throw new IllegalArgumentException("TLS 1.3 has no ClientKeyExchange");
        }
    }

    @Override
    public int type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    public boolean isRsa() {
        return keyExchange == CipherSuite.KeyExchangeKind.RSA;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        if (isRsa()) {
            w.opaque16(exchangeKeys);
        } else {
            w.opaque8(exchangeKeys);
        }
    }

    /**
     * Decodes the body exactly in the form {@code keyExchange} implies; an empty ECDHE point or an empty
     * RSA ciphertext is a {@code decode_error}.
     */
    public static ClientKeyExchange decode(TlsReader body, CipherSuite.KeyExchangeKind keyExchange) {
        if (keyExchange == null || keyExchange == CipherSuite.KeyExchangeKind.TLS13) {
            throw TlsAlertException.unexpectedMessage("ClientKeyExchange without a TLS 1.2 key exchange");
        }
        byte[] keys = keyExchange == CipherSuite.KeyExchangeKind.RSA ? body.opaque16() : body.opaque8();
        if (keys.length == 0) {
            throw TlsAlertException.decodeError("Empty ClientKeyExchange");
        }
        body.ensureEmpty("ClientKeyExchange");
        return new ClientKeyExchange(keyExchange, keys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientKeyExchange c && c.keyExchange == keyExchange && Arrays.equals(c.exchangeKeys, exchangeKeys);
    }

    @Override
    public int hashCode() {
        return 31 * keyExchange.hashCode() + Arrays.hashCode(exchangeKeys);
    }

    @Override
    public String toString() {
        return "ClientKeyExchange[" + keyExchange + ", " + exchangeKeys.length + " bytes]";
    }
}
