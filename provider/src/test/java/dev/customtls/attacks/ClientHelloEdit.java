package dev.customtls.attacks;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.extension.Extension;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.message.ClientHello;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** A genuine ClientHello (from a Custom client), re-encoded after an edit of its suites or extensions. */
final class ClientHelloEdit {
    private ClientHelloEdit() {
    }

    static ClientHello decode(byte[] record) {
        byte[] message = AttackPeers.firstFragment(record);
        return ClientHello.decode(new TlsReader(Arrays.copyOfRange(message, 4, message.length)));
    }

    static byte[] record(ClientHello ch) {
        return AttackPeers.record(22, 0x0301, ch.encode());
    }

    /** Replaces (or appends) one extension, keeping the others in order. */
    static ClientHello withExtension(ClientHello ch, Extension replacement) {
        return editExtensions(ch, list -> {
            List<Extension> out = new ArrayList<>();
            boolean replaced = false;
            for (Extension e : list) {
                if (e.type() == replacement.type()) {
                    out.add(replacement);
                    replaced = true;
                } else {
                    out.add(e);
                }
            }
            if (!replaced) {
                out.add(0, replacement);
            }
            return out;
        });
    }

    static ClientHello editExtensions(ClientHello ch, UnaryOperator<List<Extension>> edit) {
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), Extensions.of(edit.apply(new ArrayList<>(ch.extensions().list()))));
    }

    static ClientHello withSuites(ClientHello ch, List<Integer> suites) {
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), suites,
                ch.legacyCompressionMethods(), ch.extensions());
    }
}
