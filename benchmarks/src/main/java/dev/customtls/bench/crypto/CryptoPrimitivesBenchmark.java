package dev.customtls.bench.crypto;

import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.crypto.DefaultTlsCrypto;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;
import dev.customtls.pki.TestPki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-primitive cost of each crypto backend, to choose {@link DefaultTlsCrypto}'s defaults. Results are in
 * {@code benchmarks/CRYPTO-RESULTS.md}; {@code benchmarks/run-full.sh} runs it and prints both backends side by
 * side, as does
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CryptoPrimitives -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc \
 *   -prof dev.customtls.bench.profile.CpuTimeProfiler -rf json -rff primitives.json
 * java -cp benchmarks/target/benchmarks.jar dev.customtls.bench.report.ResultsTable primitives.json
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoPrimitivesBenchmark {

    @Param({"jdk", "bc"})
    public String backend;

    private TlsCrypto crypto;
    private byte[] x25519Peer;
    private byte[] p256Peer;
    private byte[] ffdhePeer;
    private KeyPair ecKey;
    private KeyPair edKey;
    private KeyPair rsaKey;
    private byte[] message;
    private byte[] ecdsaSig;
    private byte[] ed25519Sig;
    private byte[] pssSig;
    private byte[] encryptedPremaster;
    private Hkdf hkdf;
    private byte[] secret;
    private byte[] transcriptHash;
    private Aead aesGcm;
    private Aead chacha;
    private byte[] nonce;
    private byte[] aad;
    private byte[] record;
    private byte[] sealed;
    private long counter;

    @Setup
    public void setup() {
        switch (backend) {
            case "jdk": crypto = new JdkTlsCrypto(); break;
            case "bc": crypto = new BcTlsCrypto(); break;
            case "default": crypto = DefaultTlsCrypto.instance(); break;
            default: throw new IllegalArgumentException(backend);
        }
        x25519Peer = crypto.generateKeyShare(NamedGroup.X25519).publicKey();
        p256Peer = crypto.generateKeyShare(NamedGroup.SECP256R1).publicKey();
        ffdhePeer = crypto.generateKeyShare(NamedGroup.FFDHE2048).publicKey();
        ecKey = TestPki.KeyType.EC_P256.generate();
        edKey = TestPki.KeyType.ED25519.generate();
        rsaKey = TestPki.KeyType.RSA_2048.generate();
        message = new byte[130]; // the size of a TLS 1.3 CertificateVerify input with SHA-256
        crypto.secureRandom().nextBytes(message);
        ecdsaSig = crypto.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, ecKey.getPrivate(), message);
        ed25519Sig = crypto.sign(SignatureScheme.ED25519, edKey.getPrivate(), message);
        pssSig = crypto.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, rsaKey.getPrivate(), message);
        encryptedPremaster = rsaEncryptedPremaster(rsaKey, crypto);
        hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        secret = new byte[32];
        transcriptHash = new byte[32];
        crypto.secureRandom().nextBytes(secret);
        aesGcm = crypto.aead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        chacha = crypto.aead(AeadAlgorithm.CHACHA20_POLY1305, new byte[32]);
        nonce = new byte[12];
        aad = new byte[] {23, 3, 3, 0x40, 0x11};
        record = new byte[16384];
        sealed = new byte[16384 + 16];
    }

    private byte[] nextNonce() {
        long c = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (c >>> (8 * i));
        }
        return nonce;
    }

    @Benchmark
    public byte[] x25519KeygenAgree() {
        return crypto.generateKeyShare(NamedGroup.X25519).agree(x25519Peer);
    }

    @Benchmark
    public byte[] p256KeygenEcdh() {
        return crypto.generateKeyShare(NamedGroup.SECP256R1).agree(p256Peer);
    }

    @Benchmark
    public byte[] ffdhe2048KeygenAgree() {
        return crypto.generateKeyShare(NamedGroup.FFDHE2048).agree(ffdhePeer);
    }

    @Benchmark
    public byte[] ecdsaP256Sign() {
        return crypto.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, ecKey.getPrivate(), message);
    }

    @Benchmark
    public boolean ecdsaP256Verify() {
        return crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, ecKey.getPublic(), message, ecdsaSig);
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return crypto.sign(SignatureScheme.ED25519, edKey.getPrivate(), message);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return crypto.verify(SignatureScheme.ED25519, edKey.getPublic(), message, ed25519Sig);
    }

    @Benchmark
    public byte[] rsa2048PssSign() {
        return crypto.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, rsaKey.getPrivate(), message);
    }

    /** TLS 1.2 RSA key exchange, server side: a well-formed encrypted premaster (RFC 5246 section 7.4.7.1). */
    @Benchmark
    public byte[] rsa2048PremasterDecrypt() {
        return crypto.rsaPremasterSecret(rsaKey.getPrivate(), encryptedPremaster, 0x0303);
    }

    private static byte[] rsaEncryptedPremaster(KeyPair rsa, TlsCrypto crypto) {
        byte[] premaster = new byte[48];
        crypto.secureRandom().nextBytes(premaster);
        premaster[0] = 3;
        premaster[1] = 3;
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
            return c.doFinal(premaster);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public boolean rsa2048PssVerify() {
        return crypto.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rsaKey.getPublic(), message, pssSig);
    }

    @Benchmark
    public byte[] hkdfExpandLabel() {
        return hkdf.expandLabel(secret, "c hs traffic", transcriptHash, 32);
    }

    @Benchmark
    public int aes128GcmSeal16k() {
        return aesGcm.seal(nextNonce(), aad, aad.length, record, 0, record.length, sealed, 0);
    }

    /** In place, as the record layer seals: the plaintext is overwritten by the ciphertext. */
    @Benchmark
    public int aes128GcmSealInPlace16k() {
        return aesGcm.seal(nextNonce(), aad, aad.length, sealed, 0, record.length, sealed, 0);
    }

    @Benchmark
    public int chacha20Poly1305Seal16k() {
        return chacha.seal(nextNonce(), aad, aad.length, record, 0, record.length, sealed, 0);
    }
}
