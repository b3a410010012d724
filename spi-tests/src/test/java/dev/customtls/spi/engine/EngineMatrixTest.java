package dev.customtls.spi.engine;

import dev.customtls.pki.TestPki.KeyType;
import dev.customtls.spi.support.EngineBuilder;
import dev.customtls.spi.support.EnginePair;
import dev.customtls.spi.support.NamedGroups;
import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import dev.customtls.spi.support.TestData;
import dev.customtls.spi.support.TlsWire;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The TLS 1.3 matrix at the {@code SSLEngine} level: client provider x server provider x cipher suite x
 * key-exchange group x server certificate type. Each cell runs a handshake, asserts the negotiated
 * protocol and suite from both sessions (and the group from the ServerHello on the wire where the group can
 * be controlled), sends 1 KiB each way and closes orderly. A separate test covers data sizes.
 */
@Timeout(60)
class EngineMatrixTest {

    static final List<String> SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    static final List<String> GROUPS = List.of(NamedGroups.X25519, NamedGroups.SECP256R1, NamedGroups.SECP384R1);

    /** One cell of the matrix; its {@code toString} is the display name. */
    record Cell(String client, String server, String suite, String group, KeyType cert) {
        boolean groupControlled() {
            return EngineBuilder.groupsControlled(client) || EngineBuilder.groupsControlled(server);
        }

        @Override
        public String toString() {
            String g = groupControlled() ? group
                    : group + " (not controllable on JDK " + Runtime.version().feature() + ": default groups)";
            return client + " -> " + server + ", " + suite + ", " + g + ", " + cert;
        }
    }

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (List<String> pair : Providers.pairs()) {
            for (String suite : SUITES) {
                for (String group : GROUPS) {
                    for (KeyType cert : KeyType.values()) {
                        cells.add(new Cell(pair.get(0), pair.get(1), suite, group, cert));
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void handshakeDataClose(Cell cell) throws SSLPeerUnverifiedException {
        TestCredentials creds = TestCredentials.shared();
        SSLEngine server = EngineBuilder.server(cell.server())
                .keyManagers(creds.serverKeyManagers(cell.cert()))
                .suites(cell.suite())
                .groups(cell.group())
                .build();
        SSLEngine client = EngineBuilder.client(cell.client())
                .suites(cell.suite())
                .groups(cell.group())
                .build();
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();

        for (SSLEngine e : List.of(client, server)) {
            SSLSession s = e.getSession();
            assertEquals("TLSv1.3", s.getProtocol(), "protocol seen by " + (e == client ? "client" : "server"));
            assertEquals(cell.suite(), s.getCipherSuite(), "suite seen by " + (e == client ? "client" : "server"));
        }
        assertEquals(creds.server(cell.cert()).certificate(), client.getSession().getPeerCertificates()[0]);
        TlsWire.ServerHello hello = TlsWire.finalServerHello(pair.serverWire());
        assertEquals(0x0304, hello.selectedVersion(), "supported_versions in ServerHello");
        if (cell.groupControlled()) {
            assertEquals(cell.group(), NamedGroups.name(hello.keyShareGroup()), "group in ServerHello key_share");
        }

        pair.exchange(1024);
        pair.close();
    }

    static Stream<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        for (List<String> pair : Providers.pairs()) {
            for (int size : TestData.SIZES) {
                out.add(Arguments.of(pair.get(0), pair.get(1), size));
            }
        }
        return out.stream();
    }

    /** Data of each size both ways, twice (the second time over warmed-up buffers), server closes first. */
    @ParameterizedTest(name = "{0} -> {1}, {2} bytes")
    @MethodSource("sizes")
    void dataSizes(String clientProvider, String serverProvider, int size) {
        EnginePair pair = new EnginePair(EngineBuilder.client(clientProvider).build(),
                EngineBuilder.server(serverProvider).build());
        pair.handshake();
        pair.exchange(size);
        pair.exchange(size);
        pair.close(false);
    }
}
