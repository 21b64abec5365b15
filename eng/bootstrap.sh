#!/usr/bin/env bash
# Prepares a Debian 12 (bookworm) machine to build and test Connect.Sdk.
#
# Idempotent and non-interactive: run it as often as you like (eng/test.sh runs it
# every time). When everything is already in place it finishes in about a second.
#
# What it does, and why:
#   1. Installs the Debian packages the build and the tests need (skipped when all
#      are already installed).
#   2. Builds librdkafka >= 2.1 from Debian's *source* package of forky/sid (or
#      trixie as a fallback). Bookworm's own librdkafka is 2.0.2, and Confluent.Kafka
#      2.15.1 consumers fail on it (rd_kafka_topic_partition_get_leader_epoch is
#      missing). The build lives in a cache folder outside the repository.
#   3. Wraps that library as a local NuGet package `librdkafka.redist` 2.15.1 in
#      eng/.local-feed (git-ignored). Confluent.Kafka 2.15.1 depends on that package
#      id, and the NuGet mirror this project builds against does not carry it;
#      nuget.config maps that one id to the local feed.
#
# Environment:
#   CONNECT_SDK_CACHE  where the librdkafka build is kept (default ~/.cache/connect-sdk)
#   NUGET_PACKAGES     NuGet's global packages folder, if not the default
#   CONNECT_SDK_RDKAFKA_SUITES  Debian suites to take librdkafka's source from, best
#                      first (default "forky sid trixie")
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${CONNECT_SDK_CACHE:-${HOME:-/root}/.cache/connect-sdk}"
feed_dir="$repo_root/eng/.local-feed"
redist_id="librdkafka.redist"
redist_version="2.15.1"   # the version Confluent.Kafka 2.15.1 asks for
min_rdkafka="2.1.0"       # first version exporting everything Confluent.Kafka 2.x calls
# Debian suites whose librdkafka source package is tried, best first.
read -r -a rdkafka_suites <<<"${CONNECT_SDK_RDKAFKA_SUITES:-forky sid trixie}"

export DEBIAN_FRONTEND=noninteractive
start_seconds=$SECONDS
summary=()

log() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }

# `version_ge A B` is true when version A >= version B.
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }

# Any python3 will do (only the standard library is used).
python_bin="$(command -v python3 || echo /usr/bin/python3)"

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n env DEBIAN_FRONTEND=noninteractive)
else
    as_root=()   # apt steps will fail with a clear message if they are needed
fi

mkdir -p "$cache_dir"
# Two bootstraps at once (e.g. a developer and a test run) must not race on the
# build folder or the feed.
exec 9>"$cache_dir/.bootstrap.lock"
flock 9

# --- 1. Debian packages ---------------------------------------------------------
apt_packages=(
    # to build librdkafka
    build-essential pkg-config libssl-dev libsasl2-dev zlib1g-dev libzstd-dev liblz4-dev
    # used by the tests: a third-party Kafka client, the Avro and Confluent reference
    # implementations for Python, a real database, and small tools
    kcat python3-avro python3-confluent-kafka jq curl postgresql
)

missing=()
for pkg in "${apt_packages[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = "installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt_log="$cache_dir/apt.log"
    # dpkg is chatty even with -qq: keep its output in a log, show it only on failure.
    if ! { "${as_root[@]}" apt-get update -qq &&
           "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
           </dev/null >"$apt_log" 2>&1; then
        tail -n 40 "$apt_log" >&2
        die "apt-get failed (full log: $apt_log)"
    fi
    summary+=("apt: installed ${missing[*]}")
else
    summary+=("apt: all ${#apt_packages[@]} packages already installed")
fi

# --- 2. librdkafka from Debian's source package -----------------------------------
rdkafka_root="$cache_dir/librdkafka"

# Prints the newest finished build in the cache that is new enough, if any.
find_cached_rdkafka() {
    local best="" dir ver
    for dir in "$rdkafka_root"/*/; do
        [ -f "$dir/.complete" ] && [ -f "$dir/lib/librdkafka.so.1" ] || continue
        ver="$(basename "$dir")"
        version_ge "$ver" "$min_rdkafka" || continue
        if [ -z "$best" ] || version_ge "$ver" "$best"; then best="$ver"; fi
    done
    [ -n "$best" ] && printf '%s\n' "$best"
}

build_rdkafka() {
    local work="$rdkafka_root/.work"
    rm -rf "$work"
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"

    # A private apt configuration: its own source list (deb-src only, so no binary
    # package of a newer release can ever be installed), index folder and cache.
    # The machine's own apt sources and state stay untouched.
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg suite
    : >"$work/sources.list"
    for suite in "${rdkafka_suites[@]}"; do
        echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian $suite main" >>"$work/sources.list"
    done
    local apt_private=(
        -o "Dir::Etc::sourcelist=$work/sources.list"
        -o "Dir::Etc::sourceparts=-"
        -o "Dir::State::Lists=$work/lists"
        -o "Dir::Cache=$work/cache"
        -o "APT::Sandbox::User=root"
    )
    log "fetching source package indexes for: ${rdkafka_suites[*]}"
    # A suite that cannot be fetched is only a warning: the next one is tried.
    apt-get "${apt_private[@]}" -qq update || log "warning: some source indexes failed to download"

    local tarball="" version=""
    for suite in "${rdkafka_suites[@]}"; do
        rm -rf "$work/src" && mkdir -p "$work/src"
        # --download-only fetches .dsc, orig tarball and debian tarball; it needs no dpkg-dev.
        if ! (cd "$work/src" && apt-get "${apt_private[@]}" -qq source --download-only "librdkafka/$suite" >/dev/null); then
            log "no librdkafka source package in $suite"
            continue
        fi
        tarball="$(ls "$work/src"/librdkafka_*.orig.tar.* 2>/dev/null | head -n1 || true)"
        [ -n "$tarball" ] || { log "no orig tarball from $suite"; continue; }
        version="$(basename "$tarball" | sed -E 's/^librdkafka_([^-]+)\.orig\.tar\..*$/\1/')"
        if version_ge "$version" "$min_rdkafka"; then
            log "using librdkafka $version from $suite"
            break
        fi
        log "librdkafka $version in $suite is older than $min_rdkafka"
        tarball=""
    done
    [ -n "$tarball" ] || die "found no librdkafka source package >= $min_rdkafka in: ${rdkafka_suites[*]}"

    # The upstream tree; its top folder name varies (e.g. confluentinc-librdkafka-<commit>).
    mkdir -p "$work/tree"
    tar -xf "$tarball" -C "$work/tree" --strip-components=1

    local prefix="$rdkafka_root/$version" jobs
    jobs="$(nproc 2>/dev/null || echo 2)"
    rm -rf "$prefix"
    log "building librdkafka $version into $prefix (make -j$jobs)"
    (
        cd "$work/tree"
        # No libcurl: only OIDC token fetching needs it, and the tests do not use it.
        ./configure --prefix="$prefix" --disable-curl >"$work/configure.log" 2>&1 \
            || { tail -n 40 "$work/configure.log" >&2; exit 1; }
        # Only the C library (src/); the C++ wrapper (src-cpp/) is not needed.
        { make -j"$jobs" -C src lib && make -C src install; } >"$work/make.log" 2>&1 \
            || { tail -n 60 "$work/make.log" >&2; exit 1; }
    ) || die "librdkafka build failed (logs in $work)"

    # Check the symbols Confluent.Kafka 2.x consumers and the tests' mock cluster need.
    local sym
    for sym in rd_kafka_topic_partition_get_leader_epoch rd_kafka_mock_cluster_new rd_kafka_mock_cluster_bootstraps; do
        nm -D --defined-only "$prefix/lib/librdkafka.so.1" | grep -qw "$sym" \
            || die "built librdkafka lacks $sym"
    done
    echo "librdkafka $version from Debian source package ($suite), built $(date -u +%FT%TZ)" >"$prefix/.complete"
    rm -rf "$work"
}

rdkafka_version="$(find_cached_rdkafka || true)"
if [ -n "$rdkafka_version" ]; then
    summary+=("librdkafka: $rdkafka_version already built in $rdkafka_root/$rdkafka_version")
else
    build_started=$SECONDS
    build_rdkafka
    rdkafka_version="$(find_cached_rdkafka || true)"
    [ -n "$rdkafka_version" ] || die "librdkafka build did not leave a usable library"
    summary+=("librdkafka: built $rdkafka_version in $rdkafka_root/$rdkafka_version ($((SECONDS - build_started)) s)")
fi
rdkafka_so="$rdkafka_root/$rdkafka_version/lib/librdkafka.so.1"   # the real file, not a symlink
so_sha="$(sha256sum "$rdkafka_so" | cut -d' ' -f1)"

# --- 3. Local NuGet feed with librdkafka.redist ----------------------------------
nupkg="$feed_dir/$redist_id.$redist_version.nupkg"
stamp="$feed_dir/.$redist_id.$redist_version.sha256"   # sha256 of the .so inside the nupkg
if [ -f "$nupkg" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$so_sha" ]; then
    summary+=("feed: $redist_id $redist_version already in eng/.local-feed")
else
    mkdir -p "$feed_dir"
    "$python_bin" "$repo_root/eng/lib/make-redist-nupkg.py" \
        --so "$rdkafka_so" --id "$redist_id" --version "$redist_version" \
        --native-version "$rdkafka_version" --out "$nupkg"
    echo "$so_sha" >"$stamp"
    summary+=("feed: wrote eng/.local-feed/$(basename "$nupkg") (librdkafka $rdkafka_version)")
fi

# NuGet never re-extracts a package that is already in its global packages folder,
# so a copy made from a different build must go.
global_pkg="${NUGET_PACKAGES:-${HOME:-/root}/.nuget/packages}/$redist_id/$redist_version"
if [ -d "$global_pkg" ]; then
    cached_so="$global_pkg/runtimes/linux-x64/native/librdkafka.so"
    if [ ! -f "$cached_so" ] || [ "$(sha256sum "$cached_so" | cut -d' ' -f1)" != "$so_sha" ]; then
        rm -rf "$global_pkg"
        summary+=("nuget: removed a stale $redist_id $redist_version from $global_pkg")
    fi
fi

# Keep the feed out of git (an idempotent append).
gitignore="$repo_root/.gitignore"
if ! grep -qxF 'eng/.local-feed/' "$gitignore" 2>/dev/null; then
    echo 'eng/.local-feed/' >>"$gitignore"
    summary+=("git: added eng/.local-feed/ to .gitignore")
fi

log "done in $((SECONDS - start_seconds)) s:"
for line in "${summary[@]}"; do log "  $line"; done
