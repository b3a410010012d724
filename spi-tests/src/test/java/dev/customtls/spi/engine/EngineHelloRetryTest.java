package dev.customtls.spi.engine;

import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.EnginePair;
import dev.customtls.spi.support.NamedGroups;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TlsWire;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLEngine;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HelloRetryRequest (RFC 8446 section 4.1.4) forced at the {@code SSLEngine} level, checked on the wire:
 * the first ServerHello carries the HRR random and the group the server wants, the second ClientHello
 * carries one key share for exactly that group, and the handshake then completes.
 */
@Timeout(60)
class EngineHelloRetryTest {

    static Stream<Arguments> pairs() {
        return Providers.pairs().stream().map(p -> Arguments.of(p.get(0), p.get(1)));
    }

    /** Servers of each configured provider, against a {@code Custom} client (when {@code Custom} is tested). */
    static Stream<String> serversForCustomClient() {
        return Providers.configured().contains(Providers.CUSTOM) ? Providers.configured().stream() : Stream.empty();
    }

    /**
     * (a) The client offers x25519, secp256r1 and secp384r1 but shares x25519 first (and, on JDK 25, also
     * secp256r1), the server accepts only secp384r1: the server must ask for a secp384r1 share.
     */
    @ParameterizedTest(name = "{0} -> {1}: client shares x25519, server wants secp384r1")
    @MethodSource("pairs")
    void serverRestrictedToGroupWithoutShare(String clientProvider, String serverProvider) {
        Providers.require(clientProvider);
        Providers.require(serverProvider);
        Assumptions.assumeTrue(EngineBuilder.groupsControlled(serverProvider),
                serverProvider + " server groups cannot be restricted per engine on JDK " + Runtime.version().feature());
        EngineBuilder client = EngineBuilder.client(clientProvider)
                .groups(NamedGroups.X25519, NamedGroups.SECP256R1, NamedGroups.SECP384R1);
        if (Providers.isCustom(clientProvider)) {
            client.keyShares(NamedGroups.X25519);
        }
        SSLEngine server = EngineBuilder.server(serverProvider).groups(NamedGroups.SECP384R1).build();
        EnginePair pair = new EnginePair(client.build(), server);
        pair.handshake();

        List<TlsWire.ClientHello> clientHellos = TlsWire.clientHellos(pair.clientWire());
        assertEquals(2, clientHellos.size(), "ClientHellos on the wire");
        assertEquals(NamedGroups.code(NamedGroups.X25519), clientHellos.get(0).keyShareGroups().get(0),
                "first key share of the first ClientHello");
        assertTrue(!clientHellos.get(0).keyShareGroups().contains(NamedGroups.code(NamedGroups.SECP384R1)),
                "the first ClientHello must not share secp384r1: " + clientHellos.get(0));
        assertHelloRetry(pair, NamedGroups.SECP384R1);
        assertEquals(List.of(NamedGroups.code(NamedGroups.SECP384R1)), clientHellos.get(1).keyShareGroups(),
                "key shares of the second ClientHello");
        pair.exchange(1024);
        pair.close();
    }

    /** (b) A {@code Custom} client that sends an empty key_share forces a HelloRetryRequest from any server. */
    @ParameterizedTest(name = "Custom -> {0}: client sends no key share", allowZeroInvocations = true)
    @MethodSource("serversForCustomClient")
    void clientWithoutKeyShare(String serverProvider) {
        SSLEngine client = EngineBuilder.client(Providers.CUSTOM).keyShares("none").build();
        SSLEngine server = EngineBuilder.server(serverProvider).build();
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();

        List<TlsWire.ClientHello> clientHellos = TlsWire.clientHellos(pair.clientWire());
        assertEquals(2, clientHellos.size(), "ClientHellos on the wire");
        assertEquals(List.of(), clientHellos.get(0).keyShareGroups(), "key shares of the first ClientHello");
        List<TlsWire.ServerHello> hellos = TlsWire.serverHellos(pair.serverWire());
        assertTrue(hellos.get(0).helloRetryRequest(), "first ServerHello must be a HelloRetryRequest");
        int wanted = hellos.get(0).keyShareGroup();
        assertEquals(List.of(wanted), clientHellos.get(1).keyShareGroups(), "key shares of the second ClientHello");
        assertHelloRetry(pair, NamedGroups.name(wanted));
        pair.exchange(1024);
        pair.close();
    }

    private static void assertHelloRetry(EnginePair pair, String group) {
        List<TlsWire.ServerHello> hellos = TlsWire.serverHellos(pair.serverWire());
        assertEquals(2, hellos.size(), "ServerHellos on the wire (HelloRetryRequest + ServerHello)");
        TlsWire.ServerHello hrr = hellos.get(0);
        assertTrue(hrr.helloRetryRequest(), "first ServerHello must carry the HelloRetryRequest random");
        assertEquals(group, NamedGroups.name(hrr.keyShareGroup()), "selected_group of the HelloRetryRequest");
        assertEquals(0x0304, hrr.selectedVersion(), "supported_versions of the HelloRetryRequest");
        TlsWire.ServerHello sh = hellos.get(1);
        assertTrue(!sh.helloRetryRequest(), "second ServerHello must be a real ServerHello");
        assertEquals(group, NamedGroups.name(sh.keyShareGroup()), "key_share group of the ServerHello");
        assertEquals(hrr.cipherSuite(), sh.cipherSuite(), "cipher suite of HelloRetryRequest and ServerHello");
    }
}
