package dev.customtls.jetty;

import dev.customtls.jsse.CustomProvider;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Jetty finds these processors the way it finds its own (ServiceLoader), and each claims exactly the Custom
 * provider's engines, leaving SunJSSE's to Jetty's JDK processor. The end-to-end HTTP/2 runs are in spi-tests
 * ({@code JettyHttp2InteropTest}).
 */
class AlpnProcessorDiscoveryTest {

    @Test
    void serverProcessorIsFoundAndClaimsOnlyCustomEngines() throws Exception {
        List<ALPNProcessor.Server> found = ServiceLoader.load(ALPNProcessor.Server.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        ALPNProcessor.Server ours = found.stream().filter(p -> p instanceof CustomServerAlpnProcessor)
                .findFirst().orElseThrow(() -> new AssertionError("not found by ServiceLoader: " + found));
        ours.init();
        assertTrue(ours.appliesTo(customEngine()));
        assertFalse(ours.appliesTo(SSLContext.getDefault().createSSLEngine()));
        // Jetty's own processor is still there for SunJSSE, and does not claim ours.
        ALPNProcessor.Server jdk = found.stream().filter(p -> !(p instanceof CustomServerAlpnProcessor))
                .findFirst().orElseThrow();
        assertFalse(jdk.appliesTo(customEngine()));
    }

    @Test
    void clientProcessorIsFoundAndClaimsOnlyCustomEngines() throws Exception {
        List<ALPNProcessor.Client> found = ServiceLoader.load(ALPNProcessor.Client.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        ALPNProcessor.Client ours = found.stream().filter(p -> p instanceof CustomClientAlpnProcessor)
                .findFirst().orElseThrow(() -> new AssertionError("not found by ServiceLoader: " + found));
        ours.init();
        assertTrue(ours.appliesTo(customEngine()));
        assertFalse(ours.appliesTo(SSLContext.getDefault().createSSLEngine()));
    }

    private static SSLEngine customEngine() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new CustomProvider());
        context.init(null, null, null);
        return context.createSSLEngine("localhost", 443);
    }
}
