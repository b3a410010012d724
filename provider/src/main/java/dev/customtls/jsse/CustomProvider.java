package dev.customtls.jsse;

import java.security.Provider;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContextSpi;

/**
 * The {@code Custom} JSSE provider: {@code SSLContext} services backed by our own TLS engine.
 *
 * <p>Use it with {@code SSLContext.getInstance("TLSv1.3", "Custom")}, {@code Security.addProvider(new
 * CustomProvider())}, or {@code security.provider.1=Custom} in a {@code java.security} file (found by
 * {@code ServiceLoader} through {@code META-INF/services/java.security.Provider}).
 */
public final class CustomProvider extends Provider {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "Custom";

    public CustomProvider() {
        super(NAME, "0.1", "Custom TLS 1.3 provider (pure Java protocol engine)");
        // As SunJSSE, jdk.tls.client.protocols and jdk.tls.server.protocols apply to "TLS" and "Default" only.
        putService(new ContextService(this, "TLSv1.3", List.of(),
                () -> new CustomSSLContext(CustomSSLContext.DEFAULT_PROTOCOLS, false)));
        putService(new ContextService(this, "TLSv1.2", List.of(),
                () -> new CustomSSLContext(new String[] {"TLSv1.2"}, false)));
        putService(new ContextService(this, "TLS", List.of(), () -> new CustomSSLContext()));
        putService(new ContextService(this, "Default", List.of(), DefaultSSLContext::new));
    }

    /** A service that constructs its SPI directly, without reflection. */
    private static final class ContextService extends Service {
        private final transient Supplier<SSLContextSpi> factory;

        ContextService(Provider provider, String algorithm, List<String> aliases, Supplier<SSLContextSpi> factory) {
            super(provider, "SSLContext", algorithm, CustomSSLContext.class.getName(), aliases, null);
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws java.security.NoSuchAlgorithmException {
            try {
                return factory.get();
            } catch (RuntimeException e) {
                throw new java.security.NoSuchAlgorithmException("Cannot create SSLContext " + getAlgorithm()
                        + " of provider " + NAME + ": " + e.getMessage(), e);
            }
        }
    }
}
