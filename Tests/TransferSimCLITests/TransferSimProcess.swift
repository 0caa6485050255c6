// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// Where the `transfersim` binary under test is, and how to run it.
///
/// The binary is found, in this order:
/// 1. at `$TRANSFERSIM_BINARY`, when set (for testing an installed or release binary);
/// 2. next to the test bundle, in the build's products folder (`swift test` builds every product,
///    so `transfersim` sits beside `TransferSimPackageTests.xctest` whatever `--scratch-path` is:
///    `.build/debug`, `.build-cli/debug`, …);
/// 3. as a last resort, in `.build*/debug/` under the package root, found from this file's path.
enum TransferSimBinary {
    static let url: URL? = locate()

    private static func locate() -> URL? {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["TRANSFERSIM_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folders: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL)
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scratch = (try? fileManager.contentsOfDirectory(atPath: packageRoot.path)) ?? []
        for name in scratch.sorted() where name.hasPrefix(".build") {
            folders.append(packageRoot.appendingPathComponent(name).appendingPathComponent("debug"))
        }
        return folders.map { $0.appendingPathComponent("transfersim") }
            .first { fileManager.isExecutableFile(atPath: $0.path) }
    }
}

/// What one run of the binary did.
struct Invocation {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// A fresh temporary folder that a test runs the binary in (its working directory), removed when
/// the test ends.
final class Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("transfersim-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` in the workspace.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names in the folder `name`, sorted.
    func entries(_ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(name))) ?? []).sorted()
    }

    /// Writes a file (relative to the workspace).
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    /// Whether anything exists at `name`.
    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
    }

    /// The bytes of the file at `name`.
    func data(_ name: String) throws -> Data {
        try Data(contentsOf: url.appendingPathComponent(name))
    }

    /// The text of the file at `name`.
    func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// The lines of the file at `name` (without the final empty one).
    func lines(_ name: String) throws -> [String] {
        try text(name).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Runs `transfersim` with `arguments` in the workspace, standard input closed, and waits.
    /// `environment` adds variables to the test process's own (e.g. `TRANSFERSIM_FAIL_WRITE`).
    func run(_ arguments: [String], environment: [String: String] = [:],
             sourceLocation: SourceLocation = #_sourceLocation) throws -> Invocation {
        let binary = try #require(
            TransferSimBinary.url,
            "transfersim binary not found next to the test bundle: build it (swift build) or set TRANSFERSIM_BINARY",
            sourceLocation: sourceLocation)
        let streams = FileManager.default.temporaryDirectory.appendingPathComponent(
            "transfersim-cli-\(UUID().uuidString)")
        let stdoutURL = streams.appendingPathExtension("stdout")
        let stderrURL = streams.appendingPathExtension("stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = url
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return Invocation(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}

extension Workspace {
    /// Starts the binary with `arguments` in the workspace (no output kept), waits until the file
    /// `watched` holds at least `lines` lines (or the process ends, or a minute passes) and sends
    /// it `signal`: how the resume tests interrupt a long command mid-run.
    func interrupt(_ arguments: [String], watching watched: String, lines: Int, signal: Int32) throws {
        let binary = try #require(TransferSimBinary.url)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            let text = (try? self.text(watched)) ?? ""
            if text.filter({ $0 == "\n" }).count >= lines { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}

/// The first cell of each line of a CSV table, header row excluded.
func firstColumn(_ lines: [String]) -> [String] {
    lines.dropFirst().map { line in String(line.prefix { $0 != "," }) }
}

/// A small scenario that runs in milliseconds: 60 results a year over 3 years, and one variant.
/// Positions used by the tests: `horizon_years` value at 4:20, `annual_disclosures` at 7:25,
/// the variant's `inventor_share` at 12:32.
let smallScenario = """
    name: "small"
    region:
      time:
        horizon_years: 3
        intake_years: 3
      arrivals:
        annual_disclosures: 60
    variants:
      generous:
        description: "More for inventors"
        policy:
          income: {inventor_share: 0.7}

    """
