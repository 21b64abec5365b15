#!/usr/bin/env bash
# Packs every Connect.Sdk package, all with one version: the libraries of src/ (with their .snupkg symbol
# packages), the connect-worker tool and the dotnet new template pack.
#
#   eng/pack.sh [version] [output folder]
#
#   version        default: <Version> of Directory.Build.props (e.g. 0.1.0); any SemVer 2 version, e.g. 0.2.0-preview.1
#   output folder  default: artifacts/packages (emptied of earlier Connect.Sdk packages first)
#
# Environment:
#   CONNECT_SDK_PACK_BUILD_DIR  where the Release build for the packages goes (default artifacts/pack-build): the
#                               packages never contain bits of an incremental or Debug build in bin/ and obj/.
#
# See docs/packaging.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

default_version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n1)"
version="${1:-$default_version}"
output="${2:-artifacts/packages}"
build_dir="${CONNECT_SDK_PACK_BUILD_DIR:-artifacts/pack-build}"

semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'
if ! [[ "$version" =~ $semver ]]; then
    echo "eng/pack.sh: '$version' is not a version like 1.2.3 or 1.2.3-preview.1" >&2
    exit 2
fi

# Restoring Connect.Sdk.Runtime needs librdkafka.redist from the local feed on machines whose NuGet source lacks it.
bash eng/bootstrap.sh >/dev/null

mkdir -p "$output"
output="$(cd "$output" && pwd)"
mkdir -p "$build_dir"
build_dir="$(cd "$build_dir" && pwd)"
rm -f "$output"/Connect.Sdk*.nupkg "$output"/Connect.Sdk*.snupkg

echo "== packing Connect.Sdk $version into $output"
# The solution's packable projects are the libraries and the worker; tests, samples and benchmarks say
# IsPackable=false and are not built. The template pack is not in the solution.
for project in Connect.Sdk.sln templates/Connect.Sdk.Templates/Connect.Sdk.Templates.csproj; do
    dotnet pack "$project" -c Release -nologo -v quiet \
        --artifacts-path "$build_dir" \
        -o "$output" \
        -p:Version="$version" \
        -p:ContinuousIntegrationBuild=true
done

count="$(find "$output" -maxdepth 1 -name 'Connect.Sdk*.nupkg' | wc -l)"
echo "== $count packages:"
(cd "$output" && ls -1 Connect.Sdk*.nupkg Connect.Sdk*.snupkg)
