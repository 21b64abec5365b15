#!/usr/bin/env bash
# Sets up a fresh machine and runs the demo pipeline (see README.md, "Quick start").
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

bash eng/bootstrap.sh
dotnet build Connect.Sdk.sln -c Release
echo
echo "Built:"
find src -path '*/bin/Release/*' -name 'Connect.Sdk*.dll' -o -path '*/bin/Release/*' -name 'connect-worker.dll' | sort | sed 's/^/  /'
