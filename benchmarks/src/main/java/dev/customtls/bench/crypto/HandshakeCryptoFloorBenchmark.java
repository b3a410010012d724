package dev.customtls.bench.crypto;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.crypto.DefaultTlsCrypto;
import dev.customtls.pki.TestPki;

import java.security.KeyPair;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The public-key crypto of one full TLS 1.3 handshake pair with {@link DefaultTlsCrypto} (the backends
 * {@code Custom} uses), and nothing else: both key shares generated, both agreements, the server's
 * CertificateVerify signature and the client's verification of it. One operation here is one handshake
 * pair's worth, so its score in ops/s is the ceiling of {@code Tls13FullHandshakeBenchmark} for
 * {@code Custom} on this machine and JDK: what is left between the two is the engine (and the JDK's PKIX
 * trust manager, HKDF, AEAD set-up and transcript hashing, which are not counted here).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeCryptoFloorBenchmark {

    @Param({"x25519", "secp256r1"})
    public String group;

    @Param({"EC_P256", "RSA_2048"})
    public String cert;

    private TlsCrypto crypto;
    private NamedGroup namedGroup;
    private SignatureScheme scheme;
    private KeyPair serverKey;
    private byte[] message;

    @Setup
    public void setup() {
        crypto = DefaultTlsCrypto.instance();
        namedGroup = NamedGroup.valueOf(group.toUpperCase(java.util.Locale.ROOT));
        TestPki.KeyType type = TestPki.KeyType.valueOf(cert);
        scheme = type == TestPki.KeyType.EC_P256 ? SignatureScheme.ECDSA_SECP256R1_SHA256
                : SignatureScheme.RSA_PSS_RSAE_SHA256;
        serverKey = type.generate();
        message = new byte[130]; // a TLS 1.3 CertificateVerify input with SHA-256
        crypto.secureRandom().nextBytes(message);
    }

    @Benchmark
    public boolean handshakePair() {
        KeyShare client = crypto.generateKeyShare(namedGroup);
        KeyShare server = crypto.generateKeyShare(namedGroup);
        byte[] serverSecret = server.agree(client.publicKey());
        byte[] clientSecret = client.agree(server.publicKey());
        message[0] = serverSecret[0];
        message[1] = clientSecret[0];
        byte[] signature = crypto.sign(scheme, serverKey.getPrivate(), message);
        return crypto.verify(scheme, serverKey.getPublic(), message, signature);
    }
}
