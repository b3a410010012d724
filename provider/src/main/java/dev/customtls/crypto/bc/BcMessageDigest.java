package dev.customtls.crypto.bc;

import dev.customtls.core.constants.HashAlgorithm;

import java.security.MessageDigest;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.util.Memoable;

/** A JCA {@link MessageDigest} over a Bouncy Castle SHA-2 digest; supports {@link #clone()} (for transcripts). */
final class BcMessageDigest extends MessageDigest implements Cloneable {

    private Digest digest;

    BcMessageDigest(HashAlgorithm hash) {
        super(hash.jcaName());
        this.digest = BcDigests.create(hash);
    }

    @Override
    protected void engineUpdate(byte input) {
        digest.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        digest.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    @Override
    protected int engineGetDigestLength() {
        return digest.getDigestSize();
    }

    @Override
    protected void engineReset() {
        digest.reset();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        BcMessageDigest copy = (BcMessageDigest) super.clone();
        copy.digest = (Digest) ((Memoable) digest).copy();
        return copy;
    }
}
