package dev.customtls.crypto;

import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.crypto.bc.BcTlsCrypto;
import dev.customtls.crypto.jdk.JdkTlsCrypto;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** The backends under test, alone and in (producer, consumer) pairs. */
final class Backends {

    static final TlsCrypto JDK = new JdkTlsCrypto();
    static final TlsCrypto BC = new BcTlsCrypto();

    private Backends() {
    }

    static List<TlsCrypto> all() {
        return List.of(JDK, BC, DefaultTlsCrypto.instance());
    }

    static Stream<TlsCrypto> each() {
        return all().stream();
    }

    static Stream<Arguments> pairs() {
        return all().stream().flatMap(a -> all().stream().map(b -> Arguments.of(a, b)));
    }
}
