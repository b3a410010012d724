package dev.customtls.cli;

import java.security.Provider;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The options every command shares: the provider, and the protocol versions and cipher suites to enable.
 * A new shared option is one line in {@link #addTo} and, when it changes the connection, one line in
 * {@link Enabled#applyTo}.
 */
final class TlsOptions {

    private TlsOptions() {
    }

    /** Adds the shared options to a command's table. */
    static OptionTable addTo(OptionTable table) {
        return table
                .value("--provider", "NAME", "JSSE provider (default Custom; e.g. SunJSSE)")
                .value("--protocols", "LIST", "protocol versions to enable, e.g. TLSv1.3 (default: the provider's)")
                .value("--suites", "LIST", "cipher suites to enable, JSSE names (default: the provider's)");
    }

    /** The provider named by {@code --provider}, {@code Custom} by default. */
    static Provider provider(ParsedArgs args) throws CommandException {
        return ProviderSelector.select(args.value("--provider", ProviderSelector.CUSTOM));
    }

    /**
     * The protocol versions and suites to enable, checked against what {@code context} supports.
     *
     * @throws UsageException naming the first unsupported value
     */
    static Enabled enabled(ParsedArgs args, SSLContext context) throws UsageException {
        SSLParameters supported = context.getSupportedSSLParameters();
        String provider = context.getProvider().getName();
        List<String> protocols = args.listValue("--protocols");
        List<String> suites = args.listValue("--suites");
        check("protocol", protocols, supported.getProtocols(), provider);
        check("cipher suite", suites, supported.getCipherSuites(), provider);
        return new Enabled(protocols, suites);
    }

    private static void check(String what, List<String> wanted, String[] supported, String provider)
            throws UsageException {
        List<String> known = Arrays.asList(supported);
        for (String w : wanted) {
            if (!known.contains(w)) {
                throw new UsageException(what + " " + w + " is not supported by " + provider + " (supported: "
                        + String.join(",", known) + ")");
            }
        }
    }

    /**
     * Protocol versions and suites to enable; an empty list keeps the provider's default.
     */
    record Enabled(List<String> protocols, List<String> suites) {

        static final Enabled DEFAULTS = new Enabled(List.of(), List.of());

        Enabled {
            protocols = List.copyOf(protocols);
            suites = List.copyOf(suites);
        }

        /** Sets what was asked for on parameters taken from a socket before its handshake. */
        SSLParameters applyTo(SSLParameters p) {
            if (!protocols.isEmpty()) {
                p.setProtocols(protocols.toArray(new String[0]));
            }
            if (!suites.isEmpty()) {
                p.setCipherSuites(suites.toArray(new String[0]));
            }
            return p;
        }
    }
}
