#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a build command with TransferSim's own source revision recorded in the binary:
#   scripts/with-revision.sh swift build -c release --product transfersim
# Writes `git rev-parse HEAD` of this checkout (plus -dirty when it has uncommitted changes;
# outside-git when the sources are not a git checkout, e.g. an unpacked release tarball) into
# Sources/TransferSimIO/Provenance/BuildRevision.swift, runs the command, and restores the file
# whatever happens, so the working tree stays as it was.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
file="$root/Sources/TransferSimIO/Provenance/BuildRevision.swift"
revision=$(git -C "$root" rev-parse --verify --quiet HEAD 2>/dev/null || echo outside-git)
if [ "$revision" != outside-git ] && ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then
  revision="$revision-dirty"
fi
saved=$(mktemp)
cp "$file" "$saved"
restore() { if [ -f "$saved" ]; then cp "$saved" "$file"; rm -f "$saved"; fi; }
trap restore EXIT
trap 'restore; exit 130' INT TERM
sed "s/static let recorded = \"unknown\"/static let recorded = \"$revision\"/" "$saved" > "$file"
"$@"
