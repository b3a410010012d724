package dev.customtls.jsse;

import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.text.HandshakeMessageText;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The {@code javax.net.debug} system property for {@code Custom} engines, read at {@code SSLContext.init}
 * as SunJSSE reads it: {@code all}, or a value naming {@code ssl} ({@code ssl}, {@code ssl:handshake}, ...),
 * prints each engine's handshake to {@code System.err}; an empty value sends the same lines to the
 * {@code System.Logger} named {@code javax.net.ssl} at level {@code DEBUG}. What is printed: the handshake
 * messages sent and received, in plain words ({@link HandshakeMessageText}: versions, suites, groups,
 * extensions, certificate subjects; key shares, tickets, signatures and Finished values by length only), the
 * provider's steps (keys installed, certificate verified, ticket issued, ...) and alerts. Never a key, a
 * secret or application data.
 */
final class DebugLog {
    static final String PROPERTY = "javax.net.debug";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z");

    private final Consumer<String> sink;

    private DebugLog(Consumer<String> sink) {
        this.sink = sink;
    }

    /** The log {@code javax.net.debug} asks for now, or {@code null} when it asks for none. */
    static DebugLog fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            System.Logger logger = System.getLogger("javax.net.ssl");
            return logger.isLoggable(System.Logger.Level.DEBUG)
                    ? new DebugLog(line -> logger.log(System.Logger.Level.DEBUG, line)) : null;
        }
        // System.err as it is when a line is printed (an application may redirect it after init).
        return v.contains("all") || v.contains("ssl") ? new DebugLog(line -> System.err.println(line)) : null;
    }

    /** A listener that logs one engine's handshake; {@code peer} as {@code host:port}, or null when unknown. */
    HandshakeListener listener(boolean client, String peer) {
        String who = (client ? "client" : "server") + (peer == null ? "" : " (peer " + peer + ")");
        return new EngineListener(this, who);
    }

    /** A sink for lines about work outside a handshake (e.g. OCSP fetches for stapling), logged as {@code who}. */
    Consumer<String> lines(String who) {
        return text -> log(who, text, List.of());
    }

    private void log(String who, String text, List<String> details) {
        StringBuilder b = new StringBuilder(128);
        b.append("javax.net.ssl|DEBUG|Custom|").append(Thread.currentThread().getName()).append('|')
                .append(TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append('|').append(who).append('|');
        appendPrintable(b, text);
        for (String d : details) {
            b.append(System.lineSeparator()).append("  ");
            appendPrintable(b, d);
        }
        sink.accept(b.toString());
    }

    /** Peer-supplied text (names, subjects) cannot forge log lines: control characters print as {@code ?}. */
    private static void appendPrintable(StringBuilder b, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
    }

    /** The callbacks of one engine's connection. */
    private static final class EngineListener implements HandshakeListener {
        private final DebugLog log;
        private final String who;

        EngineListener(DebugLog log, String who) {
            this.log = log;
            this.who = who + " " + Integer.toHexString(System.identityHashCode(this));
        }

        @Override
        public void messageSent(HandshakeMessage message) {
            describe("sent ", message);
        }

        @Override
        public void messageReceived(HandshakeMessage message) {
            describe("received ", message);
        }

        /** Logging must never change what the connection does: a message it cannot describe is named only. */
        private void describe(String direction, HandshakeMessage message) {
            HandshakeMessageText text;
            try {
                text = HandshakeMessageText.of(message);
            } catch (RuntimeException e) {
                text = new HandshakeMessageText("handshake message type " + message.type(),
                        List.of("(not described: " + e.getClass().getSimpleName() + ")"));
            }
            log.log(who, direction + text.title(), text.details());
        }

        @Override
        public void step(String description) {
            log.log(who, description, List.of());
        }
    }
}
