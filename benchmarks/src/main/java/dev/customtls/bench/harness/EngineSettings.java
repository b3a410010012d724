package dev.customtls.bench.harness;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.conscrypt.Conscrypt;

/**
 * Pins protocol versions, cipher suites and (EC)DHE groups on each new engine (or socket), the same for client
 * and server, in the way each provider understands (built once per trial; one call per engine):
 * <ul>
 * <li>SunJSSE and Custom: {@link SSLParameters} with protocols and suites; groups through
 * {@code SSLParameters.setNamedGroups} on JDK 20+ and the {@code jdk.tls.namedGroups} system property (the
 * only way on JDK 17, read once per JVM: see {@link NamedGroups}).</li>
 * <li>BCJSSE: its own {@code BCSSLParameters} (protocols, suites, named groups) through
 * {@code BCSSLEngine.setParameters}. BCJSSE disables ECDSA P-256 signatures when {@code secp256r1} is not
 * among its groups, so {@code secp256r1} is appended after the pinned group; it still sends one key share
 * (checked on the wire).</li>
 * <li>Conscrypt: protocols only for TLS 1.3 (its TLS 1.3 suites cannot be chosen, and an empty TLS 1.2 suite
 * list leaves it without a server certificate key type); groups cannot be chosen; session tickets switched
 * on, as the other providers issue them by default.</li>
 * </ul>
 */
public final class EngineSettings {

    private final ProviderKind kind;
    private final SSLParameters params;
    private final Object bcParams;
    private final MethodHandle bcSetParameters;
    private final MethodHandle bcSetSocketParameters;

    private EngineSettings(ProviderKind kind, SSLParameters params, Object bcParams, MethodHandle bcSetParameters,
            MethodHandle bcSetSocketParameters) {
        this.kind = kind;
        this.params = params;
        this.bcParams = bcParams;
        this.bcSetParameters = bcSetParameters;
        this.bcSetSocketParameters = bcSetSocketParameters;
    }

    static EngineSettings create(LoadedProvider provider, String[] protocols, String[] suites, String[] groups) {
        ProviderKind kind = provider.kind();
        switch (kind) {
            case BCJSSE:
                return bcjsse(provider.peerLoader(), protocols, suites, groups);
            case CONSCRYPT: {
                boolean tls13Only = protocols.length == 1 && protocols[0].equals("TLSv1.3");
                SSLParameters p = tls13Only ? new SSLParameters() : new SSLParameters(suites.clone());
                p.setProtocols(protocols.clone());
                return new EngineSettings(kind, p, null, null, null);
            }
            default: {
                NamedGroups.pinForThisJvm(String.join(",", groups));
                SSLParameters p = new SSLParameters(suites.clone(), protocols.clone());
                NamedGroups.apply(p, groups);
                return new EngineSettings(kind, p, null, null, null);
            }
        }
    }

    private static EngineSettings bcjsse(ClassLoader loader, String[] protocols, String[] suites, String[] groups) {
        Set<String> bcGroups = new LinkedHashSet<>(Arrays.asList(groups));
        bcGroups.add("secp256r1");
        try {
            Class<?> paramsClass = Class.forName("org.bouncycastle.jsse.BCSSLParameters", true, loader);
            Class<?> engineClass = Class.forName("org.bouncycastle.jsse.BCSSLEngine", true, loader);
            Class<?> socketClass = Class.forName("org.bouncycastle.jsse.BCSSLSocket", true, loader);
            Object p = paramsClass.getConstructor(String[].class, String[].class)
                    .newInstance(suites.clone(), protocols.clone());
            paramsClass.getMethod("setNamedGroups", String[].class).invoke(p, (Object) bcGroups.toArray(new String[0]));
            MethodHandle set = MethodHandles.publicLookup()
                    .findVirtual(engineClass, "setParameters", MethodType.methodType(void.class, paramsClass))
                    .asType(MethodType.methodType(void.class, Object.class, Object.class));
            MethodHandle setOnSocket = MethodHandles.publicLookup()
                    .findVirtual(socketClass, "setParameters", MethodType.methodType(void.class, paramsClass))
                    .asType(MethodType.methodType(void.class, Object.class, Object.class));
            return new EngineSettings(ProviderKind.BCJSSE, null, p, set, setOnSocket);
        } catch (ReflectiveOperationException e) {
            throw new ProviderUnavailableException("BCJSSE parameters API not found: " + e, e);
        }
    }

    /** Applies the settings to a new engine (client or server mode already set). */
    public void apply(SSLEngine engine) {
        if (bcSetParameters != null) {
            setBcParameters(bcSetParameters, engine);
            return;
        }
        engine.setSSLParameters(params);
        if (kind == ProviderKind.CONSCRYPT) {
            Conscrypt.setUseSessionTickets(engine, true);
        }
    }

    /** The same settings on a new socket (client or server side), before its handshake. */
    public void apply(SSLSocket socket) {
        if (bcSetSocketParameters != null) {
            setBcParameters(bcSetSocketParameters, socket);
            return;
        }
        socket.setSSLParameters(params);
        if (kind == ProviderKind.CONSCRYPT) {
            Conscrypt.setUseSessionTickets(socket, true);
        }
    }

    /** BCJSSE's {@code setParameters} of a {@code BCSSLEngine} or {@code BCSSLSocket}. */
    private void setBcParameters(MethodHandle setParameters, Object engineOrSocket) {
        try {
            setParameters.invokeExact(engineOrSocket, bcParams);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("BCJSSE setParameters failed", t);
        }
    }
}
