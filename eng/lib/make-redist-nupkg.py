#!/usr/bin/env python3
"""Writes a minimal librdkafka.redist .nupkg around a locally built librdkafka.so.

A .nupkg is a zip file with the .nuspec at its root. NuGet treats
runtimes/<rid>/native/* as native runtime assets, so a project that restores this
package gets the library copied to its output folder and listed in its deps.json,
which is how Confluent.Kafka finds it without LD_LIBRARY_PATH.

Entries get a fixed timestamp so the same library always gives the same package.
Only the standard library is used.
"""
import argparse
import os
import zipfile
from xml.sax.saxutils import escape

FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def nuspec(package_id: str, version: str, native_version: str) -> str:
    description = (
        f"Local stand-in for {package_id}: librdkafka {native_version} built from "
        "Debian's source package by eng/bootstrap.sh, for linux-x64 only. "
        "Used by this repository's build and tests; not for publishing."
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>{escape(package_id)}</id>
    <version>{escape(version)}</version>
    <authors>Connect.Sdk build (local)</authors>
    <license type="expression">BSD-2-Clause</license>
    <description>{escape(description)}</description>
  </metadata>
</package>
"""


def add(zf: zipfile.ZipFile, name: str, data: bytes, mode: int = 0o644) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100000 | mode) << 16  # regular file with these permissions
    zf.writestr(info, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--so", required=True, help="the built library (a real file)")
    parser.add_argument("--id", required=True)
    parser.add_argument("--version", required=True, help="the package version")
    parser.add_argument("--native-version", required=True, help="librdkafka's own version")
    parser.add_argument("--out", required=True, help="the .nupkg to write")
    args = parser.parse_args()

    with open(os.path.realpath(args.so), "rb") as f:
        library = f.read()

    tmp = args.out + ".tmp"
    with zipfile.ZipFile(tmp, "w") as zf:
        add(zf, f"{args.id}.nuspec", nuspec(args.id, args.version, args.native_version).encode())
        add(zf, "runtimes/linux-x64/native/librdkafka.so", library, 0o755)
    os.replace(tmp, args.out)  # never leave a half-written package in the feed


if __name__ == "__main__":
    main()
