package dev.customtls.core.handshake;

import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.HandshakeType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.HandshakeMessageDecoder;

import java.security.MessageDigest;
import java.util.Arrays;

/** Small checks every handshake state shares: decoding the expected message, comparing Finished. */
public final class HandshakeSupport {

    private HandshakeSupport() {
    }

    /**
     * Decodes {@code frame} as the message type a state expects.
     *
     * @throws TlsAlertException unexpected_message if the frame is of another type
     */
    public static <T extends HandshakeMessage> T expect(HandshakeFrame frame, int type, Class<T> messageClass,
                                                        String state) {
        if (frame.type() != type) {
            throw TlsAlertException.unexpectedMessage("Received " + HandshakeType.name(frame.type())
                    + " while expecting " + HandshakeType.name(type) + " (" + state + ")");
        }
        HandshakeMessage m = HandshakeMessageDecoder.decode(frame.type(), frame.raw(), HandshakeFrame.BODY_OFFSET,
                frame.length());
        return messageClass.cast(m);
    }

    /** Unexpected message in a state. */
    public static TlsAlertException unexpected(HandshakeFrame frame, String state) {
        return TlsAlertException.unexpectedMessage("Unexpected " + HandshakeType.name(frame.type())
                + " message (" + state + ")");
    }

    /** RFC 8446 section 4.4.4: compares verify_data in constant time; decrypt_error on mismatch. */
    public static void checkFinished(byte[] expected, byte[] received, String who) {
        if (!MessageDigest.isEqual(expected, received)) {
            throw TlsAlertException.fatal(AlertDescription.DECRYPT_ERROR, "The " + who + " Finished message is wrong: "
                    + "the handshake transcript or keys differ");
        }
    }

    /** Overwrites a secret with zeros once it is no longer needed; null is ignored. */
    public static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
