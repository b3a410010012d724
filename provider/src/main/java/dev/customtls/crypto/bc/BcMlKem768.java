package dev.customtls.crypto.bc;

import dev.customtls.crypto.MlKem768;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

import java.security.SecureRandom;

/** ML-KEM-768 with Bouncy Castle's lightweight API (every JDK). */
public final class BcMlKem768 implements MlKem768 {

    private final SecureRandom random;

    public BcMlKem768(SecureRandom random) {
        this.random = random;
    }

    @Override
    public GeneratedKey generate() {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        AsymmetricCipherKeyPair kp = generator.generateKeyPair();
        MLKEMExtractor extractor = new MLKEMExtractor((MLKEMPrivateKeyParameters) kp.getPrivate());
        return new GeneratedKey(((MLKEMPublicKeyParameters) kp.getPublic()).getEncoded(), extractor::extractSecret);
    }

    @Override
    public Encapsulation encapsulate(byte[] encapsulationKey) {
        SecretWithEncapsulation kem = new MLKEMGenerator(random)
                .generateEncapsulated(new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, encapsulationKey));
        return new Encapsulation(kem.getEncapsulation(), kem.getSecret());
    }

    @Override
    public String toString() {
        return "BcMlKem768";
    }
}
