package dev.customtls.ocsp;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Sends one DER-encoded OCSPRequest to a responder and returns its answer (RFC 6960 appendix A). */
public interface OcspTransport {

    /**
     * Posts {@code request} to {@code responder} and returns the response body.
     *
     * @param timeout   bound on connecting and on each read
     * @param maxLength longest body accepted
     * @throws IOException when the responder cannot be reached, answers with an HTTP error, or sends more than
     *                     {@code maxLength} bytes
     */
    byte[] post(URI responder, byte[] request, Duration timeout, int maxLength) throws IOException;
}
