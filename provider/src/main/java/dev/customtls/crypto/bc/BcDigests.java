package dev.customtls.crypto.bc;

import dev.customtls.core.constants.HashAlgorithm;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** Creates Bouncy Castle digests for our hash algorithms. */
final class BcDigests {

    private BcDigests() {
    }

    static Digest create(HashAlgorithm hash) {
        if (hash == null) {
            return new SHA1Digest(); // the SHA-1 signature schemes carry no HashAlgorithm
        }
        switch (hash) {
            case SHA256: return new SHA256Digest();
            case SHA384: return new SHA384Digest();
            case SHA512: return new SHA512Digest();
            default: throw new IllegalStateException("unknown hash " + hash);
        }
    }
}
