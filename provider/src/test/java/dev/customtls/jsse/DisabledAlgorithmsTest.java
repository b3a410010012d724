package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and matching of {@code jdk.tls.disabledAlgorithms} entries (the JDK's syntax and names). */
class DisabledAlgorithmsTest {

    private static DisabledAlgorithms parse(String value) {
        return DisabledAlgorithms.parse(value, name -> null);
    }

    private static Set<CipherSuite> disabledSuites(String value) {
        DisabledAlgorithms d = parse(value);
        return Arrays.stream(CipherSuite.values()).filter(s -> !d.permits(s))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CipherSuite.class)));
    }

    /** The JDK 17 and JDK 25 defaults disable nothing we implement but the TLS_RSA_* suites on 25. */
    @Test
    void jdkDefaultsLeaveOurAlgorithmsButRsaKeyExchangeOn25() {
        String jdk17 = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, "
                + "EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH";
        String jdk25 = jdk17 + ", TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature, "
                + "ecdsa_sha1 usage HandshakeSignature, dsa_sha1 usage HandshakeSignature";
        for (String value : new String[] {jdk17, jdk25}) {
            boolean isJdk25 = value.equals(jdk25);
            DisabledAlgorithms d = parse(value);
            for (ProtocolVersion v : List.of(ProtocolVersion.TLS12, ProtocolVersion.TLS13)) {
                assertTrue(d.permits(v), v + " in " + value);
            }
            for (NamedGroup g : NamedGroup.values()) {
                assertTrue(d.permits(g), g + " ('ECDH' is static ECDH, not ECDHE; every group is above the sizes)");
            }
            for (SignatureScheme s : SignatureScheme.values()) {
                boolean sha1 = s == SignatureScheme.RSA_PKCS1_SHA1 || s == SignatureScheme.ECDSA_SHA1;
                assertEquals(!(sha1 && isJdk25), d.permits(s), s.toString());
            }
        }
        assertEquals(Set.of(), disabledSuites(jdk17));
        assertEquals(EnumSet.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384),
                disabledSuites(jdk25));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "TLS_RSA_*; TLS_RSA_WITH_AES_128_GCM_SHA256 TLS_RSA_WITH_AES_256_GCM_SHA384",
            "tls_rsa_with_aes_128_gcm_sha256; TLS_RSA_WITH_AES_128_GCM_SHA256",
            "RSA; TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 "
                    + "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 TLS_RSA_WITH_AES_128_GCM_SHA256 TLS_RSA_WITH_AES_256_GCM_SHA384",
            "ECDSA; TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 "
                    + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "ChaCha20-Poly1305; TLS_CHACHA20_POLY1305_SHA256 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 "
                    + "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "AES_256_GCM; TLS_AES_256_GCM_SHA384 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 "
                    + "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 TLS_RSA_WITH_AES_256_GCM_SHA384",
            "SHA384; TLS_AES_256_GCM_SHA384 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 "
                    + "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_*_CHACHA20_POLY1305_SHA256; TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 "
                    + "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "RSA keySize < 2048; ",
            "ECDH; ",
            "TLSv1.2; "})
    void suitesByNamePatternOrComponent(String entry, String expected) {
        Set<CipherSuite> want = expected == null ? Set.of() : Arrays.stream(expected.trim().split("\\s+"))
                .map(CipherSuite::valueOf).collect(Collectors.toSet());
        assertEquals(want, disabledSuites(entry));
    }

    @Test
    void protocolsByName() {
        DisabledAlgorithms d = parse("SSLv3, tlsv1.2 ");
        assertFalse(d.permits(ProtocolVersion.TLS12));
        assertTrue(d.permits(ProtocolVersion.TLS13));
        assertFalse(parse("TLSv1.3").permitsProtocol("TLSv1.3"));
        assertTrue(parse("TLSv1.3 keySize < 10").permitsProtocol("TLSv1.3"), "a constrained entry is not outright");
    }

    @Test
    void groupsByNameAlgorithmAndKeySize() {
        assertFalse(parse("x25519").permits(NamedGroup.X25519));
        assertTrue(parse("x25519").permits(NamedGroup.X448));
        assertFalse(parse("XDH").permits(NamedGroup.X448));
        assertFalse(parse("EC").permits(NamedGroup.SECP256R1));
        assertTrue(parse("EC").permits(NamedGroup.X25519));
        DisabledAlgorithms sizes = parse("EC keySize < 384, DH keySize <= 2048");
        assertFalse(sizes.permits(NamedGroup.SECP256R1));
        assertTrue(sizes.permits(NamedGroup.SECP384R1));
        assertTrue(sizes.permits(NamedGroup.SECP521R1));
        assertFalse(sizes.permits(NamedGroup.FFDHE2048));
        assertTrue(sizes.permits(NamedGroup.FFDHE3072));
        assertTrue(sizes.permits(NamedGroup.X25519));
        assertFalse(parse("DiffieHellman keySize < 4096").permits(NamedGroup.FFDHE3072));
        assertFalse(parse("ffdhe3072").permits(NamedGroup.FFDHE3072));
    }

    @Test
    void signatureSchemesByNameUsageAndAlgorithm() {
        assertFalse(parse("rsa_pss_rsae_sha256 usage HandshakeSignature").permits(SignatureScheme.RSA_PSS_RSAE_SHA256));
        assertTrue(parse("rsa_pss_rsae_sha256 usage CertificateSignature").permits(SignatureScheme.RSA_PSS_RSAE_SHA256),
                "certificates are the trust manager's to check");
        assertFalse(parse("ecdsa_secp256r1_sha256").permits(SignatureScheme.ECDSA_SECP256R1_SHA256));
        assertFalse(parse("SHA256withECDSA").permits(SignatureScheme.ECDSA_SECP256R1_SHA256));
        assertFalse(parse("SHA1").permits(SignatureScheme.RSA_PKCS1_SHA1));
        assertFalse(parse("SHA-256").permits(SignatureScheme.RSA_PSS_RSAE_SHA256));
        assertFalse(parse("Ed25519").permits(SignatureScheme.ED25519));
        assertTrue(parse("Ed25519").permits(SignatureScheme.ED448));
        assertFalse(parse("RSASSA-PSS").permits(SignatureScheme.RSA_PSS_PSS_SHA384));
        assertTrue(parse("MD5withRSA").permits(SignatureScheme.RSA_PKCS1_SHA256));
    }

    @Test
    void includeExpandsAnotherPropertyOnceAndIgnoresCycles() {
        Map<String, String> props = Map.of("a", "x25519, include b", "b", "secp256r1, include a");
        DisabledAlgorithms d = DisabledAlgorithms.parse("include a, TLSv1.2", props::get);
        assertFalse(d.permits(NamedGroup.X25519));
        assertFalse(d.permits(NamedGroup.SECP256R1));
        assertFalse(d.permits(ProtocolVersion.TLS12));
        assertTrue(d.permits(NamedGroup.SECP384R1));
    }

    /** A property the JDK would refuse in part must not stop a context from initialising: odd entries count for nothing. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"include", "keySize < 2048", "EC keySize", "EC keySize ~ 10",
            "EC keySize < lots", "&&&", "x25519 & & usage", "\"TLS_RSA_*\"", "*", "TLS_\u00e9*", "include nosuch"})
    void oddEntriesNeverThrow(String value) {
        DisabledAlgorithms d = parse(value);
        assertTrue(d.permits(ProtocolVersion.TLS13) || value.equals("*"));
        if (value.equals("*")) {
            assertEquals(EnumSet.allOf(CipherSuite.class), disabledSuites(value), "a bare * matches every name");
        }
    }

    @Test
    void emptyOrUnsetDisablesNothing() {
        for (String v : new String[] {null, "", " , ,"}) {
            DisabledAlgorithms d = parse(v);
            assertTrue(d.isEmpty());
            assertEquals(Set.of(), disabledSuites(v));
        }
    }
}
