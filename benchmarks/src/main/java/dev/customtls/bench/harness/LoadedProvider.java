package dev.customtls.bench.harness;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.conscrypt.Conscrypt;

/**
 * One provider, loaded and ready to make {@link SSLContext}s with the shared JDK key and trust managers
 * (wrapped where a provider needs it: {@link KeyTypeMappingKeyManager} for BCJSSE,
 * {@link GenericAuthTypeTrustManager} for Conscrypt). Nothing is installed with {@link Security}: each
 * context is requested from the provider object itself.
 */
public final class LoadedProvider {

    /** Class name of this project's provider. */
    public static final String CUSTOM_PROVIDER_CLASS = "dev.customtls.jsse.CustomProvider";

    /** The protocol name every context is requested with (all four providers support it). */
    private static final String CONTEXT_PROTOCOL = "TLSv1.3";

    private final ProviderKind kind;
    private final Provider provider;
    /** BCJSSE only: its class loader, for {@code BCSSLParameters}; else {@code null}. */
    private final ClassLoader peerLoader;
    /** Strong reference: java.util.logging keeps loggers weakly, and the level must stick. */
    @SuppressWarnings("unused")
    private final Logger quietLogger;

    private LoadedProvider(ProviderKind kind, Provider provider, Logger quietLogger) {
        this(kind, provider, quietLogger, null);
    }

    private LoadedProvider(ProviderKind kind, Provider provider, Logger quietLogger, ClassLoader peerLoader) {
        this.kind = kind;
        this.provider = provider;
        this.peerLoader = peerLoader;
        this.quietLogger = quietLogger;
    }

    /** Loads a provider, or throws {@link ProviderUnavailableException} with the reason. */
    public static LoadedProvider load(ProviderKind kind) {
        switch (kind) {
            case SUNJSSE: {
                Provider p = Security.getProvider("SunJSSE");
                if (p == null) {
                    throw new ProviderUnavailableException("SunJSSE is not installed in this JDK");
                }
                return new LoadedProvider(kind, p, null);
            }
            case BCJSSE:
                return loadBcJsse();
            case CONSCRYPT:
                return loadConscrypt();
            case CUSTOM:
                return new LoadedProvider(kind, loadCustom(), null);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    /** Why {@code kind} cannot be loaded here, or {@code null} when it can. */
    public static String unavailableReason(ProviderKind kind) {
        try {
            load(kind);
            return null;
        } catch (ProviderUnavailableException e) {
            return e.getMessage();
        }
    }

    private static LoadedProvider loadBcJsse() {
        try {
            ClassLoader loader = PeerClassLoader.create();
            Provider bc = (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider", true, loader)
                    .getConstructor().newInstance();
            Provider jsse = (Provider) Class.forName("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider", true, loader)
                    .getConstructor(Provider.class).newInstance(bc);
            Logger logger = Logger.getLogger("org.bouncycastle.jsse");
            logger.setLevel(Level.WARNING); // BCJSSE logs every connection at INFO
            return new LoadedProvider(ProviderKind.BCJSSE, jsse, logger, loader);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ProviderUnavailableException("cannot load BCJSSE from " + PeerClassLoader.peerLibDirectory()
                    + ": " + e, e);
        }
    }

    private static LoadedProvider loadConscrypt() {
        try {
            if (!Conscrypt.isAvailable()) {
                throw new ProviderUnavailableException("Conscrypt native library not available on this platform");
            }
            return new LoadedProvider(ProviderKind.CONSCRYPT, Conscrypt.newProvider(), null);
        } catch (LinkageError e) {
            throw new ProviderUnavailableException("Conscrypt cannot load: " + e, e);
        }
    }

    private static Provider loadCustom() {
        try {
            for (Provider p : ServiceLoader.load(Provider.class, LoadedProvider.class.getClassLoader())) {
                if (p.getName().equals("Custom")) {
                    return p;
                }
            }
        } catch (ServiceConfigurationError e) {
            // fall through to the direct lookup, which reports the real cause
        }
        try {
            return (Provider) Class.forName(CUSTOM_PROVIDER_CLASS).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ProviderUnavailableException(CUSTOM_PROVIDER_CLASS + " is not on the class path yet");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new ProviderUnavailableException("cannot instantiate " + CUSTOM_PROVIDER_CLASS + ": " + e, e);
        }
    }

    public ProviderKind kind() {
        return kind;
    }

    public Provider provider() {
        return provider;
    }

    /** A server context with the credentials' JDK key manager (adapted for BCJSSE). */
    public SSLContext serverContext(ServerCredentials credentials) {
        KeyManager km = kind == ProviderKind.BCJSSE
                ? new KeyTypeMappingKeyManager(credentials.keyManager()) : credentials.keyManager();
        return context(new KeyManager[] {km}, null);
    }

    /** A client context with the credentials' JDK trust manager (adapted for Conscrypt), no client key. */
    public SSLContext clientContext(ServerCredentials credentials) {
        TrustManager tm = kind == ProviderKind.CONSCRYPT
                ? new GenericAuthTypeTrustManager(credentials.trustManager()) : credentials.trustManager();
        return context(null, new TrustManager[] {tm});
    }

    private SSLContext context(KeyManager[] km, TrustManager[] tm) {
        try {
            SSLContext ctx = SSLContext.getInstance(CONTEXT_PROTOCOL, provider);
            ctx.init(km, tm, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ProviderUnavailableException(kind.paramName() + " cannot create an SSLContext: " + e, e);
        }
    }

    /**
     * The per-engine settings pinning protocol versions, suites and key exchange groups, built once and
     * applied to every engine; see {@link EngineSettings} for how each provider is configured.
     */
    public EngineSettings engineSettings(String[] protocols, String[] suites, String[] groups) {
        return EngineSettings.create(this, protocols, suites, groups);
    }

    ClassLoader peerLoader() {
        return peerLoader;
    }

    @Override
    public String toString() {
        return kind.paramName() + " (" + provider.getName() + " " + provider.getVersionStr() + ")";
    }
}
