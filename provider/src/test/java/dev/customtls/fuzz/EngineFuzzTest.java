package dev.customtls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The client and the server state machines driven through our {@code SSLEngine} by arbitrary peer bytes.
 * Seeds are genuine flights captured from Custom and SunJSSE peers ({@code EngineFuzzTestInputs/}); the
 * fuzzer mutates them. Each input is delivered twice: whole, and cut in two at a point derived from its
 * length, so the partial-record and partial-message paths are exercised as well.
 *
 * <p>Property ({@link HostileTransport}): progress, or an {@link SSLException} with its alert queued and
 * the engine closed; no other throwable, no runtime exception disguised as internal_error, no endless loop.
 */
class EngineFuzzTest {

    /** A fresh Custom server receives a client's first flight (ClientHello, maybe more). */
    @FuzzTest(maxDuration = "10m")
    void serverReceivesClientFlight(byte[] input) throws Exception {
        drive(FuzzContexts.server(), input, false);
        drive(FuzzContexts.server(), input, true);
    }

    /** A Custom client that sent its ClientHello receives a server's flight. */
    @FuzzTest(maxDuration = "10m")
    void clientReceivesServerFlight(byte[] input) throws Exception {
        drive(FuzzContexts.clientAfterHello(), input, false);
        drive(FuzzContexts.clientAfterHello(), input, true);
    }

    private static void drive(SSLEngine victim, byte[] input, boolean split) throws Exception {
        SSLException thrown;
        if (split && input.length > 1) {
            int cut = 1 + (int) ((input.length - 1) * 7L / 13);
            thrown = HostileTransport.deliver(victim, Arrays.copyOf(input, cut), null);
            if (thrown == null) {
                // What the engine did not consume the first time is lost here, as on a transport that
                // drops bytes: the property must hold for any byte stream, so this is still a valid input.
                thrown = HostileTransport.deliver(victim, Arrays.copyOfRange(input, cut, input.length), null);
            }
        } else {
            thrown = HostileTransport.deliver(victim, input, null);
        }
        HostileTransport.assertCleanFailure(victim, thrown);
    }
}
