package dev.customtls.jetty;

import dev.customtls.jsse.CustomSSLEngine;
import org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor;

import javax.net.ssl.SSLEngine;

/**
 * Jetty's server-side ALPN for the Custom provider's engine. The engine implements the standard JSSE ALPN API
 * ({@code setHandshakeApplicationProtocolSelector}, {@code getApplicationProtocol}), which Jetty's JDK processor
 * drives; that processor only claims engines of the {@code java.base} module, so Jetty would refuse every ALPN
 * connection on a Custom engine ("No ALPN Processor"). Found by Jetty through {@code ServiceLoader}.
 */
public final class CustomServerAlpnProcessor extends JDK9ServerALPNProcessor {

    @Override
    public boolean appliesTo(SSLEngine sslEngine) {
        return sslEngine instanceof CustomSSLEngine;
    }

    @Override
    public String toString() {
        return "CustomServerAlpnProcessor";
    }
}
