// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// The fully resolved parameter set as `transfersim params` prints it: every catalogue parameter
/// in catalogue order with its value (a number, a name, `true`/`false`, or a distribution as
/// `triangular(low 600, mode 800, high 1000)`), its unit and its origin — `default` for the
/// model's built-in default, else the `file:line:column` of the setting.
public enum ParameterListing {
    /// An aligned plain-text table with the columns `path`, `value`, `unit`, `origin` and a header
    /// row, one line per parameter.
    public static func text(_ resolved: ResolvedParameters) -> String {
        var table = TextTable([.left, .left, .left, .left])
        table.append(["path", "value", "unit", "origin"])
        for (spec, entry) in zip(resolved.catalogue.specs, resolved.entries) {
            table.append([spec.path, entry.value.description(kind: spec.kind), spec.unit, origin(entry)])
        }
        return table.text
    }

    /// A Markdown document: a heading, a sentence naming the scenario and policy, and a table with
    /// the columns Parameter, Value, Unit, Origin, Meaning and Source (where the default comes
    /// from), one row per parameter. `|` in a cell is escaped and line breaks become spaces.
    public static func markdown(_ resolved: ResolvedParameters, scenarioName: String) -> String {
        var out = "# Parameters\n\n"
        out += "The fully resolved parameter set of the scenario “\(cell(scenarioName))”, policy "
        out += "`\(resolved.policyName)`, as `transfersim params --markdown` prints it. Origin `default` is the "
        out += "model's built-in default; `file:line:column` is where the scenario sets the value.\n\n"
        out += "| Parameter | Value | Unit | Origin | Meaning | Source |\n"
        out += "|---|---|---|---|---|---|\n"
        for (spec, entry) in zip(resolved.catalogue.specs, resolved.entries) {
            let cells = [
                "`\(spec.path)`", cell(entry.value.description(kind: spec.kind)), cell(spec.unit),
                cell(origin(entry)), cell(spec.meaning), cell(spec.source),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// `default`, or where the scenario set the value.
    private static func origin(_ entry: ResolvedParameters.Entry) -> String {
        entry.origin?.description ?? "default"
    }

    /// Text made safe for a Markdown table cell.
    private static func cell(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("|", with: "\\|")
            .replacing("\r\n", with: " ").replacing("\n", with: " ").replacing("\r", with: " ")
    }
}
