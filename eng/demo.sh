#!/usr/bin/env bash
# Sets up a fresh machine and runs the demo pipeline (README.md, "Quick start"; samples/demo/README.md):
# DatagenSource -> JsonConverter -> in-process development Kafka cluster -> FileStreamSink.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
duration="${DEMO_DURATION:-8}"

bash eng/bootstrap.sh
echo "== building"
dotnet build Connect.Sdk.sln -c Release -v quiet -nologo

# The sample connectors are plugins: each goes into its own plugin.path folder, as operators deploy connectors.
demo_dir=artifacts/demo
rm -rf "$demo_dir"
mkdir -p "$demo_dir/plugins"
for sample in Datagen FileStream; do
  dotnet publish "samples/Connect.Sdk.Samples.$sample" -c Release -v quiet -nologo -o "$demo_dir/plugins/$sample" >/dev/null
done

echo "== running the demo for ${duration} s"
dotnet src/Connect.Sdk.Worker/bin/Release/net10.0/connect-worker.dll standalone --dev --duration "$duration" --progress \
  samples/demo/worker.properties samples/demo/datagen-orders.properties samples/demo/orders-file-sink.properties

echo
echo "== first orders written by the file sink ($demo_dir/orders.txt, $(wc -l < "$demo_dir/orders.txt") lines):"
head -n 3 "$demo_dir/orders.txt"
echo "== committed source offsets ($demo_dir/offsets.json):"
cat "$demo_dir/offsets.json"
echo
