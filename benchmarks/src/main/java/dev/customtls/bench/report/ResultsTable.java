package dev.customtls.bench.report;

import dev.customtls.bench.harness.KnownGaps;
import dev.customtls.bench.harness.LoadedProvider;
import dev.customtls.bench.harness.ProviderKind;
import dev.customtls.bench.tls.InterleavedBulkBenchmark;
import dev.customtls.bench.tls.InterleavedHandshakeBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a JMH {@code -rf json} file into a Markdown table, printed and optionally written to a file:
 * per benchmark case (benchmark + parameters) and provider, the median score over all measurement
 * iterations, the spread (half the min-max range, relative to the median), the ratio to SunJSSE in the same
 * run, operations per CPU-second ({@link dev.customtls.bench.profile.CpuTimeProfiler}) and its ratio to
 * SunJSSE, and {@code gc.alloc.rate.norm}. A provider without a result for a case gets a
 * "not available: &lt;reason&gt;" row. The idle-connection memory benchmark, the interleaved benchmarks, the
 * crypto floor and the crypto primitives (both backends side by side) get their own tables.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.customtls.bench.report.ResultsTable a.json [b.json ...]
 * [--out table.md] [--command "..."] [--providers SunJSSE,BCJSSE,Conscrypt,Custom]}.
 */
public final class ResultsTable {

    private static final String MEMORY_BENCHMARK = "IdleConnectionMemoryBenchmark";
    private static final String INTERLEAVED_PREFIX = "Interleaved";
    private static final String INTERLEAVED_BULK = "InterleavedBulkBenchmark";
    private static final String CPU_METRIC = "cpu.ops.per.cpu.s";
    private static final String THREAD_CPU_METRIC = "cpu.ops.per.thread.cpu.s";
    private static final String GC_TIME_METRIC = "gc.time";
    private static final String ALLOC_METRIC = "gc.alloc.rate.norm";
    /** The parameter of {@code CryptoPrimitivesBenchmark}: which crypto backend a run measured. */
    private static final String BACKEND_PARAM = "backend";

    /** One JMH result: a benchmark case run by one provider. */
    record Run(String benchmark, String mode, Map<String, String> params, ProviderKind provider,
            double[] raw, String unit, Map<String, double[]> secondary, String settings, double measurementSeconds) {
    }

    private final List<Run> runs;
    private final List<ProviderKind> providers;
    private final Map<String, Object> first;

    ResultsTable(List<Object> json, List<ProviderKind> providers) {
        this.runs = new ArrayList<>();
        this.providers = providers;
        this.first = json.isEmpty() ? Map.of() : asMap(json.get(0));
        for (Object o : json) {
            runs.add(toRun(asMap(o)));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ResultsTable a.json [b.json ...] [--out table.md] [--command CMD] [--providers A,B]");
            System.exit(2);
        }
        List<Path> inputs = new ArrayList<>();
        Path out = null;
        String command = null;
        List<ProviderKind> providers = Arrays.asList(ProviderKind.values());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--command") && i + 1 < args.length) {
                command = args[++i];
            } else if (args[i].equals("--providers") && i + 1 < args.length) {
                providers = Arrays.stream(args[++i].split(",")).map(String::trim).map(ProviderKind::fromParam)
                        .collect(Collectors.toList());
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Paths.get(args[++i]);
            } else {
                inputs.add(Paths.get(args[i]));
            }
        }
        List<Object> json = new ArrayList<>();
        for (Path in : inputs) {
            json.addAll((List<?>) JsonReader.parse(Files.readString(in, StandardCharsets.UTF_8)));
        }
        String markdown = new ResultsTable(json, providers).render(command);
        System.out.println(markdown);
        if (out != null) {
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
        }
    }

    /** The whole report. */
    String render(String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(", JDK ").append(str(first.get("jdkVersion"))).append(" (").append(str(first.get("vmName")))
                .append(' ').append(str(first.get("vmVersion"))).append("), JMH ").append(str(first.get("jmhVersion")))
                .append(", ").append(machine()).append('\n');
        sb.append("Settings: ").append(settingsText()).append('\n');
        if (command != null) {
            sb.append("Command: `").append(command).append("`\n");
        }
        sb.append('\n');
        Map<String, List<Run>> cases = cases(false);
        if (!cases.isEmpty()) {
            sb.append("| Benchmark | Parameters | Provider | Median | Spread | vs SunJSSE | Ops per CPU-s | CPU vs SunJSSE "
                    + "| Ops per thread-CPU-s | thread-CPU vs SunJSSE | Alloc B/op | GC ms per 1k ops |\n");
            sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        }
        for (Map.Entry<String, List<Run>> e : cases.entrySet()) {
            renderCase(sb, e.getValue());
        }
        Map<String, List<Run>> memory = cases(true);
        if (!memory.isEmpty()) {
            sb.append("\nMemory retained per idle established connection (client + server engine pair; median):\n\n");
            sb.append("| Parameters | Provider | Java heap B/pair | vs SunJSSE | RSS B/pair (rough, incl. native) |\n");
            sb.append("|---|---|---:|---:|---:|\n");
            for (List<Run> group : memory.values()) {
                renderMemory(sb, group);
            }
        }
        List<Run> interleaved = runs.stream().filter(r -> r.benchmark.startsWith(INTERLEAVED_PREFIX))
                .collect(Collectors.toList());
        if (!interleaved.isEmpty()) {
            sb.append("\nInterleaved: the providers take turns in one JVM (slices of about 50 ms of the benchmark thread's ")
                    .append("CPU time), so every 2 s iteration measures all of them under the same machine conditions; ")
                    .append("operations (connections, record round trips) per thread-CPU-second (median of iterations) and the ratio to SunJSSE computed ")
                    .append("within each iteration (median, and lowest to highest), and to Conscrypt (median):\n\n");
            sb.append("| Benchmark | Parameters | Provider | Ops per thread-CPU-s | Spread | vs SunJSSE | range of iteration ratios | vs Conscrypt |\n");
            sb.append("|---|---|---|---:|---:|---:|---:|---:|\n");
            for (Run r : interleaved) {
                renderInterleaved(sb, r);
            }
        }
        List<Run> floor = runs.stream().filter(r -> r.provider == null && !r.benchmark.startsWith(INTERLEAVED_PREFIX)
                && !r.params.containsKey(BACKEND_PARAM)).collect(Collectors.toList());
        if (!floor.isEmpty()) {
            sb.append("\nCrypto floor: the public-key operations of one full handshake pair with the backends `Custom` uses ")
                    .append("(both key shares and agreements, one CertificateVerify signature and its verification), ")
                    .append("nothing else; the ceiling of the full-handshake rows above:\n\n");
            sb.append("| Benchmark | Parameters | Median | Spread | Ops per thread-CPU-s | Alloc B/op |\n");
            sb.append("|---|---|---:|---:|---:|---:|\n");
            for (Run r : floor) {
                sb.append("| ").append(r.benchmark).append(" | ").append(paramText(r.params)).append(" | ")
                        .append(num(median(r.raw))).append(' ').append(r.unit).append(" | ").append(spread(r.raw))
                        .append(" | ").append(num(median(r.secondary.get(THREAD_CPU_METRIC)))).append(" | ")
                        .append(num(median(r.secondary.get(ALLOC_METRIC)))).append(" |\n");
            }
        }
        List<Run> primitives = runs.stream().filter(r -> r.provider == null && r.params.containsKey(BACKEND_PARAM))
                .collect(Collectors.toList());
        if (!primitives.isEmpty()) {
            renderPrimitives(sb, primitives);
        }
        return sb.toString();
    }

    /**
     * The crypto primitives, one row per primitive with both backends side by side: time per operation
     * (median), the benchmark thread's CPU time per operation, which backend is faster by that and how much,
     * and the bytes each allocates per operation.
     */
    private static void renderPrimitives(StringBuilder sb, List<Run> primitives) {
        Map<String, Map<String, Run>> byPrimitive = new LinkedHashMap<>();
        for (Run r : primitives) {
            byPrimitive.computeIfAbsent(r.benchmark, k -> new LinkedHashMap<>()).put(r.params.get(BACKEND_PARAM), r);
        }
        sb.append("\nCrypto primitives in both backends (`jdk`: the JDK's JCA providers, `bc`: Bouncy Castle's ")
                .append("lightweight API, as `Custom` calls them); thread-CPU time per operation decides which is faster:\n\n");
        sb.append("| Primitive | jdk | bc | jdk thread-CPU us/op | bc thread-CPU us/op | faster | jdk alloc B/op | bc alloc B/op |\n");
        sb.append("|---|---:|---:|---:|---:|---|---:|---:|\n");
        for (Map.Entry<String, Map<String, Run>> e : byPrimitive.entrySet()) {
            Run jdk = e.getValue().get("jdk");
            Run bc = e.getValue().get("bc");
            double jdkCpu = cpuMicrosPerOp(jdk);
            double bcCpu = cpuMicrosPerOp(bc);
            String faster = "";
            if (jdkCpu > 0 && bcCpu > 0) {
                faster = jdkCpu <= bcCpu ? "jdk " + ratio(bcCpu / jdkCpu) : "bc " + ratio(jdkCpu / bcCpu);
            }
            sb.append("| ").append(e.getKey()).append(" | ").append(score(jdk)).append(" | ").append(score(bc))
                    .append(" | ").append(num(jdkCpu)).append(" | ").append(num(bcCpu)).append(" | ").append(faster)
                    .append(" | ").append(jdk == null ? "" : num(median(jdk.secondary.get(ALLOC_METRIC))))
                    .append(" | ").append(bc == null ? "" : num(median(bc.secondary.get(ALLOC_METRIC)))).append(" |\n");
        }
    }

    private static String score(Run r) {
        return r == null ? "no result" : num(median(r.raw)) + " " + r.unit;
    }

    /** Microseconds of the benchmark thread's CPU per operation, or NaN without the CPU-time profiler. */
    private static double cpuMicrosPerOp(Run r) {
        double opsPerCpuSecond = r == null ? Double.NaN : median(r.secondary.get(THREAD_CPU_METRIC));
        return opsPerCpuSecond > 0 ? 1e6 / opsPerCpuSecond : Double.NaN;
    }

    /**
     * The JMH settings, once when all results share them, else each with the benchmarks (class names) that
     * used it, e.g. when a profile warms handshakes up longer than bulk transfers.
     */
    private String settingsText() {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Run r : runs) {
            String name = r.benchmark.contains(".") ? r.benchmark.substring(0, r.benchmark.indexOf('.')) : r.benchmark;
            List<String> names = byName.computeIfAbsent(r.settings, k -> new ArrayList<>());
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (byName.size() <= 1) {
            return byName.isEmpty() ? "" : byName.keySet().iterator().next();
        }
        return byName.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }

    private Map<String, List<Run>> cases(boolean memory) {
        Map<String, List<Run>> cases = new LinkedHashMap<>();
        for (Run r : runs) {
            if (r.provider != null && r.benchmark.startsWith(MEMORY_BENCHMARK) == memory) {
                cases.computeIfAbsent(r.benchmark + "|" + paramText(r.params), k -> new ArrayList<>()).add(r);
            }
        }
        return cases;
    }

    private void renderCase(StringBuilder sb, List<Run> group) {
        Run any = group.get(0);
        Map<ProviderKind, Run> byProvider = byProvider(group);
        Run sun = byProvider.get(ProviderKind.SUNJSSE);
        double sunScore = sun == null ? Double.NaN : median(sun.raw);
        double sunCpu = sun == null ? Double.NaN : median(sun.secondary.get(CPU_METRIC));
        double sunThreadCpu = sun == null ? Double.NaN : median(sun.secondary.get(THREAD_CPU_METRIC));
        boolean higherIsBetter = any.mode.equals("thrpt");
        for (ProviderKind p : providers) {
            Run r = byProvider.get(p);
            sb.append("| ").append(any.benchmark).append(" | ").append(paramText(any.params)).append(" | ")
                    .append(p.paramName()).append(" | ");
            if (r == null) {
                sb.append("not available: ").append(reason(p, any)).append(" | | | | | | | | |\n");
                continue;
            }
            double score = median(r.raw);
            double cpu = median(r.secondary.get(CPU_METRIC));
            double threadCpu = median(r.secondary.get(THREAD_CPU_METRIC));
            sb.append(num(score)).append(' ').append(r.unit).append(" | ")
                    .append(spread(r.raw)).append(" | ")
                    .append(ratio(higherIsBetter ? score / sunScore : sunScore / score)).append(" | ")
                    .append(Double.isNaN(cpu) ? "" : num(cpu)).append(" | ")
                    .append(ratio(cpu / sunCpu)).append(" | ")
                    .append(Double.isNaN(threadCpu) ? "" : num(threadCpu)).append(" | ")
                    .append(ratio(threadCpu / sunThreadCpu)).append(" | ")
                    .append(num(median(r.secondary.get(ALLOC_METRIC)))).append(" | ")
                    .append(gcPerThousandOps(r)).append(" |\n");
        }
    }

    /**
     * Milliseconds of GC pause per 1,000 operations: JMH's {@code gc.time} (per iteration) over the
     * operations of the iteration (score x iteration time), for throughput results; the way users pay
     * for allocation.
     */
    private String gcPerThousandOps(Run r) {
        double[] gc = r.secondary.get(GC_TIME_METRIC);
        double seconds = r.measurementSeconds;
        if (gc == null || !r.mode.equals("thrpt") || Double.isNaN(seconds) || !r.unit.equals("ops/s")) {
            return "";
        }
        double ops = median(r.raw) * seconds;
        return ops > 0 ? num(1000 * median(gc) / ops) : "";
    }

    /** "2 s" to 2.0; NaN when not in seconds. */
    static double seconds(String jmhTime) {
        String t = jmhTime.trim();
        return t.endsWith(" s") ? Double.parseDouble(t.substring(0, t.length() - 2).trim()) : Double.NaN;
    }

    private void renderInterleaved(StringBuilder sb, Run r) {
        Map<String, String> shown = new LinkedHashMap<>(r.params);
        shown.remove("providers");
        double[] sun = interleavedRates(r, ProviderKind.SUNJSSE);
        double[] conscrypt = interleavedRates(r, ProviderKind.CONSCRYPT);
        for (ProviderKind p : providers) {
            double[] rates = interleavedRates(r, p);
            sb.append("| ").append(r.benchmark).append(" | ").append(paramText(shown)).append(" | ")
                    .append(p.paramName()).append(" | ");
            if (rates == null) {
                String reason = r.benchmark.startsWith(INTERLEAVED_BULK)
                        ? InterleavedBulkBenchmark.gap(p, r.params.getOrDefault("suite", InterleavedBulkBenchmark.DEFAULT_SUITE))
                        : InterleavedHandshakeBenchmark.gap(p, r.params.getOrDefault("handshake", ""));
                sb.append("not available: ").append(reason != null ? reason : "no connections (see the JMH log)")
                        .append(" | | | | |\n");
                continue;
            }
            double[] ratios = iterationRatios(rates, sun);
            double[] vsConscrypt = iterationRatios(rates, conscrypt);
            double[] measured = Arrays.stream(rates).filter(v -> !Double.isNaN(v)).toArray();
            sb.append(num(median(measured))).append(" | ").append(spread(measured)).append(" | ")
                    .append(ratios.length == 0 ? "" : ratio(median(ratios))).append(" | ")
                    .append(ratios.length == 0 ? "" : ratio(Arrays.stream(ratios).min().getAsDouble()) + " - "
                            + ratio(Arrays.stream(ratios).max().getAsDouble())).append(" | ")
                    .append(vsConscrypt.length == 0 ? "" : ratio(median(vsConscrypt)))
                    .append(" |\n");
        }
    }

    /** {@code rates[i] / base[i]} for the iterations where both were measured; empty without a base. */
    private static double[] iterationRatios(double[] rates, double[] base) {
        if (base == null) {
            return new double[0];
        }
        double[] ratios = new double[Math.min(rates.length, base.length)];
        int n = 0;
        for (int i = 0; i < ratios.length; i++) {
            if (!Double.isNaN(rates[i]) && !Double.isNaN(base[i])) {
                ratios[n++] = rates[i] / base[i];
            }
        }
        return Arrays.copyOf(ratios, n);
    }

    /** Per iteration, a provider's operations per thread-CPU-second in an interleaved run; null if it did none. */
    private static double[] interleavedRates(Run r, ProviderKind p) {
        String prefix = p.counterPrefix();
        double[] ops = r.secondary.get(prefix + "Ops");
        double[] nanos = r.secondary.get(prefix + "CpuNanos");
        if (ops == null || nanos == null || Arrays.stream(ops).sum() == 0) {
            return null;
        }
        double[] rates = new double[Math.min(ops.length, nanos.length)];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = ops[i] > 0 && nanos[i] > 0 ? ops[i] / (nanos[i] / 1e9) : Double.NaN;
        }
        return rates;
    }

    private void renderMemory(StringBuilder sb, List<Run> group) {
        Run any = group.get(0);
        Map<ProviderKind, Run> byProvider = byProvider(group);
        Run sun = byProvider.get(ProviderKind.SUNJSSE);
        double sunHeap = sun == null ? Double.NaN : median(sun.secondary.get("heapBytesPerPair"));
        for (ProviderKind p : providers) {
            Run r = byProvider.get(p);
            sb.append("| ").append(paramText(any.params)).append(" | ").append(p.paramName()).append(" | ");
            if (r == null) {
                sb.append("not available: ").append(reason(p, any)).append(" | | |\n");
                continue;
            }
            double heap = median(r.secondary.get("heapBytesPerPair"));
            sb.append(num(heap)).append(" | ").append(Double.isNaN(sunHeap) ? "" : num(heap / sunHeap) + "x")
                    .append(" | ").append(num(median(r.secondary.get("rssBytesPerPair")))).append(" |\n");
        }
    }

    private static Map<ProviderKind, Run> byProvider(List<Run> group) {
        Map<ProviderKind, Run> m = new EnumMap<>(ProviderKind.class);
        for (Run r : group) {
            m.put(r.provider, r);
        }
        return m;
    }

    /** Why a provider has no result for a case: a known gap, a provider that cannot load, or a failure. */
    private static String reason(ProviderKind p, Run sample) {
        String suite = sample.benchmark.startsWith("Tls13") ? sample.params.getOrDefault("suite", "TLS_AES_128_GCM_SHA256") : null;
        String known = sample.benchmark.startsWith(MEMORY_BENCHMARK)
                ? KnownGaps.idleConnectionsReason(p, Integer.parseInt(sample.params.getOrDefault("connections", "0")))
                : KnownGaps.reason(p, sample.params.getOrDefault("group", "x25519"), suite, sample.benchmark.contains("Resumed"));
        if (known != null) {
            return known;
        }
        String load = LoadedProvider.unavailableReason(p);
        if (load != null) {
            return load;
        }
        return "no result (the benchmark failed; see the JMH log)";
    }

    private static Run toRun(Map<String, Object> o) {
        String benchmark = str(o.get("benchmark"));
        String[] parts = benchmark.split("\\.");
        String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        Map<String, String> params = new LinkedHashMap<>();
        Object p = o.get("params");
        if (p != null) {
            for (Map.Entry<String, Object> e : asMap(p).entrySet()) {
                params.put(e.getKey(), str(e.getValue()));
            }
        }
        String providerParam = params.remove("provider");
        ProviderKind provider = providerParam == null ? null : ProviderKind.fromParam(providerParam);
        Map<String, Object> primary = asMap(o.get("primaryMetric"));
        Map<String, double[]> secondary = new LinkedHashMap<>();
        Object sec = o.get("secondaryMetrics");
        if (sec != null) {
            for (Map.Entry<String, Object> e : asMap(sec).entrySet()) {
                secondary.put(e.getKey(), raw(asMap(e.getValue())));
            }
        }
        String settings = str(o.get("forks")) + " fork(s), " + str(o.get("warmupIterations")) + " x "
                + str(o.get("warmupTime")) + " warm-up, " + str(o.get("measurementIterations")) + " x "
                + str(o.get("measurementTime")) + " measurement per fork";
        return new Run(shortName, str(o.get("mode")), params, provider, raw(primary), str(primary.get("scoreUnit")),
                secondary, settings, seconds(str(o.get("measurementTime"))));
    }

    /** All measurement iterations of all forks. */
    private static double[] raw(Map<String, Object> metric) {
        List<Double> values = new ArrayList<>();
        Object data = metric.get("rawData");
        if (data instanceof List) {
            for (Object fork : (List<?>) data) {
                for (Object v : (List<?>) fork) {
                    values.add(JsonReader.number(v));
                }
            }
        } else {
            values.add(JsonReader.number(metric.get("score")));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] values) {
        if (values == null || values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Half the min-max range relative to the median, e.g. "±3.1%". */
    static String spread(double[] values) {
        if (values.length < 2) {
            return "";
        }
        double min = Arrays.stream(values).min().getAsDouble();
        double max = Arrays.stream(values).max().getAsDouble();
        double m = median(values);
        return m == 0 ? "" : String.format(Locale.ROOT, "±%.1f%%", 50 * (max - min) / m);
    }

    private static String ratio(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "" : String.format(Locale.ROOT, "%.2fx", r);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String paramText(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    private static String str(Object o) {
        if (o instanceof Double) {
            double d = (Double) o;
            return d == Math.rint(d) ? Long.toString((long) d) : o.toString();
        }
        return String.valueOf(o);
    }
}
