package dev.customtls.bench.harness;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads BCJSSE (bctls 1.84) with its own Bouncy Castle 1.84 ({@code bcprov}, {@code bcutil}) in an isolated
 * class loader, so that it does not see, or shadow, the Bouncy Castle 1.87 the provider module pins.
 *
 * <p>The jars are copied by {@code maven-dependency-plugin} to {@code benchmarks/target/peer-lib/}. The
 * directory is the system property {@code customtls.bench.peerLib} when set, else {@code peer-lib} next to
 * the benchmarks jar (or next to {@code target/classes} in tests). The loader's parent is the platform
 * class loader: only {@code java.*}/{@code javax.*} classes are shared with the benchmark code.
 */
public final class PeerClassLoader {

    /** System property naming the directory of the peer jars. */
    public static final String PEER_LIB_PROPERTY = "customtls.bench.peerLib";

    private PeerClassLoader() {
    }

    /** A new isolated loader over the jars of {@link #peerLibDirectory()}. */
    public static URLClassLoader create() {
        Path dir = peerLibDirectory();
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (p.getFileName().toString().endsWith(".jar")) {
                    urls.add(p.toUri().toURL());
                }
            }
        } catch (java.io.IOException e) {
            throw new ProviderUnavailableException("peer jars not found in " + dir
                    + " (build with mvn -pl benchmarks -am package, or set -D" + PEER_LIB_PROPERTY + ")", e);
        }
        if (urls.isEmpty()) {
            throw new ProviderUnavailableException("no peer jars in " + dir);
        }
        return new URLClassLoader("bcjsse-peer", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    /** The directory holding the bctls/bcprov/bcutil 1.84 jars. */
    public static Path peerLibDirectory() {
        String configured = System.getProperty(PEER_LIB_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            return Paths.get(configured);
        }
        try {
            URL location = PeerClassLoader.class.getProtectionDomain().getCodeSource().getLocation();
            Path self = Paths.get(location.toURI());
            // target/benchmarks.jar -> target/peer-lib ; target/classes -> target/peer-lib
            return self.toAbsolutePath().getParent().resolve("peer-lib");
        } catch (URISyntaxException | RuntimeException e) {
            return Paths.get("benchmarks" + File.separator + "target" + File.separator + "peer-lib");
        }
    }
}
