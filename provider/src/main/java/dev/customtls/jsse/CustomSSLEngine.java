package dev.customtls.jsse;

import dev.customtls.core.session.ClientResumption;
import dev.customtls.core.session.ClientTicket;
import dev.customtls.core.session.TicketSink;

import dev.customtls.core.client.ClientHandshake;
import dev.customtls.core.connection.HandshakeDriver;
import dev.customtls.core.connection.TlsConfig;
import dev.customtls.core.connection.TlsConnection;
import dev.customtls.core.constants.ContentType;
import dev.customtls.core.error.TlsAlertException;
import dev.customtls.core.handshake.HandshakeListener;
import dev.customtls.core.server.ServerHandshake;
import dev.customtls.core.session.TlsSession;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * Our {@code SSLEngine}: a thin adapter from {@code ByteBuffer}s to the sans-IO {@link TlsConnection}.
 *
 * <p>{@code unwrap} consumes at most one record per call, {@code wrap} produces queued handshake records
 * (as many whole records as fit) or one application-data record. Slow handshake steps (key agreement,
 * signatures, certificate checks) run as delegated tasks. Calls are serialised on the engine, so
 * {@code wrap} and {@code unwrap} may come from different threads. Records pass through per-thread
 * scratch arrays, so an idle engine holds no record buffers.
 */
public final class CustomSSLEngine extends SSLEngine implements HandshakeObservable, EarlyDataEngine {
    private static final int SCRATCH = TlsConnection.MAX_RECORD_LENGTH + 64;
    /**
     * One record-sized array per thread: every {@code wrap} and {@code unwrap} fills it and empties it into the
     * caller's buffers before returning, so no engine state lives in it between calls.
     */
    private static final ThreadLocal<byte[]> SCRATCH_BUFFER = ThreadLocal.withInitial(() -> new byte[SCRATCH]);
    /**
     * Where a record that cannot be opened straight into the destination is opened: an array of its own, never
     * the one the record is in, because SunJCE's AES-GCM on newer JDKs decrypts within one array without its
     * fast intrinsic (half the speed at 16 KiB on Temurin 25).
     */
    private static final ThreadLocal<byte[]> OPENED_BUFFER = ThreadLocal.withInitial(() -> new byte[SCRATCH]);
    /** {@code SSLEngineResult} is immutable: the ones with nothing consumed or produced are made once. */
    private static final SSLEngineResult[][] NOTHING_DONE = nothingDone();

    private final CustomSSLContext context;
    private final CustomSSLContext.ContextState contextState;
    /** This engine's parameters; null while they are the context's defaults (most engines never change them). */
    private SSLParameters params;
    private boolean clientMode;
    private boolean clientModeSet;
    private boolean enableSessionCreation = true;
    private BiFunction<SSLEngine, List<String>, String> alpnSelector;
    private HandshakeListener listener;

    private TlsConnection conn;
    private CustomSSLSession session;
    private boolean closedBeforeStart;
    private boolean taskOutstanding;
    private SSLException taskFailure;
    /** Records this engine's first handshake (JFR, security log) until it ends; null once it has. */
    private HandshakeRecorder recorder;
    private boolean sessionCached;

    // 0-RTT (EarlyDataEngine) and resumption state of this engine.
    private byte[] earlyDataToSend;
    private boolean resendRejectedEarlyData = true;
    private int maxEarlyDataSize;
    private ClientResumption clientResumption;
    /** 0-RTT data received and not yet read; null until some arrives. */
    private java.io.ByteArrayOutputStream earlyDataReceived;

    CustomSSLEngine(CustomSSLContext context, String host, int port) {
        super(host, port);
        this.context = context;
        this.contextState = context.state();
    }

    /** This engine's own parameters, copied from the context's defaults the first time they are needed. */
    private SSLParameters params() {
        if (params == null) {
            params = context.contextDefaultParameters(clientMode);
        }
        return params;
    }

    /** Installs a listener that sees the handshake as it happens (the demo uses it). */
    @Override
    public synchronized void setHandshakeListener(HandshakeListener listener) {
        this.listener = listener;
        if (conn != null) {
            conn.setListener(listener);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Starting

    private void ensureStarted() throws SSLException {
        if (conn != null || closedBeforeStart) {
            return;
        }
        if (!clientModeSet) {
            throw new IllegalStateException("Client/Server mode has not yet been set.");
        }
        TlsSession core = new TlsSession(getPeerHost(), getPeerPort());
        TlsConfig config = buildConfig();
        conn = new TlsConnection(config, contextState.crypto(), core);
        if (enableSessionCreation) {
            conn.setTls12SessionStore(context.tls12Store()); // TLS 1.2 resumption (session ids and tickets)
        }
        // The SNI matchers and ALPN protocols as they are now: later changes to the parameters do not reach this
        // handshake.
        EngineCallbacks callbacks = new EngineCallbacks(this, contextState.keyManager(), contextState.trustManager(),
                config.applicationProtocols(), params == null ? null : params().getSNIMatchers(), alpnSelector,
                context.certificateCache(), clientMode ? null : contextState.stapling(), context.acceptedIssuerNames(),
                clientMode && contextState.settings().clientCertificateAuthorities());
        HandshakeDriver driver;
        if (clientMode) {
            ClientHandshake client = new ClientHandshake(conn, callbacks);
            clientResumption = clientResumption(conn.config());
            client.setResumption(clientResumption);
            driver = client;
        } else {
            ServerHandshake server = new ServerHandshake(conn, callbacks);
            if (enableSessionCreation) {
                server.setTicketPolicy(context.sessionContext(false).ticketPolicy(contextState.crypto(), maxEarlyDataSize));
            }
            driver = server;
        }
        conn.setDriver(driver);
        DebugLog debug = contextState.debugLog();
        conn.setListener(listener != null || debug == null ? listener
                : debug.listener(clientMode, getPeerHost() == null ? null : getPeerHost() + ":" + getPeerPort()));
        session = new CustomSSLSession(core, context.sessionContext(clientMode));
        int maxPacket = params == null ? 0 : params().getMaximumPacketSize();
        if (maxPacket > 0) {
            // Header, inner content type and AEAD tag come on top of the fragment.
            conn.setMaxFragment(maxPacket - 5 - 1 - 16);
        }
        recorder = HandshakeRecorder.begin();
        try {
            conn.beginHandshake();
        } catch (TlsAlertException e) {
            throw failure(e);
        }
    }

    /** The exception for a failure of the connection; a handshake under way is recorded as failed with it. */
    private SSLException failure(TlsAlertException e) {
        SSLException x = SslExceptions.toSslException(e);
        HandshakeRecorder r = takeRecorder();
        if (r != null) {
            r.failed(session.core(), clientMode, x.getMessage());
        }
        return x;
    }

    /** The recorder of the handshake under way, or null; it records one outcome, so it is handed out once. */
    private HandshakeRecorder takeRecorder() {
        HandshakeRecorder r = recorder;
        recorder = null;
        return r;
    }

    /**
     * Client resumption (RFC 8446 section 2.2): only an engine created with the peer's host and port
     * offers and stores tickets, keyed by host:port in the client session context.
     */
    private ClientResumption clientResumption(TlsConfig config) {
        String host = getPeerHost();
        int port = getPeerPort();
        ClientTicket offer = null;
        TicketSink sink = null;
        if (host != null && port > 0 && enableSessionCreation) {
            String hostPort = host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
            String eia = params == null ? null : params().getEndpointIdentificationAlgorithm();
            CustomSessionContext sessions = context.sessionContext(true);
            offer = sessions.takeTicket(hostPort, config.cipherSuites(),
                    config.serverNames().isEmpty() ? "" : config.serverNames().get(0), eia, System.currentTimeMillis());
            sink = t -> sessions.addTicket(hostPort, eia, t);
        }
        ClientResumption r = new ClientResumption(offer, sink, false);
        r.setEarlyData(earlyDataToSend);
        r.setResendRejectedEarlyData(resendRejectedEarlyData);
        return r;
    }

    // ---------------------------------------------------------------------------------------------
    // EarlyDataEngine

    @Override
    public synchronized void setEarlyData(ByteBuffer data) {
        if (conn != null || (clientModeSet && !clientMode)) {
            throw new IllegalStateException("Early data is set on a client engine before the handshake starts");
        }
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        earlyDataToSend = copy;
    }

    @Override
    public synchronized void setResendRejectedEarlyData(boolean resend) {
        resendRejectedEarlyData = resend;
        if (clientResumption != null) {
            clientResumption.setResendRejectedEarlyData(resend);
        }
    }

    @Override
    public synchronized void setEarlyDataEnabled(int max) {
        if (conn != null) {
            throw new IllegalStateException("Early data is enabled before the handshake starts");
        }
        maxEarlyDataSize = Math.max(0, max);
    }

    @Override
    public synchronized EarlyDataStatus earlyDataStatus() {
        dev.customtls.core.session.EarlyDataStatus s;
        if (conn == null) {
            return EarlyDataStatus.NOT_ATTEMPTED;
        }
        s = clientMode ? clientResumption.earlyDataStatus() : conn.earlyDataStatus();
        return EarlyDataStatus.valueOf(s.name());
    }

    @Override
    public synchronized ByteBuffer readEarlyData() {
        if (earlyDataReceived == null) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer out = ByteBuffer.wrap(earlyDataReceived.toByteArray());
        earlyDataReceived.reset();
        return out;
    }

    private TlsConfig buildConfig() {
        SSLParameters p = params;
        if (p == null) {
            return contextState.defaults().config(clientMode, clientMode ? serverNames(null) : List.of());
        }
        return EngineConfigs.of(clientMode, p, contextState.settings(), clientMode ? serverNames(p.getServerNames()) : List.of());
    }

    /** SNI: the names set in SSLParameters ({@code names}), else the peer host when it is a fully qualified name. */
    private List<String> serverNames(List<SNIServerName> names) {
        if (names == null) {
            SNIHostName derived = derivedServerName();
            return derived == null ? List.of() : List.of(derived.getAsciiName());
        }
        List<String> out = new ArrayList<>();
        for (SNIServerName n : names) {
            if (n instanceof SNIHostName) {
                out.add(((SNIHostName) n).getAsciiName());
            }
        }
        return out;
    }

    /** The SNI name of the peer host when it is a fully qualified name (as SunJSSE), else null. */
    private SNIHostName derivedServerName() {
        String host = getPeerHost();
        if (host != null && host.indexOf('.') > 0 && !host.endsWith(".") && !isIpLiteral(host)) {
            try {
                return new SNIHostName(host);
            } catch (IllegalArgumentException e) {
                // Not a valid host name: no SNI, as SunJSSE.
            }
        }
        return null;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    @Override
    public synchronized void beginHandshake() throws SSLException {
        if (conn == null) {
            ensureStarted();
            return;
        }
        if (conn.failure() != null || conn.isOutboundDone()) {
            throw new SSLException("Cannot begin a handshake on a closed engine");
        }
        if (conn.isHandshakeComplete()) {
            // TLS 1.3 has no renegotiation; as SunJSSE does, a new "handshake" is a KeyUpdate.
            try {
                conn.sendKeyUpdate(true);
            } catch (TlsAlertException e) {
                throw failure(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // wrap

    // SSLEngine's single-buffer wrap and unwrap put their buffer in a new array on every call. Ours pass it
    // on as "one" (with no array: offset 0, length 1), which allocates nothing and stores no reference into
    // a long-lived object (a store G1 pays for with a memory fence).

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return doWrap(src, null, 0, 1, dst);
    }

    @Override
    public synchronized SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        return doUnwrap(src, dst, null, 0, 1);
    }

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return doWrap(null, srcs, offset, length, dst);
    }

    /** {@code srcs[offset, offset+length)}, or {@code one} alone when it is not null. */
    private SSLEngineResult doWrap(ByteBuffer one, ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
            throws SSLException {
        checkBuffers(one, srcs, offset, length, dst);
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (closedBeforeStart) {
            return result(Status.CLOSED, 0, 0);
        }
        ensureStarted();
        rethrowTaskFailure();
        if (conn.hasOutbound()) {
            return wrapQueued(dst);
        }
        if (!conn.canWriteApplicationData()) {
            // nothing queued: closed once close_notify has gone or the connection failed, else still handshaking
            return result(conn.isOutboundDone() || conn.failure() != null ? Status.CLOSED : Status.OK, 0, 0);
        }
        long available = remaining(one, srcs, offset, length);
        if (available == 0) {
            return result(Status.OK, 0, 0);
        }
        int n = (int) Math.min(available, conn.maxFragment());
        int sealedLength = conn.sealedLength(n);
        if (dst.remaining() < sealedLength) {
            return result(Status.BUFFER_OVERFLOW, 0, 0);
        }
        // The plaintext is gathered where the record's ciphertext goes and sealed in place. With a heap
        // buffer (hasArray: writable) that place is dst's own array, so the plaintext is copied once and the
        // record never; otherwise it is the scratch array, copied into dst afterwards.
        boolean intoDst = dst.hasArray() && !sharesArray(one, srcs, offset, length, dst);
        byte[] out = intoDst ? dst.array() : SCRATCH_BUFFER.get();
        int base = intoDst ? dst.arrayOffset() + dst.position() : 0;
        int at = base + conn.applicationDataOffset();
        gather(one, srcs, offset, length, out, at, n);
        int produced;
        try {
            produced = conn.sealApplicationData(out, at, n, out, base);
        } catch (TlsAlertException e) {
            if (intoDst) {
                Arrays.fill(out, base, base + sealedLength, (byte) 0); // no plaintext left behind
            }
            throw failure(e);
        }
        if (intoDst) {
            dst.position(dst.position() + produced);
        } else {
            dst.put(out, 0, produced);
        }
        return result(Status.OK, n, produced);
    }

    private SSLEngineResult wrapQueued(ByteBuffer dst) {
        if (dst.remaining() < conn.nextOutboundLength()) {
            return result(Status.BUFFER_OVERFLOW, 0, 0);
        }
        byte[] out = SCRATCH_BUFFER.get();
        int produced = 0;
        while (conn.hasOutbound() && conn.nextOutboundLength() <= dst.remaining()) {
            int n = conn.drainOutbound(out, 0, Math.min(out.length, dst.remaining()));
            if (n == 0) {
                break;
            }
            dst.put(out, 0, n);
            produced += n;
        }
        Status status = conn.isOutboundDone() && !conn.hasOutbound() ? Status.CLOSED : Status.OK;
        return result(status, 0, produced);
    }

    // ---------------------------------------------------------------------------------------------
    // unwrap

    @Override
    public synchronized SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        return doUnwrap(src, null, dsts, offset, length);
    }

    /** Into {@code dsts[offset, offset+length)}, or into {@code one} alone when it is not null. */
    private SSLEngineResult doUnwrap(ByteBuffer src, ByteBuffer one, ByteBuffer[] dsts, int offset, int length)
            throws SSLException {
        checkBuffers(one, dsts, offset, length, src);
        for (int i = offset; i < offset + length; i++) {
            if (buffer(one, dsts, i).isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
        if (closedBeforeStart) {
            return result(Status.CLOSED, 0, 0);
        }
        ensureStarted();
        rethrowTaskFailure();
        if (conn.isInboundDone() || conn.failure() != null) {
            return result(Status.CLOSED, 0, 0);
        }
        if (conn.hasDelegatedWork()) {
            return result(Status.OK, 0, 0);
        }
        int available = src.remaining();
        if (available < 5) {
            return result(Status.BUFFER_UNDERFLOW, 0, 0);
        }
        // The record is read from a heap source's own array (never written), from any other source through the
        // scratch array.
        int pos = src.position();
        boolean inPlace = src.hasArray();
        byte[] in = inPlace ? src.array() : SCRATCH_BUFFER.get();
        int at = inPlace ? src.arrayOffset() + pos : 0;
        if (!inPlace) {
            src.get(pos, in, 0, 5);
        }
        int recordLength;
        try {
            recordLength = conn.recordLength(in, at, 5);
        } catch (TlsAlertException e) {
            throw failure(e);
        }
        if (available < recordLength) {
            return result(Status.BUFFER_UNDERFLOW, 0, 0);
        }
        boolean applicationData = in[at] == ContentType.APPLICATION_DATA && conn.isHandshakeComplete();
        if (applicationData && remaining(one, dsts, offset, length) < conn.maxPlaintextLength(recordLength)) {
            return result(Status.BUFFER_OVERFLOW, 0, 0);
        }
        // Application data is opened straight into a lone heap destination with room for the whole opened
        // record; everything else into the second scratch array, then scattered.
        int room = applicationData ? conn.openedLength(recordLength) : -1;
        ByteBuffer target = applicationData ? openTarget(one, dsts, offset, length, src, room) : null;
        if (inPlace) {
            src.position(pos + recordLength);
        } else {
            src.get(in, 0, recordLength);
        }
        byte[] data = target != null ? target.array() : OPENED_BUFFER.get();
        int base = target != null ? target.arrayOffset() + target.position() : 0;
        int n;
        try {
            n = conn.readRecord(in, at, recordLength, data, base);
        } catch (TlsAlertException e) {
            if (target != null) {
                Arrays.fill(data, base, base + room, (byte) 0);
            }
            throw failure(e);
        }
        if (target != null && n == 0) {
            // a post-handshake message or an alert was opened there: it is not the application's to see
            Arrays.fill(data, base, base + room, (byte) 0);
        }
        if (n > 0 && conn.lastRecordWasEarlyData()) {
            // 0-RTT data is kept apart from 1-RTT data: readEarlyData() returns it.
            if (earlyDataReceived == null) {
                earlyDataReceived = new java.io.ByteArrayOutputStream();
            }
            earlyDataReceived.write(data, conn.lastAppDataOffset(), n);
            n = 0;
        } else if (n > 0 && target != null) {
            target.position(target.position() + n);
        } else if (n > 0) {
            scatter(data, conn.lastAppDataOffset(), n, one, dsts, offset, length);
        }
        Status status = conn.isInboundDone() ? Status.CLOSED : Status.OK;
        return result(status, recordLength, n);
    }

    // ---------------------------------------------------------------------------------------------
    // Tasks and status

    @Override
    public synchronized Runnable getDelegatedTask() {
        if (conn == null || taskOutstanding || !conn.hasDelegatedWork()) {
            return null;
        }
        taskOutstanding = true;
        return this::runDelegatedTask;
    }

    private synchronized void runDelegatedTask() {
        taskOutstanding = false;
        try {
            conn.runDelegatedWork();
        } catch (TlsAlertException e) {
            taskFailure = failure(e);
        }
    }

    private void rethrowTaskFailure() throws SSLException {
        SSLException e = taskFailure;
        if (e != null) {
            taskFailure = null;
            throw e;
        }
    }

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        return conn == null ? HandshakeStatus.NOT_HANDSHAKING : map(conn.status());
    }

    private static HandshakeStatus map(TlsConnection.Status s) {
        switch (s) {
            case NEED_WRAP: return HandshakeStatus.NEED_WRAP;
            case NEED_UNWRAP: return HandshakeStatus.NEED_UNWRAP;
            case NEED_TASK: return HandshakeStatus.NEED_TASK;
            default: return HandshakeStatus.NOT_HANDSHAKING;
        }
    }

    private SSLEngineResult result(Status status, int consumed, int produced) {
        HandshakeStatus hs;
        if (conn == null || conn.isSettled()) {
            hs = HandshakeStatus.NOT_HANDSHAKING;
        } else if (conn.takeFinishedEvent()) {
            hs = HandshakeStatus.FINISHED;
            HandshakeRecorder r = takeRecorder();
            if (r != null) {
                r.completed(session.core(), clientMode);
            }
            if (!sessionCached && enableSessionCreation) {
                sessionCached = true;
                context.sessionContext(clientMode).add(session);
            }
        } else {
            hs = map(conn.status());
        }
        if (consumed == 0 && produced == 0) {
            return NOTHING_DONE[status.ordinal()][hs.ordinal()];
        }
        return recentResult(status, hs, consumed, produced);
    }

    /**
     * The two most recent results that did something (under the engine's lock). Results are immutable, and a
     * connection moving records of one size returns the same figures call after call (one wrap result, one
     * unwrap result), so those calls hand back the same object instead of allocating one per record.
     */
    private SSLEngineResult recent0;
    private SSLEngineResult recent1;

    private SSLEngineResult recentResult(Status status, HandshakeStatus hs, int consumed, int produced) {
        if (same(recent0, status, hs, consumed, produced)) {
            return recent0;
        }
        if (same(recent1, status, hs, consumed, produced)) {
            return recent1;
        }
        SSLEngineResult r = new SSLEngineResult(status, hs, consumed, produced);
        recent1 = recent0;
        recent0 = r;
        return r;
    }

    private static boolean same(SSLEngineResult r, Status status, HandshakeStatus hs, int consumed, int produced) {
        return r != null && r.getStatus() == status && r.getHandshakeStatus() == hs
                && r.bytesConsumed() == consumed && r.bytesProduced() == produced;
    }

    /** The results that consumed and produced nothing, by status and handshake status (immutable, shared). */
    private static SSLEngineResult[][] nothingDone() {
        Status[] statuses = Status.values();
        HandshakeStatus[] handshakeStatuses = HandshakeStatus.values();
        SSLEngineResult[][] out = new SSLEngineResult[statuses.length][handshakeStatuses.length];
        for (Status s : statuses) {
            for (HandshakeStatus h : handshakeStatuses) {
                out[s.ordinal()][h.ordinal()] = new SSLEngineResult(s, h, 0, 0);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Closing

    @Override
    public synchronized void closeInbound() throws SSLException {
        if (conn == null) {
            closedBeforeStart = true;
            return;
        }
        try {
            conn.closeInbound();
        } catch (TlsAlertException e) {
            throw failure(e);
        }
        abandonHandshake("inbound closed before the handshake completed");
    }

    /** A handshake the application closed before it completed is recorded as failed. */
    private void abandonHandshake(String reason) {
        HandshakeRecorder r = conn.isHandshakeComplete() ? null : takeRecorder();
        if (r != null) {
            r.failed(session.core(), clientMode, reason);
        }
    }

    @Override
    public synchronized boolean isInboundDone() {
        return conn == null ? closedBeforeStart : conn.isInboundDone();
    }

    @Override
    public synchronized void closeOutbound() {
        if (conn == null) {
            closedBeforeStart = true;
            return;
        }
        conn.closeOutbound();
        abandonHandshake("outbound closed before the handshake completed");
    }

    @Override
    public synchronized boolean isOutboundDone() {
        return conn == null ? closedBeforeStart : conn.isOutboundDone();
    }

    // ---------------------------------------------------------------------------------------------
    // Sessions

    @Override
    public synchronized SSLSession getSession() {
        if (conn != null && conn.isHandshakeComplete() && conn.failure() == null) {
            return session;
        }
        return CustomSSLSession.nullSession();
    }

    @Override
    public synchronized SSLSession getHandshakeSession() {
        if (conn != null && !conn.isHandshakeComplete() && conn.failure() == null) {
            return session;
        }
        return null;
    }

    @Override
    public synchronized String getApplicationProtocol() {
        if (conn == null || !conn.isHandshakeComplete()) {
            return null;
        }
        String p = session.core().applicationProtocol();
        return p == null ? "" : p;
    }

    @Override
    public synchronized String getHandshakeApplicationProtocol() {
        if (conn == null || conn.isHandshakeComplete()) {
            return null;
        }
        return session.core().applicationProtocol();
    }

    @Override
    public synchronized void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        this.alpnSelector = selector;
    }

    @Override
    public synchronized BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return alpnSelector;
    }

    // ---------------------------------------------------------------------------------------------
    // Configuration

    @Override
    public String[] getSupportedCipherSuites() {
        return context.supportedCipherSuites();
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return params().getCipherSuites().clone();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        SslParametersSupport.suites(suites);
        params().setCipherSuites(suites.clone());
    }

    @Override
    public String[] getSupportedProtocols() {
        return CustomSSLContext.SUPPORTED_PROTOCOLS.clone();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return params().getProtocols().clone();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        SslParametersSupport.protocols(protocols);
        params().setProtocols(protocols.clone());
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        if (conn != null) {
            throw new IllegalArgumentException("Cannot change mode after the handshake has started");
        }
        if (params != null && mode != clientMode) {
            // As SunJSSE: protocols and suites still at the old role's defaults take the new role's
            // (jdk.tls.client/server.protocols and .cipherSuites may differ).
            SSLParameters from = context.contextDefaultParameters(clientMode);
            SSLParameters to = context.contextDefaultParameters(mode);
            if (java.util.Arrays.equals(params.getProtocols(), from.getProtocols())) {
                params.setProtocols(to.getProtocols());
            }
            if (java.util.Arrays.equals(params.getCipherSuites(), from.getCipherSuites())) {
                params.setCipherSuites(to.getCipherSuites());
            }
        }
        clientMode = mode;
        clientModeSet = true;
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        params().setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return params().getNeedClientAuth();
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        params().setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return params().getWantClientAuth();
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        enableSessionCreation = flag;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return enableSessionCreation;
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        // Trust managers call this during the handshake: an engine on the defaults gets a fresh default set,
        // without first taking a copy of its own.
        SSLParameters p = params == null ? context.contextDefaultParameters(clientMode) : SslParametersSupport.copy(params);
        if (clientMode && p.getServerNames() == null) {
            // As SunJSSE: the SNI name a client derives from its peer host is part of its parameters.
            SNIHostName derived = derivedServerName();
            if (derived != null) {
                p.setServerNames(List.of(derived));
            }
        }
        return p;
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters p) {
        String[] suites = p.getCipherSuites();
        if (suites != null) {
            SslParametersSupport.suites(suites);
        }
        String[] protocols = p.getProtocols();
        if (protocols != null) {
            SslParametersSupport.protocols(protocols);
        }
        if (params == null && suites != null && protocols != null) {
            // copyInto replaces every default but those a new SSLParameters shares (no server names, matchers,
            // groups or schemes): no need to build the defaults first.
            params = new SSLParameters();
        }
        SslParametersSupport.copyInto(p, params());
    }

    // ---------------------------------------------------------------------------------------------
    // Buffers

    /** Buffer {@code i} of a call's buffers: {@code one} when it is not null (then {@code i} is 0), else {@code bufs[i]}. */
    private static ByteBuffer buffer(ByteBuffer one, ByteBuffer[] bufs, int i) {
        return one != null ? one : bufs[i];
    }

    private static void checkBuffers(ByteBuffer one, ByteBuffer[] bufs, int offset, int length, ByteBuffer other) {
        if (other == null || (one == null && bufs == null)) {
            throw new IllegalArgumentException("buffers must not be null");
        }
        if (one != null) {
            return;
        }
        if (offset < 0 || length < 0 || offset > bufs.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + bufs.length);
        }
        for (int i = offset; i < offset + length; i++) {
            if (bufs[i] == null) {
                throw new IllegalArgumentException("buffer " + i + " is null");
            }
        }
    }

    private static long remaining(ByteBuffer one, ByteBuffer[] bufs, int offset, int length) {
        if (one != null) {
            return one.remaining();
        }
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += bufs[i].remaining();
        }
        return n;
    }

    /**
     * The destination a protected record needing {@code room} bytes when opened can be opened straight into:
     * the only one of the destinations with room left, a heap buffer with {@code room} bytes and not backed by
     * {@code src}'s array; else null.
     */
    private static ByteBuffer openTarget(ByteBuffer one, ByteBuffer[] dsts, int offset, int length, ByteBuffer src,
            int room) {
        ByteBuffer target = one;
        if (one == null) {
            for (int i = offset; i < offset + length; i++) {
                if (dsts[i].hasRemaining()) {
                    if (target != null) {
                        return null;
                    }
                    target = dsts[i];
                }
            }
        }
        if (target == null || !target.hasArray() || target.remaining() < room
                || (src.hasArray() && src.array() == target.array())) {
            return null;
        }
        return target;
    }

    /** Whether one of the buffers is backed by the same array as {@code other} (then nothing is done in place). */
    private static boolean sharesArray(ByteBuffer one, ByteBuffer[] buffers, int offset, int length, ByteBuffer other) {
        byte[] array = other.array();
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer b = buffer(one, buffers, i);
            if (b.hasArray() && b.array() == array) {
                return true;
            }
        }
        return false;
    }

    private static void gather(ByteBuffer one, ByteBuffer[] srcs, int offset, int length, byte[] into, int intoOff,
            int n) {
        int pos = 0;
        for (int i = offset; i < offset + length && pos < n; i++) {
            ByteBuffer b = buffer(one, srcs, i);
            int k = Math.min(b.remaining(), n - pos);
            b.get(into, intoOff + pos, k);
            pos += k;
        }
    }

    private static void scatter(byte[] from, int off, int n, ByteBuffer one, ByteBuffer[] dsts, int offset,
            int length) {
        int pos = 0;
        for (int i = offset; i < offset + length && pos < n; i++) {
            ByteBuffer b = buffer(one, dsts, i);
            int k = Math.min(b.remaining(), n - pos);
            b.put(from, off + pos, k);
            pos += k;
        }
    }

    @Override
    public String toString() {
        return "CustomSSLEngine[" + (clientMode ? "client" : "server") + ", peer=" + getPeerHost() + ":" + getPeerPort() + "]";
    }
}
