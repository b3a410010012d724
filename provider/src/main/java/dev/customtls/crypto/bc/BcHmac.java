package dev.customtls.crypto.bc;

import dev.customtls.core.constants.HashAlgorithm;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Mac;
import javax.crypto.MacSpi;

import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** A JCA {@link Mac} over Bouncy Castle's {@link HMac} (RFC 2104), without a registered provider. */
final class BcHmac extends Mac {

    BcHmac(HashAlgorithm hash) {
        super(new Spi(hash), null, hash.hmacJcaName());
    }

    private static final class Spi extends MacSpi {
        private final HMac hmac;

        Spi(HashAlgorithm hash) {
            this.hmac = new HMac(BcDigests.create(hash));
        }

        @Override
        protected int engineGetMacLength() {
            return hmac.getMacSize();
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException {
            byte[] k = key == null ? null : key.getEncoded();
            if (k == null) {
                throw new InvalidKeyException("HMAC needs a raw key");
            }
            hmac.init(new KeyParameter(k));
            java.util.Arrays.fill(k, (byte) 0);
        }

        @Override
        protected void engineUpdate(byte input) {
            hmac.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            hmac.update(input, offset, len);
        }

        @Override
        protected byte[] engineDoFinal() {
            byte[] out = new byte[hmac.getMacSize()];
            hmac.doFinal(out, 0);
            return out;
        }

        @Override
        protected void engineReset() {
            hmac.reset();
        }
    }
}
