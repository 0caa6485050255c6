// SPDX-License-Identifier: GPL-3.0-or-later

/// The text `transfersim new` writes: a shipped preset with a header for the analyst adapting it.
public enum StarterScenario {
    /// The preset's text with a header naming where it came from, the schema line for editors,
    /// and, when `name` is given, the top-level `name:` replaced.
    public static func text(from preset: (name: String, file: String, yaml: String), name: String?) -> String {
        var lines = preset.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The preset's own schema line points next to the shipped presets; the new file says how to get one.
        lines.removeAll { $0.hasPrefix("# yaml-language-server:") }
        if let name, let i = lines.firstIndex(where: { $0.hasPrefix("name:") }) {
            lines[i] = "name: " + JSONValue.quoted(name)
        }
        let header = [
            "# yaml-language-server: $schema=scenario.schema.json",
            "# Starter scenario written by `transfersim new --from \(preset.name)` from \(preset.file).",
            "# Replace the preset's figures with your region's, keeping a source or \"assumption\" comment on",
            "# every value; `transfersim params --reference` (docs/parameters.md) lists every key you can set.",
            "# For completion and checks in your editor, write the schema next to this file:",
            "#   transfersim schema > scenario.schema.json",
            "# Check the file with `transfersim validate FILE` before a long run.",
            "#",
        ]
        return (header + lines).joined(separator: "\n")
    }
}
