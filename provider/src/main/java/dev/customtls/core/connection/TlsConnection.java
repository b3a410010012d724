package dev.customtls.core.connection;

import static dev.customtls.core.handshake.HandshakeSupport.wipe;

import dev.customtls.core.codec.TlsWriter;
import dev.customtls.core.constants.AeadAlgorithm;
import dev.customtls.core.constants.AlertDescription;
import dev.customtls.core.constants.CipherSuite;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.constants.ProtocolVersion;
import dev.customtls.core.crypto.Aead;
import dev.customtls.core.crypto.TlsCrypto;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeFrame;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.handshake.HandshakeReassembler;
import dev.customtls.core.keyschedule.Hkdf;
import dev.customtls.core.keyschedule.TrafficKeys;
import dev.customtls.core.keyschedule.TrafficSecrets;
import dev.customtls.core.message.HandshakeMessage;
import dev.customtls.core.message.KeyUpdate;
import dev.customtls.core.record.RecordFragmenter;
import dev.customtls.core.record.RecordHeader;
import dev.customtls.core.record.Tls12RecordDecrypter;
import dev.customtls.core.record.Tls12RecordEncrypter;
import dev.customtls.core.record.Tls13RecordDecrypter;
import dev.customtls.core.record.Tls13RecordEncrypter;
import dev.customtls.core.session.TlsSession;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One TLS connection, sans IO: complete records in, records out, application data in and out.
 *
 * <p>The caller (the {@code SSLEngine} adapter) frames records with {@link #recordLength}, hands each
 * complete record to {@link #readRecord}, drains queued handshake and alert records with
 * {@link #drainOutbound}, seals application data with {@link #sealApplicationData}, and runs
 * {@link #runDelegatedWork()} when {@link #status()} says {@link Status#NEED_TASK}. Not thread-safe: the
 * adapter serialises calls.
 *
 * <p>Any {@link TlsAlertException} thrown from here has already queued its alert (if we raised it), so
 * the caller's next drain sends it; the connection is then failed for good.
 */
public final class TlsConnection {

    /** What the connection needs next, as {@code SSLEngineResult.HandshakeStatus} has it. */
    public enum Status { NOT_HANDSHAKING, NEED_WRAP, NEED_UNWRAP, NEED_TASK }

    /** Largest record we accept or produce: header plus 2^14 + 256. */
    public static final int MAX_RECORD_LENGTH = RecordHeader.LENGTH + RecordHeader.MAX_TLS13_CIPHERTEXT;

    /**
     * Initial size of the flight buffer, which is reused for every flight of the handshake: a client's
     * largest flight is its ClientHello; a server's is EncryptedExtensions to Finished, about a kilobyte with
     * an EC certificate chain (and one doubling with RSA).
     */
    private static final int CLIENT_FLIGHT_CAPACITY = 512;
    private static final int SERVER_FLIGHT_CAPACITY = 1024;
    /** Initial size of the buffer of a post-handshake message: a NewSessionTicket or a KeyUpdate. */
    private static final int POST_HANDSHAKE_CAPACITY = 256;
    private static final int ALERT_LEVEL_WARNING = 1;
    private static final int ALERT_LEVEL_FATAL = 2;

    private final TlsConfig config;
    private final TlsCrypto crypto;
    private final TlsSession session;
    private final HandshakeReassembler reassembler;
    /** A flight is a handful of messages and records: small queues, grown if ever needed. */
    private final ArrayDeque<HandshakeFrame> pendingFrames = new ArrayDeque<>(4);
    private final ArrayDeque<byte[]> outbound = new ArrayDeque<>(4);
    /**
     * Handshake messages queued under the current write protection and not yet cut into records; kept (and
     * reused) while handshaking, null once the handshake is complete and nothing is queued.
     */
    private TlsWriter flight;
    private HandshakeDriver driver;
    private HandshakeListener listener;

    private RecordOpener reader;
    private RecordSealer writer;
    /**
     * The TLS 1.3 AEADs behind {@link #reader} and {@link #writer}: each key change hands the retired one's
     * cipher object to its successor ({@link TlsCrypto#aead(AeadAlgorithm, byte[], Aead)}).
     */
    private Aead readAead;
    private Aead writeAead;
    /** TLS 1.2 (RFC 5246) rules apply: real change_cipher_spec, header content types, warning alerts. */
    private boolean tls12;
    /** TLS 1.2: the read protection the peer's next change_cipher_spec activates; null when none is expected. */
    private RecordOpener pendingTls12Reader;
    private dev.customtls.core.session.Tls12SessionStore tls12SessionStore;
    private CipherSuite trafficSuite;
    private Hkdf trafficHkdf;
    private byte[] readTrafficSecret;
    private byte[] writeTrafficSecret;
    private boolean applicationReadKeys;
    private boolean applicationWriteKeys;

    private boolean started;
    private boolean handshakeComplete;
    private boolean finishedReported;
    private boolean peerFinishedReceived;
    private boolean ccsAllowed;
    private int ccsReceived;
    /** One compatibility change_cipher_spec per server flight: two after a HelloRetryRequest. */
    private int ccsLimit = 1;
    private int emptyRecords;
    private int warningAlerts;
    private int keyUpdatesInARow;
    /** TLS 1.3: bytes the peer's current traffic key may still protect before we ask for a KeyUpdate. */
    private long readKeyBytesLeft = Long.MAX_VALUE;
    private boolean inboundDone;
    private boolean outboundDone;
    private boolean closeNotifyQueued;
    private TlsAlertException failure;
    private int lastAppDataOffset;
    private int maxFragment = RecordHeader.MAX_PLAINTEXT;
    /** RFC 8446 section 5.1: a client's first flight may use 0x0301; everything else uses 0x0303. */
    private int plaintextRecordVersion;

    // 0-RTT (RFC 8446 section 4.2.10), server side; see acceptEarlyData / skipEarlyData.
    /** Bytes of early data still acceptable while reading accepted 0-RTT records; -1 when not reading them. */
    private long earlyDataRemaining = -1;
    /** Bytes of undecryptable (rejected) early data still to skip; 0 when not skipping. */
    private long earlyDataSkipBudget;
    private boolean lastRecordEarly;
    private dev.customtls.core.session.EarlyDataStatus earlyDataStatus =
            dev.customtls.core.session.EarlyDataStatus.NOT_ATTEMPTED;

    public TlsConnection(TlsConfig config, TlsCrypto crypto, TlsSession session) {
        this.config = config;
        this.crypto = crypto;
        this.session = session;
        this.reassembler = new HandshakeReassembler(config.limits().maxHandshakeMessageSize());
        this.plaintextRecordVersion = config.client() ? ProtocolVersion.TLS10.code() : ProtocolVersion.TLS12.code();
    }

    /** Attaches the handshake state machine; called once, before {@link #beginHandshake()}. */
    public void setDriver(HandshakeDriver driver) {
        this.driver = driver;
    }

    public void setListener(HandshakeListener listener) {
        this.listener = listener;
    }

    public HandshakeListener listener() {
        return listener;
    }

    public TlsConfig config() {
        return config;
    }

    public TlsCrypto crypto() {
        return crypto;
    }

    public TlsSession session() {
        return session;
    }

    /** TLS 1.2 resumption: where sessions are cached (null: no resumption). Set before the handshake starts. */
    public void setTls12SessionStore(dev.customtls.core.session.Tls12SessionStore store) {
        this.tls12SessionStore = store;
    }

    public dev.customtls.core.session.Tls12SessionStore tls12SessionStore() {
        return tls12SessionStore;
    }

    public boolean isClient() {
        return config.client();
    }

    // ---------------------------------------------------------------------------------------------
    // Lifecycle

    /** Starts the handshake (a client queues its ClientHello). Idempotent. */
    public void beginHandshake() {
        if (started) {
            return;
        }
        started = true;
        guard(() -> driver.start());
    }

    public boolean isStarted() {
        return started;
    }

    public boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    public TlsAlertException failure() {
        return failure;
    }

    /** What the connection needs next. */
    public Status status() {
        flushHandshake();
        if (!outbound.isEmpty()) {
            return Status.NEED_WRAP;
        }
        if (failure != null || (inboundDone && outboundDone)) {
            return Status.NOT_HANDSHAKING;
        }
        if (!pendingFrames.isEmpty()) {
            return Status.NEED_TASK;
        }
        if (!started) {
            return Status.NOT_HANDSHAKING;
        }
        if (!handshakeComplete) {
            return Status.NEED_UNWRAP;
        }
        // Completed inside a delegated task: the next wrap reports FINISHED (it may produce nothing).
        return finishedReported ? Status.NOT_HANDSHAKING : Status.NEED_WRAP;
    }

    /**
     * True exactly once: when the handshake has completed and its last flight has been drained. The
     * adapter reports {@code FINISHED} in the result of the call that saw it.
     */
    public boolean takeFinishedEvent() {
        flushHandshake();
        if (handshakeComplete && !finishedReported && outbound.isEmpty() && pendingFrames.isEmpty()) {
            finishedReported = true;
            return true;
        }
        return false;
    }

    /**
     * True when the handshake is over and its end reported, and nothing is queued or waiting for a task: then
     * {@link #status()} is {@code NOT_HANDSHAKING} and {@link #takeFinishedEvent()} false, which the adapter
     * checks after every record without the work those two do.
     */
    public boolean isSettled() {
        return finishedReported && flight == null && outbound.isEmpty() && pendingFrames.isEmpty();
    }

    public boolean isInboundDone() {
        return inboundDone;
    }

    public boolean isOutboundDone() {
        flushHandshake();
        return outboundDone && outbound.isEmpty();
    }

    /** Queues close_notify (once); afterwards no application data may be sent. */
    public void closeOutbound() {
        if (closeNotifyQueued || failure != null) {
            outboundDone = true;
            return;
        }
        closeNotifyQueued = true;
        outboundDone = true;
        if (started) {
            queueAlert(ALERT_LEVEL_WARNING, AlertDescription.CLOSE_NOTIFY);
        }
    }

    /**
     * The transport reached end of input. Without a close_notify first this is a truncation: reported as
     * an exception (the caller decides whether to surface it, as {@code SSLEngine.closeInbound} does).
     */
    public void closeInbound() {
        if (inboundDone) {
            return;
        }
        inboundDone = true;
        if (failure == null && started) {
            TlsAlertException e = TlsAlertException.fatal(AlertDescription.INTERNAL_ERROR,
                    "Inbound closed before receiving the peer's close_notify: possible truncation attack");
            failure = e;
            queueAlert(ALERT_LEVEL_FATAL, AlertDescription.INTERNAL_ERROR);
            outboundDone = true;
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Inbound

    /**
     * Length of the record starting at {@code buf[off]}, or -1 if fewer than 5 bytes are available. The
     * header is validated (content type, version, length limit).
     */
    public int recordLength(byte[] buf, int off, int available) {
        if (available < RecordHeader.LENGTH) {
            return -1;
        }
        try {
            return RecordHeader.LENGTH + RecordHeader.fragmentLength(buf, off, RecordHeader.MAX_TLS13_CIPHERTEXT);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * Processes the complete record {@code buf[off, off+len)} and returns the number of application-data bytes
     * it carried. A protected record is decrypted into {@code out[outOff]}, which must have
     * {@link #openedLength} bytes of room and must not overlap the record; {@code buf} is left as it was.
     * Application data always comes from a protected record, so its bytes are at
     * {@code out[lastAppDataOffset()]}; what else a record carried may be left in {@code out}'s room.
     */
    public int readRecord(byte[] buf, int off, int len, byte[] out, int outOff) {
        Objects.requireNonNull(out, "out");
        if (failure != null) {
            throw failure;
        }
        if (inboundDone) {
            return 0;
        }
        try {
            return readRecord0(buf, off, len, out, outOff);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * The room {@link #readRecord} needs in its output array for the protected
     * record of {@code recordLength} bytes (header included) under the current read protection, or -1 when
     * there is none yet.
     */
    public int openedLength(int recordLength) {
        return reader == null ? -1 : Math.max(0, reader.openedLength(recordLength - RecordHeader.LENGTH));
    }

    public int lastAppDataOffset() {
        return lastAppDataOffset;
    }

    private int readRecord0(byte[] buf, int off, int len, byte[] out, int outOff) {
        int outerType = RecordHeader.contentType(buf, off);
        plaintextRecordVersion = ProtocolVersion.TLS12.code();
        lastRecordEarly = false;
        int fragmentLength = len - RecordHeader.LENGTH;
        int type;
        byte[] data = buf; // where the record's content is: buf, or out once a protected record is opened into it
        int dataOff = off + RecordHeader.LENGTH;
        int dataLen;
        if (outerType == ContentType.CHANGE_CIPHER_SPEC) {
            if (tls12) {
                handleTls12ChangeCipherSpec(buf, dataOff, fragmentLength);
            } else {
                handleChangeCipherSpec(buf, dataOff, fragmentLength);
            }
            return 0;
        }
        if (reader == null || (!tls12 && outerType == ContentType.ALERT && !handshakeComplete)) {
            // Plaintext record: before the peer's keys, or an unprotected alert from a peer that failed
            // before it could install keys.
            if (outerType == ContentType.APPLICATION_DATA) {
                if (skipRejectedEarlyData(fragmentLength)) {
                    return 0;
                }
                throw TlsAlertException.unexpectedMessage("Received application data before the handshake keys were established");
            }
            if (fragmentLength > RecordHeader.MAX_PLAINTEXT) {
                throw TlsAlertException.fatal(AlertDescription.RECORD_OVERFLOW,
                        "Plaintext record of " + fragmentLength + " bytes exceeds 2^14");
            }
            type = outerType;
            dataLen = fragmentLength;
        } else {
            if (!tls12 && outerType != ContentType.APPLICATION_DATA) {
                throw TlsAlertException.unexpectedMessage("Unprotected " + ContentType.name(outerType)
                        + " record received after keys were established");
            }
            if (earlyDataSkipBudget > 0) {
                // Rejected 0-RTT: records that do not open under the handshake key are skipped.
                try {
                    dataLen = reader.open(buf, off, fragmentLength, out, outOff);
                } catch (TlsAlertException e) {
                    if (e.alert() == AlertDescription.BAD_RECORD_MAC && skipRejectedEarlyData(fragmentLength)) {
                        return 0;
                    }
                    throw e;
                }
                earlyDataSkipBudget = 0;
            } else {
                dataLen = reader.open(buf, off, fragmentLength, out, outOff);
            }
            type = reader.contentType();
            data = out;
            dataOff = outOff;
            // jdk.tls.keyLimits: application data records count (handshake records do not, so two peers with
            // tiny limits cannot keep asking each other for KeyUpdates).
            if (!tls12 && type == ContentType.APPLICATION_DATA && (readKeyBytesLeft -= fragmentLength) <= 0) {
                peerKeyLimitReached();
            }
        }
        if (dataLen == 0 && type != ContentType.APPLICATION_DATA) {
            throw TlsAlertException.unexpectedMessage("Empty " + ContentType.name(type) + " record");
        }
        switch (type) {
            case ContentType.HANDSHAKE:
                emptyRecords = 0;
                handleHandshakeRecord(data, dataOff, dataLen);
                return 0;
            case ContentType.ALERT:
                handleAlert(data, dataOff, dataLen);
                return 0;
            case ContentType.APPLICATION_DATA:
                if (!applicationReadKeys) {
                    if (earlyDataRemaining < 0) {
                        throw TlsAlertException.unexpectedMessage("Received application data before the handshake completed");
                    }
                    // RFC 8446 section 4.2.10: more than max_early_data_size is unexpected_message.
                    if (dataLen > earlyDataRemaining) {
                        throw TlsAlertException.unexpectedMessage("The client sent more early data than max_early_data_size");
                    }
                    earlyDataRemaining -= dataLen;
                    lastRecordEarly = true;
                }
                if (dataLen == 0) {
                    if (++emptyRecords > config.limits().maxEmptyRecords()) {
                        throw TlsAlertException.unexpectedMessage("Too many consecutive empty records");
                    }
                    return 0;
                }
                emptyRecords = 0;
                keyUpdatesInARow = 0;
                warningAlerts = 0;
                lastAppDataOffset = dataOff;
                return dataLen;
            default:
                throw TlsAlertException.unexpectedMessage("Unexpected record type " + ContentType.name(type));
        }
    }

    /**
     * RFC 8446 section 5: one unprotected change_cipher_spec of value 1 may arrive after the first
     * ClientHello and before the peer's Finished; it is dropped. Anything else is unexpected_message.
     */
    private void handleChangeCipherSpec(byte[] buf, int off, int len) {
        if (len != 1 || buf[off] != 1) {
            throw TlsAlertException.unexpectedMessage("Malformed change_cipher_spec record");
        }
        if (!ccsAllowed || peerFinishedReceived || handshakeComplete) {
            throw TlsAlertException.unexpectedMessage("change_cipher_spec received outside the TLS 1.3 handshake");
        }
        if (++ccsReceived > ccsLimit) {
            throw TlsAlertException.unexpectedMessage("More than " + ccsLimit + " change_cipher_spec records received");
        }
    }

    /**
     * RFC 5246 section 7.1: a TLS 1.2 change_cipher_spec switches the read protection to the pending state
     * the handshake prepared. It must come exactly where the handshake expects it, on a handshake message
     * boundary; anywhere else it is unexpected_message.
     */
    private void handleTls12ChangeCipherSpec(byte[] buf, int off, int len) {
        if (len != 1 || buf[off] != 1) {
            throw TlsAlertException.unexpectedMessage("Malformed change_cipher_spec record");
        }
        if (pendingTls12Reader == null) {
            throw TlsAlertException.unexpectedMessage("change_cipher_spec received where the TLS 1.2 handshake "
                    + "does not expect it");
        }
        if (!reassembler.isAtMessageBoundary() || !pendingFrames.isEmpty()) {
            throw TlsAlertException.unexpectedMessage("change_cipher_spec not on a handshake message boundary");
        }
        reader = pendingTls12Reader;
        pendingTls12Reader = null;
    }

    private void handleHandshakeRecord(byte[] buf, int off, int len) {
        reassembler.add(buf, off, len);
        HandshakeFrame frame;
        while ((frame = reassembler.next()) != null) {
            ccsAllowed = true;
            if (handshakeComplete && pendingFrames.isEmpty()) {
                handlePostHandshake(frame);
            } else {
                pendingFrames.add(frame);
            }
        }
        // Cheap messages are processed at once; the first expensive one waits for a delegated task.
        while (!pendingFrames.isEmpty() && !driver.isExpensive(pendingFrames.peek())) {
            processFrame(pendingFrames.poll());
        }
    }

    private void processFrame(HandshakeFrame frame) {
        if (handshakeComplete) {
            handlePostHandshake(frame);
        } else {
            driver.handle(frame);
        }
    }

    private void handlePostHandshake(HandshakeFrame frame) {
        if (frame.type() == dev.customtls.core.constants.HandshakeType.KEY_UPDATE) {
            if (++keyUpdatesInARow > config.limits().maxKeyUpdates()) {
                throw TlsAlertException.unexpectedMessage("Too many KeyUpdate messages without application data");
            }
        }
        driver.handlePostHandshake(frame);
    }

    /** Whether {@link #runDelegatedWork()} has something to do: a slow message heads the queue. */
    public boolean hasDelegatedWork() {
        return failure == null && !pendingFrames.isEmpty();
    }

    /** Processes queued handshake messages (the slow part of the handshake). */
    public void runDelegatedWork() {
        guard(() -> {
            while (!pendingFrames.isEmpty() && failure == null) {
                processFrame(pendingFrames.poll());
            }
            return null;
        });
    }

    private void handleAlert(byte[] buf, int off, int len) {
        if (len != 2) {
            throw TlsAlertException.decodeError("Alert record of " + len + " bytes (must be exactly 2)");
        }
        int level = buf[off] & 0xff;
        int code = buf[off + 1] & 0xff;
        AlertDescription description = AlertDescription.fromCode(code);
        if (description == AlertDescription.CLOSE_NOTIFY) {
            inboundDone = true;
            if (listener != null) {
                listener.step("close_notify received: the peer will send nothing more");
            }
            // RFC 8446 section 6.1: in TLS 1.3 close_notify closes the peer's write side only; ours stays open
            // (half-close) until the application closes it, as in SunJSSE. TLS 1.2 (RFC 5246 section 7.2.1),
            // a handshake still in progress and jdk.tls.acknowledgeCloseNotify answer with ours at once.
            if (!closeNotifyQueued && failure == null
                    && (tls12 || !handshakeComplete || config.acknowledgeCloseNotify())) {
                closeOutbound();
            }
            return;
        }
        // RFC 5246 section 7.2: in TLS 1.2 a warning alert does not end the connection (capped against floods).
        if (level == ALERT_LEVEL_WARNING && (description == AlertDescription.USER_CANCELED || tls12)) {
            if (++warningAlerts > config.limits().maxWarningAlerts()) {
                throw TlsAlertException.unexpectedMessage("Too many warning alerts");
            }
            return;
        }
        // RFC 8446 section 6.2: every other alert is an error, whatever its level.
        inboundDone = true;
        outboundDone = true;
        TlsAlertException e = description != null
                ? TlsAlertException.received(description)
                : TlsAlertException.received(AlertDescription.INTERNAL_ERROR);
        throw e;
    }

    // ---------------------------------------------------------------------------------------------
    // Outbound

    public boolean hasOutbound() {
        flushHandshake();
        return !outbound.isEmpty();
    }

    /** Length of the next queued record, or 0 if none. */
    public int nextOutboundLength() {
        flushHandshake();
        byte[] r = outbound.peek();
        return r == null ? 0 : r.length;
    }

    /**
     * Copies whole queued records into {@code out} while they fit. Returns the bytes written (0 if the
     * next record does not fit or nothing is queued).
     */
    public int drainOutbound(byte[] out, int off, int max) {
        flushHandshake();
        int written = 0;
        byte[] r;
        while ((r = outbound.peek()) != null && r.length <= max - written) {
            System.arraycopy(r, 0, out, off + written, r.length);
            written += r.length;
            outbound.poll();
        }
        return written;
    }

    /** Largest application-data fragment per record. */
    public int maxFragment() {
        return maxFragment;
    }

    /** Whether application data can be sealed now. */
    public boolean canWriteApplicationData() {
        return applicationWriteKeys && !outboundDone && failure == null;
    }

    /** Size of the record that sealing {@code len} plaintext bytes produces. */
    public int sealedLength(int len) {
        return writer.sealedLength(Math.min(len, maxFragment));
    }

    /**
     * Where a caller should put plaintext in its output array so that {@link #sealApplicationData} seals it in
     * place: with {@code in == out} and {@code inOff == outOff + applicationDataOffset()} nothing is copied.
     */
    public int applicationDataOffset() {
        return writer.plaintextOffset();
    }

    /**
     * Seals up to {@link #maxFragment()} bytes of application data into one record at {@code out[outOff]}.
     * Returns the record length; {@code min(len, maxFragment())} bytes were consumed.
     */
    public int sealApplicationData(byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (!canWriteApplicationData()) {
            throw TlsAlertException.internalError("Application data cannot be sent now", null);
        }
        int n = Math.min(len, maxFragment);
        int recordLength;
        try {
            recordLength = writer.seal(ContentType.APPLICATION_DATA, in, inOff, n, out, outOff);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        if (writer.keyUpdateDue()) {
            guard(() -> {
                sendKeyUpdate(false);
                return null;
            });
        }
        return recordLength;
    }

    /**
     * Queues one handshake message (already encoded with its header). Messages queued under the same write
     * protection are coalesced into as few records as {@link #maxFragment()} allows (RFC 8446 section 5.1:
     * several handshake messages may share a record); the records are cut when the write keys change,
     * before any other record is queued, and when the caller looks at the outbound queue.
     */
    public void queueHandshake(byte[] raw) {
        flightWriter(raw.length).bytes(raw);
    }

    /** Queues a handshake message as {@link #queueHandshake(byte[])}, encoding it in place into the flight. */
    public void queueHandshake(HandshakeMessage message) {
        message.encode(flightWriter(flightCapacity()));
    }

    /** Queues a handshake message and passes its encoding (header and body) to {@code transcript}. */
    void queueHandshake(HandshakeMessage message, HandshakeIo.Transcript transcript) {
        TlsWriter w = flightWriter(flightCapacity());
        int start = w.length();
        message.encode(w);
        transcript.add(w.array(), start, w.length() - start);
    }

    private int flightCapacity() {
        return handshakeComplete ? POST_HANDSHAKE_CAPACITY
                : config.client() ? CLIENT_FLIGHT_CAPACITY : SERVER_FLIGHT_CAPACITY;
    }

    private TlsWriter flightWriter(int sizeHint) {
        if (flight == null) {
            flight = new TlsWriter(sizeHint);
        }
        return flight;
    }

    /**
     * Cuts the queued handshake messages into records under the current write protection. Once the handshake
     * is complete the buffer goes (an established connection holds no handshake bytes).
     */
    private void flushHandshake() {
        TlsWriter w = flight;
        if (w == null) {
            return;
        }
        byte[] bytes = w.array();
        int length = w.length();
        int pos = 0;
        while (pos < length) {
            int n = Math.min(length - pos, maxFragment);
            queueRecord(ContentType.HANDSHAKE, bytes, pos, n);
            pos += n;
        }
        w.reset();
        if (handshakeComplete) {
            flight = null;
        }
    }

    /** Queues the middlebox-compatibility change_cipher_spec (RFC 8446 appendix D.4). */
    public void queueChangeCipherSpec() {
        flushHandshake();
        byte[] r = new byte[RecordHeader.LENGTH + 1];
        RecordHeader.write(r, 0, ContentType.CHANGE_CIPHER_SPEC, ProtocolVersion.TLS12.code(), 1);
        r[5] = 1;
        outbound.add(r);
    }

    private void queueAlert(int level, AlertDescription description) {
        byte[] body = {(byte) level, (byte) description.code()};
        try {
            flushHandshake();
            queueRecord(ContentType.ALERT, body, 0, 2);
        } catch (TlsAlertException e) {
            // Keys exhausted: nothing more can be sent.
        }
    }

    private void queueRecord(int type, byte[] data, int off, int len) {
        byte[] r;
        if (writer == null) {
            r = new byte[RecordHeader.LENGTH + len];
            RecordHeader.write(r, 0, type, plaintextRecordVersion, len);
            System.arraycopy(data, off, r, RecordHeader.LENGTH, len);
        } else {
            r = new byte[writer.sealedLength(len)];
            writer.seal(type, data, off, len, r, 0);
        }
        outbound.add(r);
    }

    // ---------------------------------------------------------------------------------------------
    // Keys (called by the handshake)

    /**
     * Installs new read keys from a traffic secret. RFC 8446 section 5.1: keys change only on a record
     * boundary, so no partial or further message may be pending.
     */
    public void setReadKeys(CipherSuite suite, Hkdf hkdf, byte[] trafficSecret, boolean application) {
        if (!reassembler.isAtMessageBoundary() || !pendingFrames.isEmpty()) {
            throw TlsAlertException.unexpectedMessage("Handshake message not aligned with a key change");
        }
        TrafficKeys keys = TrafficSecrets.keys(hkdf, trafficSecret, suite.aead());
        readAead = crypto.aead(suite.aead(), keys.key(), readAead);
        reader = new RecordOpener.Tls13(new Tls13RecordDecrypter(readAead, keys.iv()));
        long limit = application ? config.limits().keyUpdateLimits().bytes(suite.aead()) : 0;
        readKeyBytesLeft = limit > 0 ? limit : Long.MAX_VALUE;
        trafficSuite = suite;
        trafficHkdf = hkdf;
        wipe(readTrafficSecret);
        readTrafficSecret = trafficSecret.clone();
        applicationReadKeys = application;
        wipe(keys.key());
    }

    /** Installs new write keys; records queued before this call keep the old protection. */
    public void setWriteKeys(CipherSuite suite, Hkdf hkdf, byte[] trafficSecret, boolean application) {
        flushHandshake();
        TrafficKeys keys = TrafficSecrets.keys(hkdf, trafficSecret, suite.aead());
        writeAead = crypto.aead(suite.aead(), keys.key(), writeAead);
        writer = new RecordSealer.Tls13(new Tls13RecordEncrypter(writeAead, keys.iv(),
                application ? config.limits().keyUpdateLimits().bytes(suite.aead()) : 0), suite.aead().tagLength());
        trafficSuite = suite;
        trafficHkdf = hkdf;
        wipe(writeTrafficSecret);
        writeTrafficSecret = trafficSecret.clone();
        applicationWriteKeys = application;
        wipe(keys.key());
    }

    // ---------------------------------------------------------------------------------------------
    // TLS 1.2 (RFC 5246): called by the TLS 1.2 handshake

    /** The handshake negotiated TLS 1.2: from now on the TLS 1.2 record rules apply. */
    public void useTls12() {
        tls12 = true;
    }

    public boolean isTls12() {
        return tls12;
    }

    /**
     * RFC 5246 sections 6.1 and 7.1: prepares the peer's pending read state; the peer's next
     * change_cipher_spec activates it. Until this is called, a change_cipher_spec is unexpected_message.
     *
     * @param key the peer's write key from the key block (copied by the AEAD)
     * @param fixedIv the peer's write IV from the key block
     */
    public void expectChangeCipherSpec(AeadAlgorithm algorithm, byte[] key, byte[] fixedIv) {
        pendingTls12Reader = new RecordOpener.Tls12(new Tls12RecordDecrypter(crypto.aead(algorithm, key), fixedIv));
    }

    /**
     * The most application data a protected record of {@code recordLength} bytes can carry under the current
     * read protection: {@link #openedLength} (the length minus header, explicit nonce (TLS 1.2 AES-GCM) and
     * tag), minus the inner type byte in TLS 1.3; never above 2^14, 0 without read protection. The adapter
     * sizes its destination buffer with it.
     */
    public int maxPlaintextLength(int recordLength) {
        int opened = openedLength(recordLength); // -1 without read protection
        return Math.max(0, Math.min(RecordHeader.MAX_PLAINTEXT, tls12 ? opened : opened - 1));
    }

    /** Whether the pending read state still waits for the peer's change_cipher_spec. */
    public boolean awaitingChangeCipherSpec() {
        return pendingTls12Reader != null;
    }

    /**
     * RFC 5246 section 7.1: queues our change_cipher_spec and makes the pending write state current; every
     * record queued afterwards (our Finished first) is protected with it.
     */
    public void changeWriteCipherSpec(AeadAlgorithm algorithm, byte[] key, byte[] fixedIv) {
        queueChangeCipherSpec();
        writer = new RecordSealer.Tls12(new Tls12RecordEncrypter(crypto.aead(algorithm, key), fixedIv), algorithm);
    }

    /** Queues a warning alert, e.g. no_renegotiation (RFC 5246 section 7.2.2). */
    public void sendWarningAlert(AlertDescription description) {
        queueAlert(ALERT_LEVEL_WARNING, description);
    }

    /** A HelloRetryRequest was exchanged: the peer may send one more compatibility change_cipher_spec. */
    public void helloRetryRequestExchanged() {
        ccsLimit = 2;
    }

    /** The peer's Finished was verified: no more change_cipher_spec records are tolerated. */
    public void peerFinishedReceived() {
        peerFinishedReceived = true;
    }

    /** Marks the handshake complete (both Finished messages exchanged). */
    public void handshakeComplete() {
        handshakeComplete = true;
        if (tls12) {
            // RFC 5246 section 7.4.9: application data flows once both Finished messages are verified.
            applicationReadKeys = true;
            applicationWriteKeys = true;
        }
        session.touch();
    }

    /**
     * RFC 8446 section 4.6.3: handles a received KeyUpdate: the peer's next records use the next read
     * secret; if it asked, we answer with our own KeyUpdate.
     */
    public void keyUpdateReceived(KeyUpdate message) {
        if (!reassembler.isAtMessageBoundary()) {
            throw TlsAlertException.unexpectedMessage("KeyUpdate not at a record boundary");
        }
        byte[] next = TrafficSecrets.next(trafficHkdf, readTrafficSecret);
        setReadKeys(trafficSuite, trafficHkdf, next, true);
        wipe(next);
        if (message.updateRequested() && !outboundDone) {
            sendKeyUpdate(false);
        }
    }

    /**
     * The peer's traffic key protected {@code jdk.tls.keyLimits} bytes: we ask it to replace the key (and replace
     * ours), once per key, as SunJSSE does.
     */
    private void peerKeyLimitReached() {
        if (handshakeComplete && !outboundDone) {
            readKeyBytesLeft = Long.MAX_VALUE;
            sendKeyUpdate(true);
        }
    }

    /** Sends a KeyUpdate and switches to the next write secret; {@code requestPeer} asks the peer to update too. */
    public void sendKeyUpdate(boolean requestPeer) {
        if (tls12) {
            return; // TLS 1.2 has no KeyUpdate, and we never renegotiate.
        }
        if (!handshakeComplete || outboundDone) {
            throw TlsAlertException.internalError("KeyUpdate is only possible on an established connection", null);
        }
        queueHandshake(new KeyUpdate(requestPeer));
        byte[] next = TrafficSecrets.next(trafficHkdf, writeTrafficSecret);
        setWriteKeys(trafficSuite, trafficHkdf, next, true);
        wipe(next);
    }

    /**
     * Largest plaintext per record we send, e.g. the peer's record_size_limit - 1 (RFC 8449; at least 63,
     * the smallest legal limit of 64 minus the TLS 1.3 content type byte).
     */
    public void setMaxFragment(int maxFragment) {
        this.maxFragment = Math.max(RecordFragmenter.MIN_RECORD_SIZE_LIMIT - 1,
                Math.min(maxFragment, RecordHeader.MAX_PLAINTEXT));
    }

    /** Largest plaintext we accept per protected record (our record_size_limit - 1). */
    public void setMaxInboundPlaintext(int max) {
        if (reader != null) {
            reader.setMaxPlaintext(max);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 0-RTT (RFC 8446 section 4.2.10)

    /**
     * Server: the client's early data was accepted; its records are read with the client early traffic
     * secret until EndOfEarlyData ({@link #endOfEarlyData}), at most {@code maxEarlyDataSize} bytes.
     */
    public void acceptEarlyData(CipherSuite suite, Hkdf hkdf, byte[] clientEarlyTrafficSecret, long maxEarlyDataSize) {
        setReadKeys(suite, hkdf, clientEarlyTrafficSecret, false);
        earlyDataRemaining = maxEarlyDataSize;
        earlyDataSkipBudget = 0;
        earlyDataStatus = dev.customtls.core.session.EarlyDataStatus.ACCEPTED;
    }

    /** Server: EndOfEarlyData received; the caller installs the client handshake keys next. */
    public void endOfEarlyData() {
        earlyDataRemaining = -1;
    }

    /** Whether the server is reading accepted early data (EndOfEarlyData not yet received). */
    public boolean isReadingEarlyData() {
        return earlyDataRemaining >= 0;
    }

    /**
     * Server: the client offered early data that we do not accept; up to {@code budget} bytes of records
     * that do not decrypt (or arrive before keys) are skipped (RFC 8446 section 4.2.10).
     */
    public void skipEarlyData(long budget) {
        earlyDataSkipBudget = Math.max(1, budget);
        earlyDataStatus = dev.customtls.core.session.EarlyDataStatus.REJECTED;
    }

    private boolean skipRejectedEarlyData(int fragmentLength) {
        if (earlyDataSkipBudget <= 0) {
            return false;
        }
        long payload = Math.max(0, fragmentLength - (trafficSuite == null ? 16 : trafficSuite.aead().tagLength()) - 1);
        if (payload > earlyDataSkipBudget) {
            throw TlsAlertException.unexpectedMessage("Skipped early data exceeds max_early_data_size");
        }
        earlyDataSkipBudget -= payload;
        if (earlyDataSkipBudget == 0) {
            earlyDataSkipBudget = -1;
        }
        return true;
    }

    /** Whether the application data returned by the last {@link #readRecord} arrived as 0-RTT data. */
    public boolean lastRecordWasEarlyData() {
        return lastRecordEarly;
    }

    /** Server: what became of the client's early data on this connection. */
    public dev.customtls.core.session.EarlyDataStatus earlyDataStatus() {
        return earlyDataStatus;
    }

    /** Client: queues a record already protected by the caller (0-RTT data under the early traffic key). */
    public void queueProtectedRecord(byte[] record) {
        flushHandshake(); // after the handshake messages queued before it (the ClientHello)
        outbound.add(record);
    }

    /**
     * Client: queues application data under the current application write keys (early data re-sent as
     * 1-RTT data after a rejection, RFC 8446 section 4.2.10).
     */
    public void queueApplicationData(byte[] data) {
        flushHandshake();
        int pos = 0;
        while (pos < data.length) {
            int n = Math.min(data.length - pos, maxFragment);
            queueRecord(ContentType.APPLICATION_DATA, data, pos, n);
            pos += n;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    private interface Step<T> {
        T run();
    }

    private <T> T guard(Step<T> step) {
        try {
            return step.run();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Records the failure (queueing our alert) and returns the exception to throw. */
    private TlsAlertException failed(RuntimeException e) {
        TlsAlertException alert = e instanceof TlsAlertException ? (TlsAlertException) e
                : TlsAlertException.internalError("Internal error: " + e, e);
        fail(alert);
        return alert;
    }

    private void guard(Runnable r) {
        guard(() -> {
            r.run();
            return null;
        });
    }

    private void fail(TlsAlertException e) {
        if (failure != null) {
            return;
        }
        failure = e;
        pendingFrames.clear();
        if (listener != null) {
            listener.step((e.isReceived() ? "Fatal alert received: " : "Fatal alert sent: ") + e.alert().rfcName()
                    + (e.isReceived() ? "" : " (" + e.getMessage() + ")"));
        }
        if (!e.isReceived() && started) {
            // Records already sealed stay queued: the alert is protected under our current write keys, and
            // the peer can derive those only from the records before it (a ServerHello still waiting to be
            // wrapped, say). Handshake messages not yet cut into records are dropped.
            flight = null;
            queueAlert(ALERT_LEVEL_FATAL, e.alert());
        }
        inboundDone = true;
        outboundDone = true;
        wipe(readTrafficSecret);
        wipe(writeTrafficSecret);
    }
}
