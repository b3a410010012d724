package dev.customtls.cli;

import dev.customtls.core.text.WireNames;
import dev.customtls.core.text.Printable;

import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.extension.KeyShareClientHello;
import dev.customtls.core.extension.KeyShareEntry;
import dev.customtls.core.extension.KeyShareServerHello;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.message.ClientHello;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.ServerHello;
import dev.customtls.core.text.HandshakeMessageText;

import java.util.List;

/**
 * Prints one side's handshake live, from the {@code Custom} provider's {@link HandshakeListener} callbacks:
 * each message with its direction, the key exchange once the ServerHello is known, and the provider's own
 * step descriptions.
 */
final class HandshakeTrace implements HandshakeListener {

    private final TraceLog log;
    private final String role;
    private final String peer;
    private final boolean printMessages;
    private volatile KeyShareClientHello lastClientShares;
    private volatile int clientShareLength = -1;
    private volatile String group;

    /**
     * @param role          {@code client} or {@code server}
     * @param printMessages whether to print messages (one side is enough) or only the provider's steps
     */
    HandshakeTrace(TraceLog log, String role, boolean printMessages) {
        this.log = log;
        this.role = role;
        this.peer = role.equals("client") ? "server" : "client";
        this.printMessages = printMessages;
    }

    @Override
    public void messageSent(HandshakeMessage message) {
        noteShares(message);
        if (printMessages) {
            print(role + " -> " + peer, message);
        }
    }

    @Override
    public void messageReceived(HandshakeMessage message) {
        noteShares(message);
        if (printMessages) {
            print(peer + " -> " + role, message);
        }
    }

    @Override
    public void step(String description) {
        log.line("[" + role + "] " + Printable.of(description));
    }

    /** The key exchange group seen in the ServerHello, or {@code null} before it (or on resumption without one). */
    String group() {
        return group;
    }

    private void print(String direction, HandshakeMessage message) {
        HandshakeMessageText text = HandshakeMessageText.of(message);
        log.event(direction + ": " + text.title(), text.details());
        if (message instanceof ServerHello && !((ServerHello) message).isHelloRetryRequest() && group != null) {
            log.event("Key exchange: " + keyExchangeKind((ServerHello) message) + " over " + group, List.of(
                    "client share " + (clientShareLength < 0 ? "?" : clientShareLength) + " bytes, server share "
                            + serverShareLength((ServerHello) message) + " bytes",
                    "shared secret -> handshake traffic secrets (HKDF, RFC 8446 section 7.1); not shown",
                    "everything after the ServerHello is encrypted"));
        }
    }

    private void noteShares(HandshakeMessage message) {
        if (message instanceof ServerHello && !((ServerHello) message).isHelloRetryRequest()) {
            KeyShareServerHello ks = ((ServerHello) message).extensions().get(KeyShareServerHello.class);
            if (ks != null) {
                group = WireNames.group(ks.share().group());
                clientShareLength = clientShareLength(ks.share().group());
            }
        } else if (message instanceof ClientHello) {
            lastClientShares = ((ClientHello) message).extensions().get(KeyShareClientHello.class);
        }
    }

    private int clientShareLength(int group) {
        KeyShareClientHello shares = lastClientShares;
        if (shares != null) {
            for (KeyShareEntry e : shares.shares()) {
                if (e.group() == group) {
                    return e.keyExchange().length;
                }
            }
        }
        return -1;
    }

    /** ECDHE for elliptic-curve groups, DHE for the RFC 7919 finite-field groups. */
    private static String keyExchangeKind(ServerHello sh) {
        KeyShareServerHello ks = sh.extensions().get(KeyShareServerHello.class);
        NamedGroup g = ks == null ? null : NamedGroup.fromCode(ks.share().group());
        return g == null ? "key exchange" : g.isEcdhe() ? "ECDHE" : "DHE";
    }

    private static int serverShareLength(ServerHello sh) {
        KeyShareServerHello ks = sh.extensions().get(KeyShareServerHello.class);
        return ks == null ? 0 : ks.share().keyExchange().length;
    }
}
