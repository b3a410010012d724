package dev.customtls.core.keyschedule;

import static dev.customtls.core.keyschedule.Rfc8448KeyScheduleTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.HashAlgorithm;
import dev.customtls.core.crypto.TlsCrypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exporters' structure (RFC 8446 section 7.5, RFC 5705 section 4) in both crypto backends; the bytes
 * themselves are checked against OpenSSL, GnuTLS and SunJSSE 25 in spi-tests.
 */
class KeyingMaterialExporterTest {
    private static final byte[] LABEL = "EXPERIMENTAL-unit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = hex("fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50");

    @ParameterizedTest
    @MethodSource("dev.customtls.core.keyschedule.Rfc8448KeyScheduleTest#backends")
    void tls13IsExpandLabelOfThePerLabelSecret(TlsCrypto crypto) {
        Hkdf hkdf = new Hkdf(crypto, HashAlgorithm.SHA256);
        KeyingMaterialExporter e = KeyingMaterialExporter.tls13(hkdf, SECRET);
        assertNull(e.refusal());
        byte[] context = "ctx".getBytes(StandardCharsets.US_ASCII);
        byte[] perLabel = hkdf.deriveSecret(SECRET, "EXPERIMENTAL-unit", hkdf.hash(new byte[0]));
        assertArrayEquals(hkdf.expandLabel(perLabel, "exporter", hkdf.hash(context), 20), e.export(LABEL, context, 20));
        assertArrayEquals(e.export(LABEL, null, 16), e.export(LABEL, new byte[0], 16));
        // Any context length: only its hash is encoded.
        assertEquals(16, e.export(LABEL, new byte[100_000], 16).length);
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.core.keyschedule.Rfc8448KeyScheduleTest#backends")
    void tls12IsThePrfOverBothRandomsAndTheContext(TlsCrypto crypto) {
        Tls12Prf prf = new Tls12Prf(crypto, HashAlgorithm.SHA256);
        byte[] master = new byte[48];
        Arrays.fill(master, (byte) 0x42);
        byte[] clientRandom = new byte[32];
        byte[] serverRandom = new byte[32];
        Arrays.fill(clientRandom, (byte) 1);
        Arrays.fill(serverRandom, (byte) 2);
        KeyingMaterialExporter e = KeyingMaterialExporter.tls12(prf, master, clientRandom, serverRandom, true);
        byte[] seed = new byte[64];
        System.arraycopy(clientRandom, 0, seed, 0, 32);
        System.arraycopy(serverRandom, 0, seed, 32, 32);
        assertArrayEquals(prf.prf(master, LABEL, seed, 40), e.export(LABEL, null, 40));
        byte[] withContext = Arrays.copyOf(seed, 64 + 2 + 3);
        withContext[65] = 3;
        withContext[66] = 'c';
        withContext[67] = 't';
        withContext[68] = 'x';
        assertArrayEquals(prf.prf(master, LABEL, withContext, 40),
                e.export(LABEL, "ctx".getBytes(StandardCharsets.US_ASCII), 40));
        assertFalse(Arrays.equals(e.export(LABEL, null, 16), e.export(LABEL, new byte[0], 16)));

        // The arguments were copied: changing them afterwards changes nothing.
        byte[] before = e.export(LABEL, null, 16);
        Arrays.fill(master, (byte) 0);
        Arrays.fill(clientRandom, (byte) 0);
        assertArrayEquals(before, e.export(LABEL, null, 16));
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.core.keyschedule.Rfc8448KeyScheduleTest#backends")
    void tls12WithoutTheExtendedMasterSecretRefuses(TlsCrypto crypto) {
        KeyingMaterialExporter e = KeyingMaterialExporter.tls12(new Tls12Prf(crypto, HashAlgorithm.SHA256),
                new byte[48], new byte[32], new byte[32], false);
        assertTrue(e.refusal().contains("RFC 7627"), e.refusal());
        IllegalStateException x = assertThrows(IllegalStateException.class, () -> e.export(LABEL, null, 16));
        assertEquals(e.refusal(), x.getMessage());
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.core.keyschedule.Rfc8448KeyScheduleTest#backends")
    void neverPrintsTheSecret(TlsCrypto crypto) {
        String secretHex = HexFormat.of().formatHex(SECRET);
        KeyingMaterialExporter e13 = KeyingMaterialExporter.tls13(new Hkdf(crypto, HashAlgorithm.SHA256), SECRET);
        KeyingMaterialExporter e12 = KeyingMaterialExporter.tls12(new Tls12Prf(crypto, HashAlgorithm.SHA256),
                Arrays.copyOf(SECRET, 48), new byte[32], new byte[32], true);
        assertEquals("KeyingMaterialExporter[TLSv1.3]", e13.toString());
        assertEquals("KeyingMaterialExporter[TLSv1.2]", e12.toString());
        assertFalse(e13.toString().contains(secretHex.substring(0, 8)));
    }
}
