// SPDX-License-Identifier: GPL-3.0-or-later
// scripts/with-revision.sh rewrites the line below for the length of a build and then restores it;
// keep it as it is in the repository.

/// The source revision recorded at build time (see `GitRevision`).
enum BuildRevision {
    static let recorded = "unknown"
}
