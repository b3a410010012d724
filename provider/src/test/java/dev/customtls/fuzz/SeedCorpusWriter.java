package dev.customtls.fuzz;

import dev.customtls.core.message.CertificateEntry;
import dev.customtls.core.message.CertificateMessage;
import dev.customtls.pki.TestPki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Regenerates the captured-flight seeds of the fuzz corpora under {@code src/test/resources}. Not a test:
 * run {@code java -cp <test classpath> dev.customtls.fuzz.SeedCorpusWriter provider/src/test/resources}.
 * Genuine flights contain fresh randoms and key shares, so the files change on every run; the committed
 * ones are one capture.
 */
public final class SeedCorpusWriter {
    private SeedCorpusWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0], "dev", "customtls", "fuzz");
        List<byte[]> clientFlights = FuzzContexts.clientFirstFlights();
        write(root, "EngineFuzzTest", "serverReceivesClientFlight", "custom-client-hello", clientFlights.get(0));
        write(root, "EngineFuzzTest", "serverReceivesClientFlight", "sunjsse-client-hello", clientFlights.get(1));
        write(root, "EngineFuzzTest", "serverReceivesClientFlight", "sunjsse-tls12-client-hello",
                FuzzContexts.tls12ClientFirstFlight());
        write(root, "EngineFuzzTest", "clientReceivesServerFlight", "custom-tls12-server-flight",
                FuzzContexts.serverFirstFlight(true));
        byte[] serverFlight = FuzzContexts.serverFirstFlight();
        write(root, "EngineFuzzTest", "clientReceivesServerFlight", "custom-server-flight", serverFlight);
        int firstRecord = 5 + (((serverFlight[3] & 0xff) << 8) | (serverFlight[4] & 0xff));
        write(root, "EngineFuzzTest", "clientReceivesServerFlight", "custom-server-hello-record",
                Arrays.copyOf(serverFlight, firstRecord));
        for (int i = 0; i < clientFlights.size(); i++) {
            byte[] f = clientFlights.get(i);
            byte[] typeAndBody = new byte[f.length - 5 - 3];
            typeAndBody[0] = f[5];
            System.arraycopy(f, 9, typeAndBody, 1, f.length - 9);
            write(root, "HandshakeMessageFuzzTest", "decodeMessage", "client-hello-" + i, typeAndBody);
        }
        byte[] sh = Arrays.copyOfRange(serverFlight, 5, firstRecord);
        byte[] shTypeAndBody = new byte[sh.length - 3];
        shTypeAndBody[0] = sh[0];
        System.arraycopy(sh, 4, shTypeAndBody, 1, sh.length - 4);
        write(root, "HandshakeMessageFuzzTest", "decodeMessage", "server-hello", shTypeAndBody);
        for (TestPki.KeyType type : TestPki.KeyType.values()) {
            TestPki pki = TestPki.create("Seed CA " + type, type);
            TestPki.Credential c = pki.issue(type, "localhost");
            List<CertificateEntry> entries = new ArrayList<>();
            for (X509Certificate x : c.chain()) {
                entries.add(CertificateEntry.of(x.getEncoded()));
            }
            entries.add(CertificateEntry.of(pki.caCertificate().getEncoded()));
            byte[] m = new CertificateMessage(new byte[0], entries).encode();
            write(root, "CertificateChainFuzzTest", "decodeChain", "chain-" + type.name().toLowerCase(),
                    Arrays.copyOfRange(m, 4, m.length));
        }
    }

    private static void write(Path root, String testClass, String method, String name, byte[] bytes) throws IOException {
        Path dir = root.resolve(testClass + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
