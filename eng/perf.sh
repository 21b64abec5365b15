#!/usr/bin/env bash
# Runs the end-to-end performance suite (issue 10, docs/performance.md): the worker against the raw Confluent.Kafka
# client on the in-process development cluster, source, sink, JSON, latency and memory cases, each with its baseline
# in the same run. Prints the tables (Markdown) on standard output, progress on standard error. About 3 to 4 minutes
# on 2 cores; `--smoke` runs every case very briefly (seconds) just to check it executes.
#
# Usage: eng/perf.sh [--smoke] [--cases source,sink,json,latency,memory] [--alloc-profile] [--markdown FILE]
#   --alloc-profile  also prints the types allocated per record (sampled from the runtime's allocation events)
#   --markdown FILE  also writes the report to FILE
#
# The micro benchmarks (converters, transformation chains) are BenchmarkDotNet's; see docs/performance.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# librdkafka and the local feed the build needs (quick when already in place).
bash eng/bootstrap.sh >&2

project=benchmarks/Connect.Sdk.Benchmarks.EndToEnd/Connect.Sdk.Benchmarks.EndToEnd.csproj
# No build servers left running to compete with the measurements.
dotnet build "$project" -c Release --nologo -v quiet --disable-build-servers >&2
echo "[perf] load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
exec dotnet "benchmarks/Connect.Sdk.Benchmarks.EndToEnd/bin/Release/net10.0/Connect.Sdk.Benchmarks.EndToEnd.dll" "$@"
