package dev.customtls.spi.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A small, independent reader of captured TLS 1.3 byte streams, used to check what crossed the wire:
 * the plaintext hello messages (RFC 8446 section 4.1), HelloRetryRequest (section 4.1.4) and the
 * key_share extension (section 4.2.8). Test code only; it assumes well-formed input and throws
 * {@link AssertionError} otherwise.
 */
public final class TlsWire {

    /** ServerHello.random of a HelloRetryRequest (RFC 8446 section 4.1.3). */
    public static final byte[] HRR_RANDOM = HexFormat.of().parseHex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    public static final int CONTENT_CHANGE_CIPHER_SPEC = 20;
    public static final int CONTENT_ALERT = 21;
    public static final int CONTENT_HANDSHAKE = 22;
    public static final int CONTENT_APPLICATION_DATA = 23;

    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;

    private TlsWire() {
    }

    /** One TLSPlaintext/TLSCiphertext record. */
    public record Record(int type, int version, byte[] fragment) {
    }

    /** One handshake message (type and body). */
    public record HandshakeMessage(int type, byte[] body) {
    }

    /** What the tests need from a ServerHello or HelloRetryRequest. */
    public record ServerHello(boolean helloRetryRequest, int cipherSuite, int selectedVersion, int keyShareGroup) {
    }

    /** What the tests need from a ClientHello: the groups of its key shares. */
    public record ClientHello(List<Integer> keyShareGroups) {
    }

    /** The complete records at the start of {@code stream} (a trailing partial record is ignored). */
    public static List<Record> records(byte[] stream) {
        List<Record> out = new ArrayList<>();
        int pos = 0;
        while (pos + 5 <= stream.length) {
            int type = stream[pos] & 0xff;
            int version = ((stream[pos + 1] & 0xff) << 8) | (stream[pos + 2] & 0xff);
            int length = ((stream[pos + 3] & 0xff) << 8) | (stream[pos + 4] & 0xff);
            if (pos + 5 + length > stream.length) {
                break;
            }
            out.add(new Record(type, version, Arrays.copyOfRange(stream, pos + 5, pos + 5 + length)));
            pos += 5 + length;
        }
        return out;
    }

    /**
     * The handshake messages sent in plaintext: the fragments of handshake records before the first
     * encrypted record (change_cipher_spec records are skipped), reassembled.
     */
    public static List<HandshakeMessage> plaintextHandshake(byte[] stream) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Record r : records(stream)) {
            if (r.type() == CONTENT_APPLICATION_DATA || r.type() == CONTENT_ALERT) {
                break;
            }
            if (r.type() == CONTENT_HANDSHAKE) {
                joined.writeBytes(r.fragment());
            }
        }
        ByteBuffer b = ByteBuffer.wrap(joined.toByteArray());
        List<HandshakeMessage> out = new ArrayList<>();
        while (b.remaining() >= 4) {
            int type = b.get() & 0xff;
            int length = u24(b);
            if (length > b.remaining()) {
                break;
            }
            byte[] body = new byte[length];
            b.get(body);
            out.add(new HandshakeMessage(type, body));
        }
        return out;
    }

    /** Every ServerHello (including HelloRetryRequests) in a server-to-client stream, in order. */
    public static List<ServerHello> serverHellos(byte[] serverToClient) {
        List<ServerHello> out = new ArrayList<>();
        for (HandshakeMessage m : plaintextHandshake(serverToClient)) {
            if (m.type() == SERVER_HELLO) {
                out.add(parseServerHello(m.body()));
            }
        }
        return out;
    }

    /** Every ClientHello in a client-to-server stream, in order. */
    public static List<ClientHello> clientHellos(byte[] clientToServer) {
        List<ClientHello> out = new ArrayList<>();
        for (HandshakeMessage m : plaintextHandshake(clientToServer)) {
            if (m.type() == CLIENT_HELLO) {
                out.add(parseClientHello(m.body()));
            }
        }
        return out;
    }

    /** The last ServerHello that is not a HelloRetryRequest. */
    public static ServerHello finalServerHello(byte[] serverToClient) {
        List<ServerHello> all = serverHellos(serverToClient);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!all.get(i).helloRetryRequest()) {
                return all.get(i);
            }
        }
        throw new AssertionError("no ServerHello on the wire (" + all.size() + " HelloRetryRequests)");
    }

    private static ServerHello parseServerHello(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        b.getShort(); // legacy_version
        byte[] random = new byte[32];
        b.get(random);
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        skip(b, b.get() & 0xff); // legacy_session_id_echo
        int suite = b.getShort() & 0xffff;
        b.get(); // legacy_compression_method
        int version = 0;
        int group = -1;
        if (b.remaining() >= 2) {
            ByteBuffer exts = slice(b, b.getShort() & 0xffff);
            while (exts.remaining() >= 4) {
                int type = exts.getShort() & 0xffff;
                ByteBuffer data = slice(exts, exts.getShort() & 0xffff);
                if (type == EXT_SUPPORTED_VERSIONS) {
                    version = data.getShort() & 0xffff;
                } else if (type == EXT_KEY_SHARE) {
                    group = data.getShort() & 0xffff; // KeyShareServerHello or KeyShareHelloRetryRequest
                }
            }
        }
        return new ServerHello(hrr, suite, version, group);
    }

    private static ClientHello parseClientHello(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        b.getShort(); // legacy_version
        skip(b, 32); // random
        skip(b, b.get() & 0xff); // legacy_session_id
        skip(b, b.getShort() & 0xffff); // cipher_suites
        skip(b, b.get() & 0xff); // legacy_compression_methods
        List<Integer> groups = null;
        ByteBuffer exts = slice(b, b.getShort() & 0xffff);
        while (exts.remaining() >= 4) {
            int type = exts.getShort() & 0xffff;
            ByteBuffer data = slice(exts, exts.getShort() & 0xffff);
            if (type == EXT_KEY_SHARE) {
                groups = new ArrayList<>();
                ByteBuffer shares = slice(data, data.getShort() & 0xffff);
                while (shares.remaining() >= 4) {
                    groups.add(shares.getShort() & 0xffff);
                    skip(shares, shares.getShort() & 0xffff);
                }
            }
        }
        if (groups == null) {
            throw new AssertionError("ClientHello without key_share");
        }
        return new ClientHello(List.copyOf(groups));
    }

    private static int u24(ByteBuffer b) {
        return ((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff);
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private static ByteBuffer slice(ByteBuffer b, int n) {
        ByteBuffer s = b.slice();
        s.limit(n);
        skip(b, n);
        return s;
    }

    /**
     * Whether the server's first flight (plaintext records, server to client) resumed a session: in TLS 1.3
     * the ServerHello carries pre_shared_key (RFC 8446 section 4.2.11); in TLS 1.2 the handshake is abbreviated,
     * without a Certificate before ChangeCipherSpec (RFC 5246 section 7.3).
     */
    public static boolean serverResumed(byte[] fromServer) {
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (Record r : records(fromServer)) {
            if (r.type() != CONTENT_HANDSHAKE) {
                break;
            }
            joined.writeBytes(r.fragment());
        }
        ByteBuffer b = ByteBuffer.wrap(joined.toByteArray());
        byte[] serverHello = null;
        boolean certificate = false;
        while (b.remaining() >= 4) {
            int type = b.get() & 0xff;
            int length = ((b.get() & 0xff) << 16) | ((b.get() & 0xff) << 8) | (b.get() & 0xff);
            if (length > b.remaining()) {
                break;
            }
            byte[] body = new byte[length];
            b.get(body);
            if (type == 2) {
                serverHello = body;
            } else if (type == 11) {
                certificate = true;
            }
        }
        if (serverHello == null) {
            return false;
        }
        return hasExtension(serverHello, 41) || !certificate && !hasExtension(serverHello, 43);
    }

    /** Whether a ServerHello body has the extension {@code type} (43: supported_versions, i.e. TLS 1.3). */
    private static boolean hasExtension(byte[] serverHello, int type) {
        ByteBuffer b = ByteBuffer.wrap(serverHello);
        if (b.remaining() < 35) {
            return false;
        }
        b.position(34);
        int sid = b.get() & 0xff;
        if (b.remaining() < sid + 5) {
            return false;
        }
        b.position(b.position() + sid + 3);
        int end = Math.min(b.remaining(), b.getShort() & 0xffff) + b.position();
        while (b.position() + 4 <= end) {
            int t = b.getShort() & 0xffff;
            int len = b.getShort() & 0xffff;
            if (t == type) {
                return true;
            }
            b.position(Math.min(end, b.position() + len));
        }
        return false;
    }
}
