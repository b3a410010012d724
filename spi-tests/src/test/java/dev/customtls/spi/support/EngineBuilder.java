package dev.customtls.spi.support;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a client or server {@link SSLEngine} of one provider with the settings a test cell needs.
 *
 * <p>Groups: {@link #groups(String...)} restricts the key-exchange groups where that can be controlled per
 * engine: for {@code Custom} through {@code jdk.tls.namedGroups} at {@code SSLContext.init}, for every
 * provider through {@code SSLParameters.setNamedGroups} on JDK 20+. On JDK 17 a SunJSSE engine keeps its
 * default groups; {@link #groupsControlled()} tells which case applies.
 */
public final class EngineBuilder {

    /** System property read by {@code Custom} at init: groups to send key shares for, or {@code none}. */
    public static final String KEY_SHARES_PROPERTY = "dev.customtls.keyShares";
    /** System property read by {@code Custom} at init (and by SunJSSE once per JVM): the enabled groups. */
    public static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";

    private final String provider;
    private final boolean client;
    private String protocol = "TLS";
    private KeyManager[] keyManagers;
    private TrustManager[] trustManagers = TestCredentials.shared().trustManagers();
    private String peerHost = TestCredentials.HOST;
    private int peerPort = 443;
    private String[] protocols = {"TLSv1.3"};
    private String[] suites;
    private String[] groups;
    private String keyShares;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> securityProperties = new LinkedHashMap<>();
    private Consumer<SSLParameters> parameters = p -> { };

    private EngineBuilder(String provider, boolean client) {
        this.provider = provider;
        this.client = client;
    }

    /** A client engine of {@code provider}, trusting the test CA, TLS 1.3 only, peer {@code localhost}. */
    public static EngineBuilder client(String provider) {
        return new EngineBuilder(provider, true);
    }

    /** A server engine of {@code provider} with the EC P-256 {@code localhost} credential, TLS 1.3 only. */
    public static EngineBuilder server(String provider) {
        EngineBuilder b = new EngineBuilder(provider, false);
        b.keyManagers = TestCredentials.shared().serverKeyManagers(dev.customtls.pki.TestPki.KeyType.EC_P256);
        return b;
    }

    /** A system property set while {@code Custom}'s context initialises (e.g. {@code jdk.tls.allowLegacyMasterSecret}). */
    public EngineBuilder property(String name, String value) {
        if (!Providers.isCustom(provider)) {
            throw new IllegalStateException("properties are set for " + Providers.CUSTOM + " contexts only");
        }
        properties.put(name, value);
        return this;
    }

    /** A security property set while {@code Custom}'s context initialises (e.g. {@code jdk.tls.keyLimits}). */
    public EngineBuilder securityProperty(String name, String value) {
        if (!Providers.isCustom(provider)) {
            throw new IllegalStateException("security properties are set for " + Providers.CUSTOM + " contexts only");
        }
        securityProperties.put(name, value);
        return this;
    }

    public EngineBuilder contextProtocol(String contextProtocol) {
        this.protocol = contextProtocol;
        return this;
    }

    public EngineBuilder keyManagers(KeyManager[] km) {
        this.keyManagers = km;
        return this;
    }

    public EngineBuilder trustManagers(TrustManager[] tm) {
        this.trustManagers = tm;
        return this;
    }

    /** Peer host and port given to {@code createSSLEngine} (used for endpoint identification). */
    public EngineBuilder peer(String host, int port) {
        this.peerHost = host;
        this.peerPort = port;
        return this;
    }

    /** Enabled protocols; {@code null} keeps the provider's defaults. */
    public EngineBuilder protocols(String... enabled) {
        this.protocols = enabled;
        return this;
    }

    public EngineBuilder suites(String... enabled) {
        this.suites = enabled;
        return this;
    }

    /** Restricts the groups (see the class comment for where this is possible). */
    public EngineBuilder groups(String... enabled) {
        this.groups = enabled;
        return this;
    }

    /** For {@code Custom} only: the groups to send key shares for ({@code "none"} for an empty key_share). */
    public EngineBuilder keyShares(String shares) {
        this.keyShares = shares;
        return this;
    }

    /** A last change to the engine's {@link SSLParameters} before they are applied. */
    public EngineBuilder parameters(Consumer<SSLParameters> change) {
        this.parameters = this.parameters.andThen(change);
        return this;
    }

    /** Whether the groups set by {@link #groups(String...)} take effect for this engine. */
    public boolean groupsControlled() {
        return groupsControlled(provider);
    }

    /** Whether an engine of {@code provider} can be restricted to chosen groups in this JVM. */
    public static boolean groupsControlled(String provider) {
        return Providers.isCustom(provider) || NamedGroups.parametersHaveNamedGroups();
    }

    /** The initialised context this builder would use. */
    public SSLContext context() {
        Map<String, String> props = new LinkedHashMap<>(properties);
        if (Providers.isCustom(provider)) {
            if (groups != null) {
                props.put(NAMED_GROUPS_PROPERTY, String.join(",", groups));
            }
            if (keyShares != null) {
                props.put(KEY_SHARES_PROPERTY, keyShares);
            }
        } else if (keyShares != null) {
            throw new IllegalStateException("key shares can only be chosen for " + Providers.CUSTOM);
        }
        return Providers.sslContext(provider, protocol, keyManagers, trustManagers, props, securityProperties);
    }

    public SSLEngine build() {
        return build(context());
    }

    /**
     * An engine of {@code ctx} (for example one kept from {@link #context()} to resume its sessions) with
     * this builder's mode, peer and parameters.
     */
    public SSLEngine build(SSLContext ctx) {
        SSLEngine engine = client ? ctx.createSSLEngine(peerHost, peerPort) : ctx.createSSLEngine();
        engine.setUseClientMode(client);
        SSLParameters p = engine.getSSLParameters();
        if (protocols != null) {
            p.setProtocols(protocols);
        }
        if (suites != null) {
            p.setCipherSuites(suites);
        }
        if (groups != null) {
            NamedGroups.trySet(p, groups);
        }
        parameters.accept(p);
        engine.setSSLParameters(p);
        return engine;
    }
}
