package dev.customtls.core.record;

import dev.customtls.core.error.TlsAlertException;

/** Checks shared by the decrypters on the record the caller hands them. */
final class RecordFraming {
    private RecordFraming() {
    }

    /**
     * Checks that {@code buf} holds a header at {@code off} and the whole fragment after it, and that the
     * header's length field equals {@code fragmentLen}. A mismatch is a bug in the caller's framing, not
     * peer input, hence {@code internal_error}.
     *
     * @return the offset of the fragment, {@code off + 5}
     */
    static int checkFragment(byte[] buf, int off, int fragmentLen) {
        if (off < 0 || fragmentLen < 0 || off > buf.length - RecordHeader.LENGTH - fragmentLen
                || (((buf[off + 3] & 0xff) << 8) | (buf[off + 4] & 0xff)) != fragmentLen) {
            throw TlsAlertException.internalError("Record fragment does not match its header", null);
        }
        return off + RecordHeader.LENGTH;
    }

    /** Checks that {@code out} has {@code len} bytes from {@code outOff}; too little room is the caller's bug. */
    static void checkOutput(byte[] out, int outOff, int len) {
        if (outOff < 0 || outOff > out.length - len) {
            throw TlsAlertException.internalError("No room for the record's plaintext", null);
        }
    }
}
