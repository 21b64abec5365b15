#!/usr/bin/env bash
# Builds Connect.Sdk and runs every test project, then prints one closing line:
#
#   N passed, N failed, N skipped
#
# summed over all test projects (CI reads that line). Exits non-zero when the build
# fails, when any test fails, or when no test ran at all.
#
# Usage: eng/test.sh [extra dotnet test arguments], e.g. eng/test.sh --filter "FullyQualifiedName~Json"
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The machine may be new: Debian packages, librdkafka and the local NuGet feed first.
bash eng/bootstrap.sh

# The solution: Connect.Sdk.sln, or the .slnx format newer SDKs create.
solution=""
for candidate in Connect.Sdk.sln Connect.Sdk.slnx; do
    if [ -f "$candidate" ]; then solution="$candidate"; break; fi
done
[ -n "$solution" ] || { echo "eng/test.sh: no Connect.Sdk.sln or Connect.Sdk.slnx in $repo_root" >&2; exit 1; }

results_dir="$repo_root/artifacts/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

echo "== dotnet build $solution -c Release"
if ! dotnet build "$solution" -c Release; then
    echo "eng/test.sh: build failed, no tests were run" >&2
    exit 1
fi

echo "== dotnet test $solution -c Release --no-build $*"
# One .trx per test project, under the logger's default name. That name only has a
# one-second timestamp and the logger picks a free one without locking, so test
# projects run one after another (-m:1) or two could write the same file; tests
# within a project still run in parallel.
test_status=0
dotnet test "$solution" -c Release --no-build -m:1 \
    --results-directory "$results_dir" \
    --logger trx \
    "$@" || test_status=$?

if [ "$test_status" -ne 0 ]; then
    # Reported even when no failed test is counted, e.g. a test host that crashed.
    echo "eng/test.sh: dotnet test exited with status $test_status" >&2
fi

# Sum the .trx files; this prints the closing line and fails when a test failed or none ran.
# Any python3 will do (only the standard library is used).
python_bin="$(command -v python3 || echo /usr/bin/python3)"
summary_status=0
"$python_bin" eng/lib/trx-summary.py "$results_dir" || summary_status=$?

if [ "$test_status" -ne 0 ]; then exit "$test_status"; fi
exit "$summary_status"
