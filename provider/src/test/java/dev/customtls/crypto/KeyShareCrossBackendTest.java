package dev.customtls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.crypto.KeyShare;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Key agreement between the backends in every group, and every kind of invalid peer value refused. */
class KeyShareCrossBackendTest {

    static Stream<Arguments> groupPairs() {
        List<Arguments> out = new ArrayList<>();
        for (NamedGroup g : NamedGroup.values()) {
            if (!g.isKem()) {
                Backends.pairs().forEach(p -> out.add(Arguments.of(g, p.get()[0], p.get()[1])));
            }
        }
        return out.stream();
    }

    /** KEM groups: the client's key from one backend, the server's encapsulation from another. */
    static Stream<Arguments> kemPairs() {
        List<Arguments> out = new ArrayList<>();
        for (NamedGroup g : NamedGroup.values()) {
            if (g.isKem()) {
                Backends.pairs().filter(p -> ((TlsCrypto) p.get()[0]).supportsGroup(g)
                                && ((TlsCrypto) p.get()[1]).supportsGroup(g))
                        .forEach(p -> out.add(Arguments.of(g, p.get()[0], p.get()[1])));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: client {1}, server {2}")
    @MethodSource("kemPairs")
    void encapsulationBetweenBackends(NamedGroup group, TlsCrypto client, TlsCrypto server) {
        KeyShare ours = client.generateKeyShare(group);
        assertEquals(group.publicKeyLength(), ours.publicKey().length);
        dev.customtls.core.crypto.ServerKeyShare theirs = server.respondToKeyShare(group, ours.publicKey());
        assertArrayEquals(theirs.sharedSecret(), ours.agree(theirs.publicKey()));
    }

    @ParameterizedTest(name = "{0}: {1} with {2}")
    @MethodSource("groupPairs")
    void agreementBetweenBackends(NamedGroup group, TlsCrypto a, TlsCrypto b) {
        assertTrue(a.supportsGroup(group));
        KeyShare ka = a.generateKeyShare(group);
        KeyShare kb = b.generateKeyShare(group);
        assertEquals(group, ka.group());
        assertEquals(group.publicKeyLength(), ka.publicKey().length);
        assertEquals(group.publicKeyLength(), kb.publicKey().length);
        byte[] sa = ka.agree(kb.publicKey());
        byte[] sb = kb.agree(ka.publicKey());
        assertArrayEquals(sa, sb);
        int expected = group.isEcdhe() && group != NamedGroup.X25519 && group != NamedGroup.X448
                ? (group.publicKeyLength() - 1) / 2 : group.publicKeyLength();
        assertEquals(expected, sa.length);
    }

    static Stream<Arguments> invalidPeerValues() {
        List<Arguments> out = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (TlsCrypto c : Backends.all()) {
            // lengths
            for (NamedGroup g : NamedGroup.values()) {
                if (!c.supportsGroup(g)) {
                    continue;
                }
                out.add(Arguments.of(c, g, "empty", new byte[0]));
                out.add(Arguments.of(c, g, "one short", new byte[g.publicKeyLength() - 1]));
                out.add(Arguments.of(c, g, "one long", new byte[g.publicKeyLength() + 1]));
            }
            // X25519 small-order points (RFC 7748 section 6.1: all-zero output)
            for (String u : new String[] {
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            }) {
                out.add(Arguments.of(c, NamedGroup.X25519, "small order " + u, hex.parseHex(u)));
            }
            byte[] x448one = new byte[56];
            x448one[0] = 1;
            out.add(Arguments.of(c, NamedGroup.X448, "u=0", new byte[56]));
            out.add(Arguments.of(c, NamedGroup.X448, "u=1", x448one));
            // EC points
            for (NamedGroup g : new NamedGroup[] {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1}) {
                byte[] valid = c.generateKeyShare(g).publicKey();
                byte[] offCurve = valid.clone();
                offCurve[offCurve.length - 1] ^= 1;
                out.add(Arguments.of(c, g, "not on curve", offCurve));
                byte[] compressed = valid.clone();
                compressed[0] = 2;
                out.add(Arguments.of(c, g, "compressed prefix", compressed));
                byte[] hybrid = valid.clone();
                hybrid[0] = 6;
                out.add(Arguments.of(c, g, "hybrid prefix", hybrid));
                byte[] zeros = new byte[g.publicKeyLength()];
                out.add(Arguments.of(c, g, "all zero (infinity-like)", zeros));
                byte[] origin = zeros.clone();
                origin[0] = 4;
                out.add(Arguments.of(c, g, "(0,0)", origin));
                byte[] ff = new byte[g.publicKeyLength()];
                Arrays.fill(ff, (byte) 0xff);
                ff[0] = 4;
                out.add(Arguments.of(c, g, "coordinates >= p", ff));
            }
            // ffdhe: y must satisfy 1 < y < p-1
            for (NamedGroup g : new NamedGroup[] {NamedGroup.FFDHE2048, NamedGroup.FFDHE3072}) {
                FfdheGroup f = FfdheGroup.of(g);
                for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, f.p().subtract(BigInteger.ONE),
                        f.p(), f.p().add(BigInteger.ONE)}) {
                    out.add(Arguments.of(c, g, "y=" + (y.bitLength() < 8 ? y.toString() : "p" + y.subtract(f.p())),
                            f.encode(y)));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("invalidPeerValues")
    void invalidPeerValueIsIllegalParameter(TlsCrypto crypto, NamedGroup group, String what, byte[] peer) {
        KeyShare share = crypto.generateKeyShare(group);
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> share.agree(peer));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void nullPeerValueIsIllegalParameter(TlsCrypto crypto) {
        for (NamedGroup g : NamedGroup.values()) {
            if (!crypto.supportsGroup(g)) {
                continue;
            }
            KeyShare share = crypto.generateKeyShare(g);
            TlsAlertException e = assertThrows(TlsAlertException.class, () -> share.agree(null));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.customtls.crypto.Backends#each")
    void keyShareIsSingleUse(TlsCrypto crypto) {
        KeyShare a = crypto.generateKeyShare(NamedGroup.X25519);
        byte[] peer = crypto.generateKeyShare(NamedGroup.X25519).publicKey();
        a.agree(peer);
        TlsAlertException e = assertThrows(TlsAlertException.class, () -> a.agree(peer));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }
}
