// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// Where a command's scenario comes from: a file the user named, or the default scenario compiled
/// into the tool (`BundledScenarios.defaultYAML`, the text of `Scenarios/default.yaml`).
public enum ScenarioSource: Sendable, Equatable {
    /// A scenario file, as given on the command line.
    case file(String)
    /// The bundled default scenario.
    case bundledDefault

    /// The name the bundled default's text is known by in messages and parameter origins
    /// (`Scenarios/default.yaml:12:5`): the repository file it is a copy of.
    public static let bundledDefaultFile = "Scenarios/default.yaml"

    /// The file named on the command line, or the bundled default when there is none.
    public init(path: String?) {
        self = path.map { .file($0) } ?? .bundledDefault
    }

    /// The scenario file for provenance (`Manifest.scenarioFile`); `nil` for the bundled default.
    public var file: String? {
        switch self {
        case let .file(path): return path
        case .bundledDefault: return nil
        }
    }

    /// Reads and checks the scenario, and gives the SHA-256 (lower-case hexadecimal) of the bytes
    /// read: of the file, or of the bundled text's UTF-8 for the default.
    ///
    /// Throws a `ScenarioError` of category `.missingFile` when a file cannot be read, `.invalid`
    /// when it is not a valid scenario.
    public func load() throws(ScenarioError) -> (scenario: Scenario, sha256: String) {
        switch self {
        case let .file(path):
            return try ScenarioLoader.loadWithDigest(path: path)
        case .bundledDefault:
            let text = BundledScenarios.defaultYAML
            let scenario = try ScenarioLoader.parse(yaml: text, file: Self.bundledDefaultFile)
            return (scenario, SHA256.hex(of: text.utf8))
        }
    }
}
