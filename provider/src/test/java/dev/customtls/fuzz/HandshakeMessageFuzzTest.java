package dev.customtls.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.customtls.core.codec.TlsReader;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.extension.ExtensionContext;
import dev.customtls.core.extension.Extensions;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeReassembler;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.HandshakeMessageDecoder;

import java.util.Arrays;

/**
 * Every handshake message decoder, every extension decoder in every context, and the handshake message
 * reassembler, under arbitrary bytes. Seeds: the genuine messages of Custom and SunJSSE flights and the
 * RFC 8448 messages ({@code HandshakeMessageFuzzTestInputs/}).
 *
 * <p>Property: decoding succeeds or raises a {@link TlsAlertException}; a decoded message re-encodes to a
 * message that decodes equal; the reassembler never buffers more than it was given and never returns a
 * message over its limit.
 */
class HandshakeMessageFuzzTest {

    /** Input: the handshake message type, then its body (RFC 8446 section 4). */
    @FuzzTest(maxDuration = "10m")
    void decodeMessage(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int type = input[0] & 0xff;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        try {
            HandshakeMessage m = HandshakeMessageDecoder.decode(type, body);
            byte[] encoded = m.encode();
            HandshakeMessage again = HandshakeMessageDecoder.decode(type, Arrays.copyOfRange(encoded, 4, encoded.length));
            if (!m.equals(again)) {
                throw new AssertionError("re-encoding changed " + m + " into " + again);
            }
        } catch (TlsAlertException expected) {
            // the only allowed failure
        }
        try {
            CertificateMessage.decodeTls12(new TlsReader(body));
        } catch (TlsAlertException expected) {
            // the only allowed failure
        }
    }

    /**
     * Input: a CompressedCertificate body (RFC 8879 section 4), decoded and decompressed as a client that offered
     * zlib does. Property: the Certificate inside, or a {@link TlsAlertException}; never more than the limit
     * inflated.
     */
    @FuzzTest(maxDuration = "5m")
    void decompressCertificate(byte[] input) {
        try {
            dev.customtls.core.message.CompressedCertificate c = (dev.customtls.core.message.CompressedCertificate)
                    HandshakeMessageDecoder.decode(dev.customtls.core.constants.HandshakeType.COMPRESSED_CERTIFICATE,
                            input);
            CertificateMessage m = dev.customtls.core.handshake.CertificateCompression.zlib().decompress(c, 32768);
            if (m.encode().length - 4 != c.uncompressedLength()) {
                throw new AssertionError("decompressed " + (m.encode().length - 4) + " bytes, announced "
                        + c.uncompressedLength());
            }
        } catch (TlsAlertException expected) {
            // the only allowed failure
        }
    }

    /** Input: an extension block, decoded in the context the fuzzer picks (RFC 8446 section 4.2). */
    @FuzzTest(maxDuration = "10m")
    void decodeExtensions(FuzzedDataProvider data) {
        ExtensionContext ctx = data.pickValue(ExtensionContext.values());
        boolean serverHello = data.consumeBoolean();
        byte[] block = data.consumeRemainingAsBytes();
        try {
            if (serverHello) {
                Extensions.decodeServerHello(new TlsReader(block));
            } else {
                Extensions.decode(new TlsReader(block), ctx);
            }
        } catch (TlsAlertException expected) {
            // the only allowed failure
        }
    }

    /** Input: a size limit, then fragments of handshake records (RFC 8446 section 5.1). */
    @FuzzTest(maxDuration = "10m")
    void reassemble(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, 1 << 16);
        HandshakeReassembler reassembler = new HandshakeReassembler(limit);
        long fed = 0;
        long returned = 0;
        try {
            for (int i = 0; i < 64 && data.remainingBytes() > 0; i++) {
                byte[] fragment = data.consumeBytes(data.consumeInt(0, 1 << 14));
                reassembler.add(fragment, 0, fragment.length);
                fed += fragment.length;
                HandshakeFrame frame;
                while ((frame = reassembler.next()) != null) {
                    if (frame.body().length > limit) {
                        throw new AssertionError("message of " + frame.body().length + " bytes over the limit " + limit);
                    }
                    returned += frame.raw().length;
                }
                if (reassembler.bufferedBytes() != fed - returned) {
                    throw new AssertionError("buffered " + reassembler.bufferedBytes() + ", expected " + (fed - returned));
                }
                if (reassembler.bufferedBytes() > limit + HandshakeReassembler.HEADER_LENGTH + fragment.length) {
                    throw new AssertionError("buffered " + reassembler.bufferedBytes() + " bytes beyond one message");
                }
            }
        } catch (TlsAlertException expected) {
            // the only allowed failure
        }
    }
}
