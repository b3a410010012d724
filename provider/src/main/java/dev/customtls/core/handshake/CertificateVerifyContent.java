package dev.customtls.core.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The content a TLS 1.3 CertificateVerify signs (RFC 8446 section 4.4.3). */
public final class CertificateVerifyContent {
    private static final byte[] SERVER_CONTEXT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_CONTEXT = "TLS 1.3, client CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private CertificateVerifyContent() {
    }

    /** 64 spaces, the context string, a zero byte, then the transcript hash. */
    public static byte[] of(boolean server, byte[] transcriptHash) {
        byte[] context = server ? SERVER_CONTEXT : CLIENT_CONTEXT;
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        out[64 + context.length] = 0;
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }
}
