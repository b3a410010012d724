package dev.customtls.core.record;

import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.error.TlsAlertException;

/**
 * Arithmetic for splitting a byte sequence of one content type into records (RFC 8446 section 5.1,
 * RFC 5246 section 6.2.1): each record carries at most {@code maxFragment} bytes of content.
 */
public final class RecordFragmenter {
    /** The smallest record_size_limit a peer may announce (RFC 8449 section 4). */
    public static final int MIN_RECORD_SIZE_LIMIT = 64;

    private RecordFragmenter() {
    }

    /**
     * The number of records needed for {@code len} bytes: {@code ceil(len / maxFragment)}. Zero bytes need
     * zero records; whether to send an empty application_data record is the caller's choice.
     */
    public static int fragmentCount(int len, int maxFragment) {
        if (len < 0 || maxFragment < 1) {
            throw TlsAlertException.internalError("Invalid fragmentation " + len + "/" + maxFragment, null);
        }
        return len / maxFragment + (len % maxFragment == 0 ? 0 : 1);
    }

    /** The content length of record {@code index} (from 0) when {@code len} bytes are fragmented. */
    public static int fragmentLength(int len, int maxFragment, int index) {
        int count = fragmentCount(len, maxFragment);
        if (index < 0 || index >= count) {
            throw TlsAlertException.internalError("No fragment " + index + " of " + count, null);
        }
        return index < count - 1 ? maxFragment : len - maxFragment * (count - 1);
    }

    /**
     * The largest content per record this side may send, given the peer's {@code record_size_limit}
     * (RFC 8449 section 4), or {@code 0} when the peer sent none: 2^14 by default; in TLS 1.3 the limit
     * includes the inner content type byte (so {@code limit - 1}), in TLS 1.2 it does not. A limit above
     * the protocol maximum does not raise it.
     *
     * @throws TlsAlertException illegal_parameter for a limit below 64 (RFC 8449 section 4)
     */
    public static int maxFragment(ProtocolVersion version, int peerRecordSizeLimit) {
        if (peerRecordSizeLimit == 0) {
            return RecordHeader.MAX_PLAINTEXT;
        }
        if (peerRecordSizeLimit < MIN_RECORD_SIZE_LIMIT) {
            throw TlsAlertException.illegalParameter("record_size_limit " + peerRecordSizeLimit + " is below 64");
        }
        int content = version == ProtocolVersion.TLS13 ? peerRecordSizeLimit - 1 : peerRecordSizeLimit;
        return Math.min(content, RecordHeader.MAX_PLAINTEXT);
    }
}
