// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// Reads scenario files (MODEL.md §9): YAML with `name`, `description`, the catalogue's groups
/// (`region`, `policy`) and `variants`.
///
/// ```yaml
/// name: "Default city (默认城市)"
/// region:
///   arrivals:
///     annual_disclosures: {dist: triangular, low: 600, mode: 800, high: 1000}
///   fields:
///     marine: {share: 0.05}          # a new field must give its share
/// policy:
///   income: {inventor_share: 0.7}
/// variants:
///   land_release:
///     description: "Release 300 亩 a year"
///     policy:
///       income: {inventor_share: 0.8}
/// ```
///
/// Every problem is reported, each at its `file:line:column` (unknown keys with a "did you mean",
/// values of the wrong kind or out of range, malformed distributions, repeated keys, and the
/// cross-parameter checks of `Scenario.resolve` for the baseline and every variant), in one
/// `ScenarioError`.
public enum ScenarioLoader {
    /// Reads and checks the scenario file at `path`.
    ///
    /// Throws a `ScenarioError` of category `.missingFile` when the file cannot be read, and of
    /// category `.invalid` when it is not a valid scenario.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        try loadWithDigest(path: path).scenario
    }

    /// Reads and checks the scenario file at `path`, and gives the SHA-256 of the bytes read
    /// (lower-case hexadecimal) for the run's provenance.
    public static func loadWithDigest(path: String) throws(ScenarioError) -> (scenario: Scenario, sha256: String) {
        let bytes = try InputFile.bytes(path, kind: "scenario")
        let text = try decodeText(bytes, file: path)
        return (try parse(yaml: text, file: path), SHA256.hex(of: bytes))
    }

    /// Reads and checks a scenario given as text; `file` names it in messages and origins. Without
    /// a `name` key the scenario is named after the file (its base name without extension).
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        let document = try YAMLDocument.compose(yaml, file: file)
        var reader = ScenarioReader(file: file, document: document)
        guard let scenario = reader.read(defaultName: baseName(of: file)) else {
            throw ScenarioError(inFileOrder(reader.problems))
        }
        try checkResolution(scenario)
        return scenario
    }

    /// Runs the cross-parameter checks of `Scenario.resolve` on the baseline and each variant. A
    /// variant's problem that the baseline does not have is prefixed with the variant's name.
    private static func checkResolution(_ scenario: Scenario) throws(ScenarioError) {
        var problems: [ScenarioProblem] = []
        do {
            _ = try scenario.resolve()
        } catch {
            problems += error.problems
        }
        for variant in scenario.variants {
            do {
                _ = try scenario.resolve(policy: variant.name)
            } catch {
                for problem in error.problems where !problems.contains(problem) {
                    let located = ScenarioProblem("in variant '\(variant.name)': \(problem.message)", at: problem.origin)
                    if !problems.contains(located) { problems.append(located) }
                }
            }
        }
        if !problems.isEmpty { throw ScenarioError(inFileOrder(problems)) }
    }

    /// The file's bytes as text: UTF-8 (a byte order mark is allowed), with no NUL bytes.
    static func decodeText(_ bytes: [UInt8], file: String) throws(ScenarioError) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ScenarioError("not a UTF-8 text file: it starts with a UTF-16 byte order mark (save it as UTF-8)",
                                at: Origin(file: file, line: 1, column: 1))
        }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        var previous: Unicode.Scalar?
        decoding: while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value == 0 {
                    throw ScenarioError("not a text file: it contains a NUL byte at byte \(offset + 1) (is it a binary file?)",
                                        at: Origin(file: file, line: line, column: column))
                }
                offset += encoded.count
                if TextPosition.isBreak(scalar) {
                    if !(scalar == "\n" && previous == "\r") { line += 1 }
                    column = 1
                } else {
                    column += 1
                }
                previous = scalar
            case .error:
                let byte = offset < bytes.count ? bytes[offset] : 0
                let hex = String(byte, radix: 16, uppercase: true)
                throw ScenarioError("not a UTF-8 text file: invalid byte 0x\(hex.count == 1 ? "0" + hex : hex) at byte \(offset + 1) (is it a binary file?)",
                                    at: Origin(file: file, line: line, column: column))
            case .emptyInput:
                break decoding
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `file`'s last path component without its extension: `Scenarios/city.yaml` → `city`.
    static func baseName(of file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }

    /// Problems ordered by position (those without one first), keeping the order of equal ones.
    static func inFileOrder(_ problems: [ScenarioProblem]) -> [ScenarioProblem] {
        problems.enumerated().sorted { a, b in
            let ka = (a.element.origin?.line ?? 0, a.element.origin?.column ?? 0, a.offset)
            let kb = (b.element.origin?.line ?? 0, b.element.origin?.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }
}
