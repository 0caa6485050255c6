// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimCore
import TransferSimIO

/// The README's examples, executed: every `sh` block's TransferSim commands run (with few trials),
/// and the figures the README quotes — the summary of `make run` and the pairing table — are the
/// ones the tool prints for the stated trials and seed. The figures are read from the README
/// itself, so when the model changes, updating the README is all that is needed.
///
/// The figure checks simulate 1,000 and 2 × 200 trials of the default scenario: seconds with a
/// release binary, minutes with a debug one. They run when `TRANSFERSIM_README_FIGURES=1`, which
/// `make readme-check` sets together with the release binary (`TRANSFERSIM_BINARY`).
@Suite struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let figuresEnabled = ProcessInfo.processInfo.environment["TRANSFERSIM_README_FIGURES"] == "1"

    static func readme() throws -> String {
        try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    // MARK: Command blocks

    /// The lines of the README's fenced `sh` blocks, in order.
    static func shellLines(_ text: String) -> [String] {
        var lines: [String] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inside = !inside && line == "```sh"
                continue
            }
            if inside { lines.append(String(line)) }
        }
        return lines
    }

    /// A command line split into words as a shell would (quotes grouped, a `#` word starts a
    /// comment), without the optional `[...]` parts of a synopsis.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var started = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                started = true
            } else if c == " " {
                if started { words.append(current) }
                current = ""
                started = false
            } else if c == "#" && !started {
                break
            } else {
                current.append(c)
                started = true
            }
        }
        if started { words.append(current) }
        var kept: [String] = []
        var optional = false
        for word in words {
            if word.hasPrefix("[") { optional = true }
            if !optional { kept.append(word) }
            if optional && word.hasSuffix("]") { optional = false }
        }
        return kept
    }

    /// The README's TransferSim commands as argument lists (the program left out), with the
    /// trials cut so that the whole README runs in seconds on a debug build.
    static func commands(_ text: String) -> [[String]] {
        shellLines(text).compactMap { line -> [String]? in
            let all = words(line)
            guard let program = all.first, program == "transfersim" || program == ".build/release/transfersim" else { return nil }
            var arguments = Array(all.dropFirst())
            let subcommand = arguments.first ?? ""
            let cap = ["sweep": 1, "sensitivity": 1][subcommand] ?? 2
            if let i = arguments.firstIndex(of: "--trials"), i + 1 < arguments.count {
                arguments[i + 1] = String(min(Int(arguments[i + 1]) ?? cap, cap))
            } else if ["run", "compare", "sweep", "sensitivity"].contains(subcommand) {
                arguments += ["--trials", String(cap)]
            }
            // A few points of the shipped 25-point sweep and 2,560-evaluation analysis.
            if subcommand == "sweep" { arguments += ["--shard", "1/8"] }
            if subcommand == "sensitivity" { arguments += ["--shard", "1/256"] }
            return arguments
        }
    }

    @Test func theCommandBlocksAreFoundAndUseTheBuiltBinary() throws {
        let text = try Self.readme()
        let commands = Self.commands(text)
        #expect(commands.count >= 15)
        #expect(commands.contains(["run", "--trials", "2", "--out", "out/baseline"]))
        // Every command in a block names a binary that exists after `make build` (or `make install`).
        for line in Self.shellLines(text) {
            guard let first = Self.words(line).first else { continue }
            #expect(["make", ".build/release/transfersim", "transfersim"].contains(first), "\(line)")
        }
        // Bare `transfersim` is explained before it is used.
        let firstBare = try #require(text.range(of: "\ntransfersim "))
        let explained = try #require(text.range(of: "`transfersim` below stands for `.build/release/transfersim`"))
        #expect(explained.lowerBound < firstBare.lowerBound)
    }

    /// Runs every command in README order in one workspace (later commands read earlier outputs).
    @Test func everyCommandBlockRuns() throws {
        let workspace = try Workspace()
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path("Scenarios"), withDestinationPath: Self.root.appendingPathComponent("Scenarios").path)
        for arguments in Self.commands(try Self.readme()) {
            let run = try workspace.run(arguments)
            // `--check` and `check` exit 1 when a target fails, which the README shows on purpose.
            let checks = arguments.first == "check" || arguments.contains("--check")
            #expect(run.status == 0 || (checks && run.status == 1), "\(arguments.joined(separator: " ")): \(run.stderr)")
            #expect(!run.stderr.contains("error:"), "\(arguments.joined(separator: " ")): \(run.stderr)")
            if let i = arguments.firstIndex(of: "--out"), ["run", "compare", "sweep", "sensitivity"].contains(arguments[0]) {
                #expect(workspace.exists(arguments[i + 1] + "/manifest.json"), "\(arguments)")
            }
        }
    }

    // MARK: Quoted figures

    /// The summary block `make run` prints, as the README quotes it: its trials and seed (from the
    /// line `1,000 trials × 10 years, seed 20260101, …`) and its table lines.
    struct QuotedSummary {
        let trials: Int
        let seed: UInt64
        let lines: [String]
    }

    static func quotedSummary(_ text: String) throws -> QuotedSummary {
        let start = try #require(text.range(of: "`make run` prints a summary like this"))
        let block = try #require(text[start.upperBound...].range(of: "```\n"))
        let end = try #require(text[block.upperBound...].range(of: "```"))
        var lines = text[block.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        let header = try #require(lines.dropFirst().first)
        let trials = try #require(Int(header.prefix { $0 != " " }.replacingOccurrences(of: ",", with: "")))
        let seedText = try #require(header.range(of: #"seed \d+"#, options: .regularExpression))
        let seed = try #require(UInt64(header[seedText].dropFirst(5)))
        return QuotedSummary(trials: trials, seed: seed, lines: lines)
    }

    /// The quoted lines that differ from the tool's summary `printed` (the second line, with the
    /// time and thread count, is not compared).
    static func summaryDifferences(quoted: [String], printed: String) -> [String] {
        let actual = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmed = { (line: String) in line.replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression) }
        var differences: [String] = []
        for (index, line) in quoted.enumerated() where index != 1 {
            guard index < actual.count, trimmed(actual[index]) == trimmed(line) else {
                differences.append("README: \(line)\n  tool: \(index < actual.count ? actual[index] : "(missing)")")
                continue
            }
        }
        return differences
    }

    /// One row of the pairing table: the metric, and the quoted mean difference, paired and
    /// unpaired interval widths and their ratio.
    struct PairingRow {
        let metric: String
        let diff, paired, unpaired, ratio: String
    }

    static func pairingTable(_ text: String) throws -> (trials: Int, seed: UInt64, variant: String, rows: [PairingRow]) {
        let intro = try #require(text.range(of: #"On\s+the\s+default\s+scenario,\s+(\d+)\s+trials,\s+seed\s+(\d+),\s+`(\w+)`\s+against\s+the\s+baseline"#,
                                             options: .regularExpression))
        let sentence = String(text[intro])
        let numbers = sentence.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let variant = try #require(sentence.split(separator: "`").dropFirst().first.map(String.init))
        var rows: [PairingRow] = []
        for line in text[intro.upperBound...].split(separator: "\n").drop(while: { !$0.hasPrefix("|") }).dropFirst(2) {
            guard line.hasPrefix("| `") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            rows.append(PairingRow(metric: cells[0].replacingOccurrences(of: "`", with: ""), diff: cells[1],
                                   paired: cells[2], unpaired: cells[3], ratio: cells[4]))
        }
        return (numbers[0], UInt64(numbers[1]), variant, rows)
    }

    /// The number in a quoted cell (`+37.1 results`, `−22.9 万元`, `6.7×`) and its decimals.
    static func number(_ cell: String) -> (value: Double, decimals: Int)? {
        let text = cell.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "+", with: "")
        guard let range = text.range(of: #"-?\d+(\.\d+)?"#, options: .regularExpression),
              let value = Double(text[range]) else { return nil }
        let decimals = text[range].split(separator: ".").dropFirst().first?.count ?? 0
        return (value, decimals)
    }

    /// Whether `actual`, rounded as the quoted cell is, gives the quoted number.
    static func agrees(_ cell: String, _ actual: Double) -> Bool {
        guard let (quoted, decimals) = number(cell) else { return false }
        let unit = pow(10, Double(-decimals))
        return abs(actual - quoted) <= unit / 2 + 1e-9
    }

    /// The table's figures computed from the two runs' per-trial values; the share's are in
    /// percentage points, as the README states them.
    static func pairingDifferences(_ rows: [PairingRow], baseline: [String: [Double]], variant: [String: [Double]]) -> [String] {
        var differences: [String] = []
        for row in rows {
            guard let b = baseline[row.metric], let v = variant[row.metric] else {
                differences.append("\(row.metric): not in trials.csv")
                continue
            }
            let scale = row.diff.contains("points") ? 100.0 : 1.0
            let paired = PairedComparison(baseline: b, variant: v, direction: .none)
            let welch = PairedComparison.unpaired(baseline: b, variant: v)
            let pairedWidth = (paired.diffHigh - paired.diffLow) * scale
            let welchWidth = (welch.high - welch.low) * scale
            let checks: [(String, String, Double)] = [
                ("mean diff", row.diff, paired.diff * scale), ("paired width", row.paired, pairedWidth),
                ("unpaired width", row.unpaired, welchWidth), ("ratio", row.ratio, welchWidth / pairedWidth),
            ]
            for (name, cell, actual) in checks where !agrees(cell, actual) {
                differences.append("\(row.metric) \(name): README \(cell), tool \(actual)")
            }
        }
        return differences
    }

    /// The sentence after the pairing table squares its smallest and largest ratio:
    /// "would need 4.1²–6.2² ≈ 17–38 times the trials".
    static func ratioSentenceDifferences(_ text: String, rows: [PairingRow]) throws -> [String] {
        let range = try #require(text.range(of: #"(\d+\.\d)²–(\d+\.\d)² ≈ (\d+)–(\d+)\s+times"#, options: .regularExpression))
        let numbers = text[range].replacingOccurrences(of: "²", with: " ")
            .split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        let ratios = rows.compactMap { number($0.ratio)?.value }
        var differences: [String] = []
        if numbers.count != 4 { return ["cannot read '\(text[range])'"] }
        if numbers[0] != ratios.min() || numbers[1] != ratios.max() {
            differences.append("'\(text[range])' does not name the table's smallest and largest ratio \(ratios)")
        }
        if numbers[2] != (numbers[0] * numbers[0]).rounded() || numbers[3] != (numbers[1] * numbers[1]).rounded() {
            differences.append("'\(text[range])': the squares are \((numbers[0] * numbers[0]).rounded()) and \((numbers[1] * numbers[1]).rounded())")
        }
        return differences
    }

    /// The comparisons can fail: an edited figure in the README's own text is caught.
    @Test func anEditedFigureIsCaught() throws {
        let text = try Self.readme()
        let summary = try Self.quotedSummary(text)
        let printed = summary.lines.joined(separator: "\n") + "\n"
        #expect(Self.summaryDifferences(quoted: summary.lines, printed: printed).isEmpty)
        var edited = summary.lines
        let row = try #require(edited.firstIndex { $0.hasPrefix("converted_local ") })
        edited[row] = edited[row].replacingOccurrences(of: ".", with: ",")
        #expect(Self.summaryDifferences(quoted: edited, printed: printed).count == 1)

        let table = try Self.pairingTable(text)
        #expect(table.rows.map(\.metric) == ["converted_local", "local_conversion_share", "fiscal_cost_per_local_conversion"])
        #expect(try Self.ratioSentenceDifferences(text, rows: table.rows).isEmpty)
        let editedText = text.replacingOccurrences(of: table.rows[0].ratio + " |", with: "9.9× |")
        #expect(try Self.ratioSentenceDifferences(editedText, rows: try Self.pairingTable(editedText).rows).count == 1)
        #expect(Self.agrees("+37.1 results", 37.14) && !Self.agrees("+37.1 results", 37.16))
        #expect(Self.agrees("−22.9 万元", -22.93) && Self.agrees("6.7×", 6.66) && !Self.agrees("6.7×", 6.8))
    }

    /// The trials.csv columns as numbers (an empty cell is NaN).
    static func columns(_ workspace: Workspace, _ folder: String) throws -> [String: [Double]] {
        let lines = try workspace.lines(folder + "/trials.csv")
        let header = lines[0].split(separator: ",").map(String.init)
        var columns: [String: [Double]] = [:]
        for line in lines.dropFirst() {
            for (name, cell) in zip(header, line.split(separator: ",", omittingEmptySubsequences: false)) {
                columns[name, default: []].append(Double(cell) ?? .nan)
            }
        }
        return columns
    }

    @Test(.enabled(if: figuresEnabled, "set TRANSFERSIM_README_FIGURES=1 (make readme-check) to simulate the quoted runs"))
    func theQuotedSummaryIsWhatTheToolPrints() throws {
        let summary = try Self.quotedSummary(try Self.readme())
        let workspace = try Workspace()
        // The folder named in the block's last line, "Wrote … to out/run.", as `make run` writes it.
        let out = try #require(summary.lines.last?.split(separator: " ").last.map { String($0.dropLast()) })
        let run = try workspace.run(["run", "--trials", String(summary.trials), "--seed", String(summary.seed), "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let differences = Self.summaryDifferences(quoted: summary.lines, printed: run.stdout)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test(.enabled(if: figuresEnabled, "set TRANSFERSIM_README_FIGURES=1 (make readme-check) to simulate the quoted runs"))
    func thePairingTableIsWhatTheToolComputes() throws {
        let table = try Self.pairingTable(try Self.readme())
        let workspace = try Workspace()
        for (policy, out) in [("baseline", "base"), (table.variant, "variant")] {
            let run = try workspace.run(["run", "--policy", policy, "--trials", String(table.trials),
                                         "--seed", String(table.seed), "--out", out])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let differences = Self.pairingDifferences(table.rows, baseline: try Self.columns(workspace, "base"),
                                                  variant: try Self.columns(workspace, "variant"))
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }
}
