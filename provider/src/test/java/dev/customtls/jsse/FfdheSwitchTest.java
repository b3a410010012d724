package dev.customtls.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.extension.SupportedGroupsExtension;
import dev.customtls.core.message.ClientHello;
import dev.customtls.pki.TestPki;

import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * SunJSSE's {@code jsse.enableFFDHE}: {@code false} takes the RFC 7919 finite-field groups out of what a context
 * offers and accepts (and of what {@code SSLParameters.setNamedGroups} may choose); the default keeps them.
 */
class FfdheSwitchTest {
    private static SSLContext custom(Map<String, String> properties) throws Exception {
        return TemporaryProperties.with(properties,
                () -> Tls12EngineTest.context("Custom", "TLSv1.3", TestPki.KeyType.EC_P256));
    }

    private static java.util.List<Integer> offeredGroups(SSLContext ctx) throws Exception {
        SSLEngine c = ctx.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        byte[] flight = ResumptionEngineTest.firstFlight(c);
        int length = (flight[6] & 0xff) << 16 | (flight[7] & 0xff) << 8 | flight[8] & 0xff;
        ClientHello ch = ClientHello.decode(new TlsReader(Arrays.copyOfRange(flight, 9, 9 + length)));
        return ch.extensions().get(SupportedGroupsExtension.class).groups();
    }

    @Test
    void offeredByDefaultAndNotWhenSwitchedOff() throws Exception {
        assertTrue(offeredGroups(custom(Map.of())).contains(NamedGroup.FFDHE2048.code()));
        java.util.List<Integer> off = offeredGroups(custom(Map.of("jsse.enableFFDHE", "FALSE")));
        assertFalse(off.contains(NamedGroup.FFDHE2048.code()) || off.contains(NamedGroup.FFDHE3072.code()), off.toString());
        assertTrue(off.contains(NamedGroup.X25519.code()));
    }

    @Test
    void aServerWithoutThemRefusesAClientWithOnlyThem() throws Exception {
        SSLContext ffdheOnly = custom(Map.of("jdk.tls.namedGroups", "ffdhe2048"));
        EnginePair plain = Tls12EngineTest.pair(ffdheOnly, custom(Map.of()), null);
        plain.handshake();
        assertArrayEquals(new byte[] {1}, plain.transfer(new byte[] {1}, true));
        EnginePair refused = Tls12EngineTest.pair(ffdheOnly, custom(Map.of("jsse.enableFFDHE", "false")), null);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, refused::handshake);
        assertTrue(e.getMessage().contains("group"), e.getMessage());
    }

    @Test
    void namingOnlyThemWithTheSwitchOffIsAConfigurationError() {
        Exception e = assertThrows(Exception.class, () -> custom(Map.of("jdk.tls.namedGroups", "ffdhe2048,ffdhe3072",
                "jsse.enableFFDHE", "false")));
        assertTrue(String.valueOf(e.getMessage()).contains("jsse.enableFFDHE")
                || String.valueOf(e.getCause()).contains("jsse.enableFFDHE"), String.valueOf(e));
    }
}
