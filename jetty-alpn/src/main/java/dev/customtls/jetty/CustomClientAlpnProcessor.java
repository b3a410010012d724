package dev.customtls.jetty;

import dev.customtls.jsse.CustomSSLEngine;
import org.eclipse.jetty.alpn.java.client.JDK9ClientALPNProcessor;

import javax.net.ssl.SSLEngine;

/**
 * Jetty's client-side ALPN ({@code HttpClient} over HTTP/2 or with protocol negotiation) for the Custom
 * provider's engine: the standard JSSE ALPN API through Jetty's JDK processor, which on its own only claims
 * engines of the {@code java.base} module. Found by Jetty through {@code ServiceLoader}.
 */
public final class CustomClientAlpnProcessor extends JDK9ClientALPNProcessor {

    @Override
    public boolean appliesTo(SSLEngine sslEngine) {
        return sslEngine instanceof CustomSSLEngine;
    }

    @Override
    public String toString() {
        return "CustomClientAlpnProcessor";
    }
}
