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

    /// The table in Chinese (`params --lang zh`): each parameter's Chinese label beside its
    /// dotted path (the exact key a scenario writes), its value, the unit in Chinese and the
    /// origin (`默认` for the model's default). A parameter the catalogue has no Chinese label for
    /// shows `（缺中文名称）`, which a test over the whole catalogue forbids.
    public static func chineseText(_ resolved: ResolvedParameters) -> String {
        var table = TextTable([.left, .left, .left, .left, .left])
        table.append(["参数名称", "参数路径", "取值", "单位", "来源"])
        for (spec, entry) in zip(resolved.catalogue.specs, resolved.entries) {
            table.append([
                spec.chineseLabel ?? missingLabel, spec.path, entry.value.description(kind: spec.kind),
                chineseUnit(spec.unit), entry.origin?.description ?? "默认",
            ])
        }
        return table.text
    }

    /// What the Chinese table shows for a parameter without a Chinese label.
    public static let missingLabel = "（缺中文名称）"

    /// A catalogue unit in Chinese (`months` → `月`, `万元 per year` → `万元/年`); a unit not listed
    /// is shown as written.
    public static func chineseUnit(_ unit: String) -> String {
        [
            "months": "月", "years": "年", "per month": "每月", "per year": "每年", "weight": "权重",
            "万元 per year": "万元/年", "亩 per year": "亩/年", "× odds": "× 几率", "log-scale sd": "对数标准差",
            "× odds per unit share": "× 几率/单位比例", "deals per year": "笔/年", "× tail start": "× 尾部起点",
            "× per unit density": "× /单位密度", "× government commitment": "× 政府出资额", "× V": "× 成果价值",
            "roadshows per year": "场/年", "per ×": "每倍", "logit per unit q": "logit/单位质量",
            "concurrent projects": "个（同时在研）", "brokers per 100 disclosures a year": "人/每百项年披露",
            "attempts": "次", "results": "项", "results per year": "项/年", "ventures": "家", "contracts": "份",
            "projects": "个", "loans": "笔", "ratio": "倍", "share": "比例", "万元 per result": "万元/项",
        ][unit] ?? unit
    }

    /// A Markdown document: a heading, a sentence naming the scenario and policy, and a table with
    /// the columns Parameter, Value, Unit, Origin, Meaning and Source (where the default comes
    /// from), one row per parameter. `|` in a cell is escaped and line breaks become spaces.
    public static func markdown(_ resolved: ResolvedParameters, scenarioName: String) -> String {
        var out = "# Parameters\n\n"
        out += "The fully resolved parameter set of the scenario “\(cell(scenarioName))”, policy "
        out += "`\(resolved.policyName)`, as `transfersim params --markdown` prints it. Origin `default` is the "
        out += "model's built-in default; `file:line:column` is where the scenario sets the value.\n\n"
        out += "| Parameter | 中文名称 | Value | Unit | Origin | Meaning | Source |\n"
        out += "|---|---|---|---|---|---|---|\n"
        for (spec, entry) in zip(resolved.catalogue.specs, resolved.entries) {
            let cells = [
                "`\(spec.path)`", cell(spec.chineseLabel ?? missingLabel), cell(entry.value.description(kind: spec.kind)),
                cell(spec.unit),
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
