package dev.customtls.spi.matrix;

import dev.customtls.pki.TestPki.KeyType;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the matrix. Not the full cartesian product: a base grid (version x suite x group, EC P-256,
 * no feature), certificate rows and feature rows, each with a fixed suite and group.
 */
final class MatrixGrid {

    static final String AES128 = "TLS_AES_128_GCM_SHA256";
    static final String AES256 = "TLS_AES_256_GCM_SHA384";
    static final String CHACHA = "TLS_CHACHA20_POLY1305_SHA256";
    static final String X25519 = "x25519";
    static final String P256 = "secp256r1";
    static final String P384 = "secp384r1";
    /** Hybrid post-quantum key exchange (draft-ietf-tls-ecdhe-mlkem). */
    static final String HYBRID = "X25519MLKEM768";

    static final String ECDSA_AES128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    static final String ECDSA_AES256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    static final String ECDSA_CHACHA = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    static final String RSA_AES128 = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    static final String RSA_KX_AES128 = "TLS_RSA_WITH_AES_128_GCM_SHA256";

    private MatrixGrid() {
    }

    static List<Cell> rows() {
        List<Cell> rows = new ArrayList<>();
        // TLS 1.3 base grid: every suite with x25519 and secp256r1, every other group with AES-128.
        for (String suite : List.of(AES128, AES256, CHACHA)) {
            for (String group : List.of(X25519, P256)) {
                rows.add(new Cell(Cell.TLS13, suite, group, KeyType.EC_P256, Feature.NONE));
            }
        }
        for (String group : List.of(P384, "secp521r1", "x448", "ffdhe2048", HYBRID)) {
            rows.add(new Cell(Cell.TLS13, AES128, group, KeyType.EC_P256, Feature.NONE));
        }
        // TLS 1.2 base grid: the ECDHE_ECDSA suites.
        for (String suite : List.of(ECDSA_AES128, ECDSA_AES256, ECDSA_CHACHA)) {
            rows.add(new Cell(Cell.TLS12, suite, X25519, KeyType.EC_P256, Feature.NONE));
        }
        rows.add(new Cell(Cell.TLS12, ECDSA_AES128, P256, KeyType.EC_P256, Feature.NONE));
        rows.add(new Cell(Cell.TLS12, ECDSA_AES128, P384, KeyType.EC_P256, Feature.NONE));
        // Certificate rows.
        for (KeyType cert : List.of(KeyType.RSA_2048, KeyType.ED25519, KeyType.EC_P384)) {
            rows.add(new Cell(Cell.TLS13, AES128, X25519, cert, Feature.NONE));
        }
        rows.add(new Cell(Cell.TLS12, RSA_AES128, X25519, KeyType.RSA_2048, Feature.NONE));
        rows.add(new Cell(Cell.TLS12, RSA_KX_AES128, "-", KeyType.RSA_2048, Feature.NONE));
        // Feature rows: the server wants secp384r1 while the client's key share is x25519.
        rows.add(new Cell(Cell.TLS13, AES128, P384, KeyType.EC_P256, Feature.HELLO_RETRY));
        for (Feature f : List.of(Feature.ALPN, Feature.SNI, Feature.CLIENT_AUTH, Feature.KEY_UPDATE,
                Feature.RESUMPTION, Feature.EARLY_DATA, Feature.EXPORTER)) {
            rows.add(new Cell(Cell.TLS13, AES128, X25519, KeyType.EC_P256, f));
        }
        for (Feature f : List.of(Feature.ALPN, Feature.CLIENT_AUTH, Feature.RESUMPTION, Feature.EXPORTER)) {
            rows.add(new Cell(Cell.TLS12, ECDSA_AES128, X25519, KeyType.EC_P256, f));
        }
        return List.copyOf(rows);
    }
}
