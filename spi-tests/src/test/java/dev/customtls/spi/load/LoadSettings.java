package dev.customtls.spi.load;

import dev.customtls.spi.support.Providers;
import dev.customtls.spi.support.TestCredentials;
import dev.customtls.pki.TestPki;

import java.lang.management.ManagementFactory;
import javax.net.ssl.SSLContext;

/**
 * The scale of the load tests and what they share. CI runs the short version (100 concurrent, 2,000
 * sequential); the {@code load} Maven profile sets {@code load.concurrent=1000} and
 * {@code load.sequential=100000}.
 */
final class LoadSettings {
    static final int CONCURRENT = Integer.getInteger("load.concurrent", 100);
    static final int SEQUENTIAL = Integer.getInteger("load.sequential", 2000);
    /** Bytes each client sends and expects echoed. */
    static final int MESSAGE = 1024;

    private LoadSettings() {
    }

    static SSLContext serverContext() {
        TestCredentials creds = TestCredentials.shared();
        return Providers.sslContext(Providers.CUSTOM, creds.serverKeyManagers(TestPki.KeyType.EC_P256), creds.trustManagers());
    }

    static SSLContext clientContext() {
        TestCredentials creds = TestCredentials.shared();
        return Providers.sslContext(Providers.CUSTOM, null, creds.trustManagers());
    }

    /** Heap in use after full collections (several, until the figure settles). */
    static long usedHeapAfterGc() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(100);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < 256 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    /** Live threads, after giving finished ones a moment to terminate. */
    static int liveThreads() throws InterruptedException {
        Thread.sleep(200);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static byte[] message(int seed) {
        byte[] b = new byte[MESSAGE];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
