// SPDX-License-Identifier: GPL-3.0-or-later

/// The source revision TransferSim itself was built from, for every manifest's `git_revision`.
///
/// It is recorded when the binary is built — `make build`, `make install` and `make run` stamp
/// `BuildRevision.recorded` with `git rev-parse HEAD` of the TransferSim checkout (with `-dirty`
/// when it had uncommitted changes) through `scripts/with-revision.sh` — never read from the folder
/// the user runs the tool in, which may be any repository or none. A plain `swift build` records
/// `unknown` and a build from sources outside git `outside-git`; the manifest then leaves
/// `git_revision` out and says which in `git_revision_note`.
public enum GitRevision {
    /// The revision recorded at build time, or `nil` when it was not recorded.
    public static func current() -> String? {
        let recorded = BuildRevision.recorded
        return isRevision(recorded) ? recorded : nil
    }

    /// Why there is no revision, when `current()` is `nil`: said plainly in the manifest
    /// (`git_revision_note`) and the report, so that a missing revision is never mistaken for a
    /// revision that was lost.
    public static func absenceNote() -> String? {
        note(for: BuildRevision.recorded)
    }

    static func note(for recorded: String) -> String? {
        if isRevision(recorded) { return nil }
        if recorded == "outside-git" {
            return "none: this binary was built from sources outside a git checkout"
        }
        return "not recorded: this binary was built without scripts/with-revision.sh (make build records it)"
    }

    /// Whether `text` is a full SHA-1 (40) or SHA-256 (64) object name in lower-case hexadecimal,
    /// optionally followed by `-dirty`.
    static func isRevision(_ text: String) -> Bool {
        let name = text.hasSuffix("-dirty") ? String(text.dropLast(6)) : text
        return (name.count == 40 || name.count == 64)
            && name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
