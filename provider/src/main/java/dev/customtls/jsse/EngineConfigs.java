package dev.customtls.jsse;

import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ExtensionType;
import dev.customtls.core.constants.NamedGroup;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.constants.SignatureScheme;
import dev.customtls.core.extension.DisabledExtensions;

import java.security.AlgorithmConstraints;
import java.security.CryptoPrimitive;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLParameters;

/**
 * Builds the core's {@link TlsConfig} of an engine from its {@code SSLParameters} and the context's settings.
 * A context builds the configurations of its default parameters once ({@link Defaults}); an engine whose
 * parameters were never changed uses them as they are, so it parses no names and copies no lists.
 */
final class EngineConfigs {
    private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);
    private static final Set<CryptoPrimitive> KEY_AGREEMENT = EnumSet.of(CryptoPrimitive.KEY_AGREEMENT);

    private EngineConfigs() {
    }

    /** The configurations of a context's default parameters, client and server, without server names. */
    record Defaults(TlsConfig client, TlsConfig server) {
        static Defaults of(SSLParameters client, SSLParameters server, ContextSettings settings) {
            return new Defaults(EngineConfigs.of(true, client, settings, List.of()),
                    EngineConfigs.of(false, server, settings, List.of()));
        }

        /** The default configuration of a client or server; a client's with {@code serverNames} (SNI). */
        TlsConfig config(boolean client, List<String> serverNames) {
            if (!client) {
                return server;
            }
            if (serverNames.isEmpty()) {
                return this.client;
            }
            return this.client.withServerNames(serverNames);
        }
    }

    /** The configuration of an engine with parameters {@code p}; {@code serverNames} as the client sends them. */
    static TlsConfig of(boolean client, SSLParameters p, ContextSettings settings, List<String> serverNames) {
        // What jdk.tls.disabledAlgorithms or the parameters' AlgorithmConstraints forbid is never negotiated,
        // even when enabled explicitly (as SunJSSE).
        DisabledAlgorithms disabled = settings.disabled();
        AlgorithmConstraints constraints = p.getAlgorithmConstraints();
        List<ProtocolVersion> versions = allowed(SslParametersSupport.protocols(p.getProtocols()),
                v -> disabled.permits(v) && permits(constraints, v.jsseName()));
        List<CipherSuite> suites = allowed(SslParametersSupport.suites(p.getCipherSuites()),
                s -> disabled.permits(s) && permits(constraints, s.jsseName()));
        String[] engineGroups = SslParametersSupport.namedGroups(p);
        List<NamedGroup> groups = allowed(
                SslParametersSupport.groups(engineGroups, settings.namedGroups(), settings.supportedGroups()),
                g -> disabled.permits(g) && permits(constraints, g.rfcName()));
        List<NamedGroup> shares = keyShares(settings, groups, engineGroups != null);
        List<SignatureScheme> schemes = allowed(
                SslParametersSupport.schemes(SslParametersSupport.signatureSchemes(p), settings.signatureSchemes(client)),
                s -> disabled.permits(s) && (constraints == null
                        || constraints.permits(SIGNATURE, CustomSSLSession.jcaName(s), null)));
        TlsConfig.ClientAuth auth = p.getNeedClientAuth() ? TlsConfig.ClientAuth.REQUIRED
                : p.getWantClientAuth() ? TlsConfig.ClientAuth.WANTED : TlsConfig.ClientAuth.NONE;
        String[] alpn = p.getApplicationProtocols();
        DisabledExtensions off = client ? settings.clientDisabledExtensions() : settings.serverDisabledExtensions();
        // As SunJSSE: a disabled extended_master_secret is as jdk.tls.useExtendedMasterSecret=false for this role.
        TlsConfig.ExtendedMasterSecret ems = off.contains(ExtensionType.EXTENDED_MASTER_SECRET)
                ? TlsConfig.ExtendedMasterSecret.DISABLED : settings.extendedMasterSecret();
        return new TlsConfig(client, versions, suites, groups, shares, schemes, schemes,
                client ? serverNames : List.of(), alpn == null ? List.of() : List.of(alpn), auth,
                p.getUseCipherSuitesOrder(), settings.limits(client), settings.acknowledgeCloseNotify(),
                client && settings.requestCertificateStatus() && !off.contains(ExtensionType.STATUS_REQUEST), ems, off,
                settings.certificateCompression(), settings.middleboxCompatibility());
    }

    /**
     * A client's key share groups: when the engine chose its groups and {@code dev.customtls.keyShares} does not
     * say, the default shares of those groups; else the context's shares that the engine's groups keep (the same
     * list when it keeps them all), or its first group when it keeps none.
     */
    private static List<NamedGroup> keyShares(ContextSettings settings, List<NamedGroup> groups, boolean engineGroups) {
        if (engineGroups && !settings.keySharesSet()) {
            return ContextSettings.defaultKeyShares(groups);
        }
        List<NamedGroup> context = settings.keyShareGroups();
        if (groups.containsAll(context)) {
            return context;
        }
        List<NamedGroup> shares = new ArrayList<>();
        for (NamedGroup g : context) {
            if (groups.contains(g)) {
                shares.add(g);
            }
        }
        if (shares.isEmpty() && !context.isEmpty() && !groups.isEmpty()) {
            shares.add(groups.get(0));
        }
        return shares;
    }

    /**
     * {@code list} without what {@code permitted} refuses; the same list when it refuses nothing (the context's
     * shared lists stay shared, which an idle engine's memory shows).
     */
    private static <T> List<T> allowed(List<T> list, java.util.function.Predicate<T> permitted) {
        for (T t : list) {
            if (!permitted.test(t)) {
                List<T> out = new ArrayList<>(list.size());
                for (T u : list) {
                    if (permitted.test(u)) {
                        out.add(u);
                    }
                }
                return out;
            }
        }
        return list;
    }

    /** Whether the parameters' constraints (if any) permit a protocol, suite or group by name, as SunJSSE asks. */
    private static boolean permits(AlgorithmConstraints constraints, String name) {
        return constraints == null || constraints.permits(KEY_AGREEMENT, name, null);
    }
}
