package dev.customtls.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customtls.bench.harness.ProviderKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static String run(String benchmark, String provider, String extraParams, String raw, String cpuRaw) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.customtls.bench.tls." + benchmark + "\",\"mode\":\"thrpt\","
                + "\"forks\":1,\"jdkVersion\":\"17.0.15\",\"vmName\":\"VM\",\"vmVersion\":\"17\","
                + "\"warmupIterations\":3,\"warmupTime\":\"2 s\",\"measurementIterations\":3,\"measurementTime\":\"2 s\","
                + "\"params\":{\"provider\":\"" + provider + "\"" + extraParams + "},"
                + "\"primaryMetric\":{\"score\":1.0,\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\",\"rawData\":[" + raw + "]},"
                + "\"secondaryMetrics\":{\"cpu.ops.per.cpu.s\":{\"score\":1,\"scoreUnit\":\"ops/cpu-s\",\"rawData\":[" + cpuRaw + "]},"
                + "\"cpu.ops.per.thread.cpu.s\":{\"score\":1,\"scoreUnit\":\"ops/cpu-s\",\"rawData\":[" + cpuRaw.replace("0", "5") + "]},"
                + "\"gc.time\":{\"score\":1,\"scoreUnit\":\"ms\",\"rawData\":[[10.0,20.0,30.0]]},"
                + "\"gc.alloc.rate.norm\":{\"score\":1000.0,\"scoreUnit\":\"B/op\",\"rawData\":[[1000.0,1000.0,1000.0]]}}}";
    }

    @Test
    void rendersMediansRatiosAndNotAvailableRows() {
        String json = "[" + run("Tls13ResumedHandshakeBenchmark.connection", "SunJSSE", "", "[100.0,110.0,90.0]", "[200,200,200]")
                + "," + run("Tls13ResumedHandshakeBenchmark.connection", "Conscrypt", "", "[300.0,330.0,270.0]", "[800,800,800]")
                + "]";
        @SuppressWarnings("unchecked")
        List<Object> parsed = (List<Object>) JsonReader.parse(json);
        String md = new ResultsTable(parsed, Arrays.asList(ProviderKind.values())).render("cmd");
        assertTrue(md.contains("| SunJSSE | 100 ops/s | ±10.0% | 1.00x | 200 | 1.00x | 255 | 1.00x | 1,000 | 100 |"), md);
        assertTrue(md.contains("| Conscrypt | 300 ops/s | ±10.0% | 3.00x | 800 | 4.00x | 855 | 3.35x | 1,000 | 33.3 |"), md);
        assertTrue(md.contains("| BCJSSE | not available: BCJSSE 1.84 does not resume TLS 1.3 sessions |"), md);
        assertTrue(md.contains("| Custom | not available: "), md);
        assertTrue(md.contains("Command: `cmd`"), md);
    }

    @Test
    void namesEachSettingWithItsBenchmarksWhenTheyDiffer() {
        String bulk = run("Tls13BulkTransferBenchmark.recordRoundTrip", "SunJSSE", "", "[100.0,100.0,100.0]", "[200,200,200]")
                .replace("\"warmupIterations\":3", "\"warmupIterations\":5").replace("\"measurementTime\":\"2 s\"",
                        "\"measurementTime\":\"4 s\"");
        String json = "[" + run("Tls13ResumedHandshakeBenchmark.connection", "SunJSSE", "", "[100.0,110.0,90.0]", "[200,200,200]")
                + "," + bulk + "]";
        @SuppressWarnings("unchecked")
        List<Object> parsed = (List<Object>) JsonReader.parse(json);
        String md = new ResultsTable(parsed, List.of(ProviderKind.SUNJSSE)).render(null);
        assertTrue(md.contains("Settings: 1 fork(s), 3 x 2 s warm-up, 3 x 2 s measurement per fork "
                + "(Tls13ResumedHandshakeBenchmark); 1 fork(s), 5 x 2 s warm-up, 3 x 4 s measurement per fork "
                + "(Tls13BulkTransferBenchmark)\n"), md);
        // GC ms per 1k ops uses each result's own iteration time: 20 ms over 100 ops/s x 4 s
        assertTrue(md.contains("| Tls13BulkTransferBenchmark.recordRoundTrip |  | SunJSSE | 100 ops/s | ±0.0% | 1.00x | 200 | "
                + "1.00x | 255 | 1.00x | 1,000 | 50.0 |"), md);
    }

    private static String counter(String name, String values) {
        return "\"" + name + "\":{\"score\":1,\"scoreUnit\":\"#\",\"rawData\":[[" + values + "]]}";
    }

    @Test
    void interleavedRunsGetPerProviderRatesAndPerIterationRatios() {
        String json = "[{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.customtls.bench.tls.InterleavedHandshakeBenchmark.connection\","
                + "\"mode\":\"thrpt\",\"forks\":1,\"jdkVersion\":\"17\",\"vmName\":\"VM\",\"vmVersion\":\"17\","
                + "\"warmupIterations\":3,\"warmupTime\":\"2 s\",\"measurementIterations\":3,\"measurementTime\":\"2 s\","
                + "\"params\":{\"handshake\":\"tls13-resumed\",\"providers\":\"SunJSSE,BCJSSE,Custom\"},"
                + "\"primaryMetric\":{\"score\":1.0,\"scoreUnit\":\"ops/s\",\"rawData\":[[1.0,1.0,1.0]]},"
                + "\"secondaryMetrics\":{"
                // SunJSSE: 100, 50 (a slow iteration), 100 connections per CPU-second
                + counter("sunJsseOps", "100,50,100") + "," + counter("sunJsseCpuNanos", "1.0E9,1.0E9,1.0E9") + ","
                + counter("bcjsseOps", "0,0,0") + "," + counter("bcjsseCpuNanos", "0,0,0") + ","
                + counter("conscryptOps", "200,100,200") + "," + counter("conscryptCpuNanos", "1.0E9,1.0E9,1.0E9") + ","
                // Custom: 300, 150 (the same slow iteration), 250: ratios 3.0, 3.0, 2.5
                + counter("customOps", "300,150,250") + "," + counter("customCpuNanos", "1.0E9,1.0E9,1.0E9")
                + "}}]";
        @SuppressWarnings("unchecked")
        List<Object> parsed = (List<Object>) JsonReader.parse(json);
        String md = new ResultsTable(parsed, Arrays.asList(ProviderKind.values()))
                .render(null);
        assertTrue(md.contains("| InterleavedHandshakeBenchmark.connection | handshake=tls13-resumed | SunJSSE | 100 | ±25.0% | 1.00x | 1.00x - 1.00x | 0.50x |"), md);
        assertTrue(md.contains("| InterleavedHandshakeBenchmark.connection | handshake=tls13-resumed | Custom | 250 | ±30.0% | 3.00x | 2.50x - 3.00x | 1.50x |"), md);
        assertTrue(md.contains("| InterleavedHandshakeBenchmark.connection | handshake=tls13-resumed | BCJSSE | not available: BCJSSE 1.84 does not resume TLS 1.3 sessions |"), md);
        // not mistaken for the crypto floor (no provider parameter either)
        assertTrue(!md.contains("Crypto floor"), md);
    }

    private static String primitive(String method, String backend, String usPerOp, String opsPerThreadCpuSecond,
            String alloc) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.customtls.bench.crypto.CryptoPrimitivesBenchmark." + method + "\","
                + "\"mode\":\"avgt\",\"forks\":1,\"jdkVersion\":\"17\",\"vmName\":\"VM\",\"vmVersion\":\"17\","
                + "\"warmupIterations\":3,\"warmupTime\":\"2 s\",\"measurementIterations\":1,\"measurementTime\":\"2 s\","
                + "\"params\":{\"backend\":\"" + backend + "\"},"
                + "\"primaryMetric\":{\"score\":1.0,\"scoreUnit\":\"us/op\",\"rawData\":[[" + usPerOp + "]]},"
                + "\"secondaryMetrics\":{\"cpu.ops.per.thread.cpu.s\":{\"score\":1,\"scoreUnit\":\"ops/cpu-s\",\"rawData\":[["
                + opsPerThreadCpuSecond + "]]},"
                + "\"gc.alloc.rate.norm\":{\"score\":1,\"scoreUnit\":\"B/op\",\"rawData\":[[" + alloc + "]]}}}";
    }

    @Test
    void cryptoPrimitivesGetBothBackendsSideBySide() {
        String json = "[" + primitive("ecdsaP256Sign", "jdk", "700.0", "1250.0", "13000")
                + "," + primitive("ecdsaP256Sign", "bc", "80.0", "12500.0", "60000")
                + "," + primitive("aes128GcmSeal16k", "jdk", "10.0", "100000.0", "900")
                + "," + primitive("aes128GcmSeal16k", "bc", "400.0", "2000.0", "500")
                + "," + primitive("hkdfExpandLabel", "jdk", "3.0", "400000.0", "900") + "]";
        @SuppressWarnings("unchecked")
        List<Object> parsed = (List<Object>) JsonReader.parse(json);
        String md = new ResultsTable(parsed, Arrays.asList(ProviderKind.values())).render(null);
        assertTrue(md.contains("| CryptoPrimitivesBenchmark.ecdsaP256Sign | 700 us/op | 80.0 us/op | 800 | 80.0 | bc 10.00x | 13,000 | 60,000 |"), md);
        assertTrue(md.contains("| CryptoPrimitivesBenchmark.aes128GcmSeal16k | 10.0 us/op | 400 us/op | 10.0 | 500 | jdk 50.00x | 900 | 500 |"), md);
        // a backend without a result (its run failed) leaves its cells and the comparison empty
        assertTrue(md.contains("| CryptoPrimitivesBenchmark.hkdfExpandLabel | 3.00 us/op | no result | 2.50 |  |  | 900 |  |"), md);
        // not mistaken for the crypto floor, nor for provider rows: no empty provider table either
        assertTrue(!md.contains("Crypto floor"), md);
        assertTrue(!md.contains("| Provider |"), md);
    }

    @Test
    void statistics() {
        assertEquals(2.0, ResultsTable.median(new double[] {3, 1, 2}));
        assertEquals(2.5, ResultsTable.median(new double[] {4, 1, 2, 3}));
        assertEquals("±25.0%", ResultsTable.spread(new double[] {1.5, 2, 2.5}));
        assertEquals("1,235", ResultsTable.num(1234.5));
        assertEquals("12.3", ResultsTable.num(12.34));
        assertEquals("0.12", ResultsTable.num(0.123));
    }

    @Test
    void jsonReaderHandlesJmhValues() {
        assertEquals(Double.NaN, JsonReader.number(JsonReader.parse("\"NaN\"")));
        assertEquals(-1.5e3, JsonReader.number(JsonReader.parse("-1.5e3")));
        assertEquals("a\"b", JsonReader.parse("\"a\\\"b\""));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1] x"));
    }
}
