#!/usr/bin/env bash
# Runs the TLS provider comparison (JMH) and prints/writes the Markdown results table.
# Usage: benchmarks/run.sh quick|full|smoke (normally through run-quick.sh / run-full.sh; smoke: a
#        one-minute check of the whole pipeline, one short iteration per case, numbers meaningless)
# Environment:
#   JAVA_HOME        JDK to build and run with (e.g. /usr/lib/jvm/temurin-25-jdk-amd64); default: java on PATH
#   SKIP_BUILD=1     reuse benchmarks/target/benchmarks.jar
#   PROVIDERS        comma-separated providers (default SunJSSE,BCJSSE,Conscrypt,Custom)
#   JMH_EXTRA        extra JMH options
#   JAVA_OPTS        options for the JMH host JVM (e.g. -Djmh.ignoreLock=true on a machine where
#                    another JMH run holds /tmp/jmh.lock)
#   OUT_DIR          where the JSON and Markdown go (default benchmarks/results)
set -euo pipefail
profile="${1:-quick}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
providers="${PROVIDERS:-SunJSSE,BCJSSE,Conscrypt,Custom}"
out_dir="${OUT_DIR:-$here/results}"
jar="$here/target/benchmarks.jar"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  (cd "$root" && mvn -B -q -pl benchmarks -am -DskipTests package)
fi
mkdir -p "$out_dir"
jdk="$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$out_dir/$profile-jdk$jdk-$stamp"

# Same heap for every fork; profilers: allocation per op and process CPU time per iteration.
common=(-p "provider=$providers" -jvmArgsAppend "-Xms1g -Xmx1g"
        -prof gc -prof dev.customtls.bench.profile.CpuTimeProfiler)
case "$profile" in
  quick)
    # about 11 minutes on 2 cores (build included). The interleaved benchmarks give the ratios: their
    # handshakes warm up 22 x 2 s (each provider gets a quarter of that, and Custom + Bouncy Castle need about
    # 10 s of their own). The single-provider rows (allocation, absolute rates): 1 fork, 2 x 2 s measurement
    # after 3 x 2 s warm-up for handshakes, 2 x 2 s for bulk transfers (steady after a few seconds in every
    # provider); handshakes with x25519, bulk AES-128-GCM at the three record sizes of the targets.
    hs=(-f 1 -wi 3 -w 2s -i 2 -r 2s -p group=x25519)
    bulk=(-f 1 -wi 2 -w 2s -i 2 -r 2s -p suite=TLS_AES_128_GCM_SHA256 -p size=64,1024,16384)
    mem=(-f 1 -wi 1 -i 2 -p connections=256)
    inter=(-f 1 -wi 22 -w 2s -i 5 -r 2s)
    inter_bulk=(-f 1 -wi 6 -w 2s -i 5 -r 2s)
    floor=(-f 1 -wi 2 -w 2s -i 2 -r 2s -p group=x25519)
    prim=()  # the crypto primitives only in the full profile
    sock=()  # connections over loopback sockets only in the full profile
    ;;
  full)
    # every parameter; 3 forks, 5 x 2 s measurement. Handshakes warm up 10 x 2 s (Custom + Bouncy Castle on
    # JDK 17 can still be JIT-compiling after 10 s on 2 cores); bulk transfers, steady after a few seconds
    # in every provider, 5 x 2 s.
    hs=(-f 3 -wi 10 -w 2s -i 5 -r 2s)
    bulk=(-f 3 -wi 5 -w 2s -i 5 -r 2s)
    # 4,000 idle pairs per shot: Conscrypt opens a pipe per engine, and 10,000 pairs (40,000 descriptors) are
    # above this machine's open-files limit of 20,000; the figure per pair barely moves with the count
    mem=(-f 1 -wi 1 -i 2 -p connections=4000)
    inter=(-f 2 -wi 30 -w 2s -i 10 -r 2s)
    inter_bulk=(-f 2 -wi 10 -w 2s -i 10 -r 2s)
    floor=(-f 1 -wi 5 -w 2s -i 5 -r 2s)
    # each primitive in both backends (about 8 minutes)
    prim_filter='dev\.customtls\.bench\.crypto\.CryptoPrimitives'
    prim=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
    # TLS 1.3 connections over loopback sockets, Nagle on and off (about 3 minutes): wall-clock, 1 fork
    sock=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
    ;;
  smoke)
    hs=(-f 1 -wi 0 -i 1 -r 200ms -p group=x25519 -p cert=EC_P256)
    bulk=(-f 1 -wi 0 -i 1 -r 200ms -p size=64 -p suite=TLS_AES_128_GCM_SHA256)
    mem=(-f 1 -wi 0 -i 1 -p connections=16)
    inter=(-f 1 -wi 0 -i 1 -r 1s -p handshake=tls13-ecdsa)
    inter_bulk=(-f 1 -wi 0 -i 1 -r 1s -p size=1024)
    floor=(-f 1 -wi 0 -i 1 -r 200ms -p group=x25519 -p cert=EC_P256)
    prim_filter='dev\.customtls\.bench\.crypto\.CryptoPrimitivesBenchmark\.ecdsaP256Sign'
    prim=(-f 1 -wi 0 -i 1 -r 200ms)
    sock=(-f 1 -wi 0 -i 1 -r 1s -p tcpNoDelay=true)
    ;;
  *) echo "usage: $0 quick|full|smoke" >&2; exit 2 ;;
esac

# shellcheck disable=SC2086
"$java_cmd" ${JAVA_OPTS:-} -jar "$jar" 'dev\.customtls\.bench\.tls\.Tls1[23](Full|Resumed)Handshake' "${common[@]}" "${hs[@]}" \
  ${JMH_EXTRA:-} -rf json -rff "$base-tls.json" | tee "$base-tls.log"
# shellcheck disable=SC2086
"$java_cmd" ${JAVA_OPTS:-} -jar "$jar" 'dev\.customtls\.bench\.tls\.Tls13BulkTransfer' "${common[@]}" "${bulk[@]}" \
  ${JMH_EXTRA:-} -rf json -rff "$base-bulk.json" | tee "$base-bulk.log"
# shellcheck disable=SC2086
"$java_cmd" ${JAVA_OPTS:-} -jar "$jar" 'dev\.customtls\.bench\.tls\.IdleConnectionMemory' "${common[@]}" "${mem[@]}" \
  ${JMH_EXTRA:-} -rf json -rff "$base-memory.json" | tee "$base-memory.log"

# All providers taking turns in one JVM: ratios measured under the same machine conditions.
# shellcheck disable=SC2086
"$java_cmd" ${JAVA_OPTS:-} -jar "$jar" 'dev\.customtls\.bench\.tls\.InterleavedHandshake' "${common[@]}" -p "providers=${providers//,/+}" "${inter[@]}" \
  ${JMH_EXTRA:-} -rf json -rff "$base-interleaved.json" | tee "$base-interleaved.log"
# shellcheck disable=SC2086
"$java_cmd" ${JAVA_OPTS:-} -jar "$jar" 'dev\.customtls\.bench\.tls\.InterleavedBulk' "${common[@]}" -p "providers=${providers//,/+}" "${inter_bulk[@]}" \
  ${JMH_EXTRA:-} -rf json -rff "$base-interleaved-bulk.json" | tee "$base-interleaved-bulk.log"

# The crypto floor of a full handshake pair with Custom's backends (no provider parameter).
floor_common=(-jvmArgsAppend "-Xms1g -Xmx1g" -prof gc -prof dev.customtls.bench.profile.CpuTimeProfiler)
# shellcheck disable=SC2086
"$java_cmd" ${JAVA_OPTS:-} -jar "$jar" 'dev\.customtls\.bench\.crypto\.HandshakeCryptoFloor' "${floor_common[@]}" "${floor[@]}" \
  ${JMH_EXTRA:-} -rf json -rff "$base-floor.json" | tee "$base-floor.log"
results=("$base-tls.json" "$base-bulk.json" "$base-memory.json" "$base-interleaved.json" "$base-interleaved-bulk.json" "$base-floor.json")

# Whole connections over loopback TCP sockets (the SSLSocket path, Nagle's algorithm on and off).
if [[ ${#sock[@]} -gt 0 ]]; then
  # shellcheck disable=SC2086
  "$java_cmd" ${JAVA_OPTS:-} -jar "$jar" 'dev\.customtls\.bench\.tls\.SocketConnection' "${common[@]}" "${sock[@]}" \
    ${JMH_EXTRA:-} -rf json -rff "$base-sockets.json" | tee "$base-sockets.log"
  results+=("$base-sockets.json")
fi

# Each crypto primitive a handshake is made of, in both backends (what DefaultTlsCrypto chooses from).
if [[ ${#prim[@]} -gt 0 ]]; then
  # shellcheck disable=SC2086
  "$java_cmd" ${JAVA_OPTS:-} -jar "$jar" "$prim_filter" "${floor_common[@]}" "${prim[@]}" \
    ${JMH_EXTRA:-} -rf json -rff "$base-primitives.json" | tee "$base-primitives.log"
  results+=("$base-primitives.json")
fi

"$java_cmd" -cp "$jar" dev.customtls.bench.report.ResultsTable "${results[@]}" \
  --providers "$providers" --out "$base.md" \
  --command "${JAVA_HOME:+JAVA_HOME=$JAVA_HOME }$([[ $profile == smoke ]] && echo "benchmarks/run.sh smoke" || echo "benchmarks/run-$profile.sh")"
echo "Results: $base.md (JSON and JMH logs next to it)"
