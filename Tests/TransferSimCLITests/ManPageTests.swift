// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// The man page (scripts/man-page.py, installed by `make install`) is generated from the parser's
/// own description: a section for every subcommand, the Chinese text kept, and it renders.
@Suite struct ManPageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `arguments` through /usr/bin/env; status and output (stdout and stderr apart).
    func shell(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outText = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, outText, errText)
    }

    @Test func theManPageDocumentsEverySubcommandAndKeepsTheChinese() throws {
        let binary = try #require(TransferSimBinary.url, "transfersim binary not found")
        let workspace = try Workspace()
        let generated = try shell(["python3", Self.root.appendingPathComponent("scripts/man-page.py").path,
                                   "--binary", binary.path, "--out", workspace.path("transfersim.1")])
        #expect(generated.status == 0, "\(generated.err)")
        let page = try workspace.text("transfersim.1")
        // The subcommands, from the parser itself.
        let help = try workspace.run(["--experimental-dump-help"])
        let info = try #require(try JSONSerialization.jsonObject(with: Data(help.stdout.utf8)) as? [String: Any])
        let command = try #require(info["command"] as? [String: Any])
        let subcommands = try #require(command["subcommands"] as? [[String: Any]]).compactMap { $0["commandName"] as? String }
        #expect(subcommands.contains("export") && subcommands.contains("validate") && subcommands.count >= 14)
        for name in subcommands {
            #expect(page.contains(".SS \"transfersim \(name)\""), "no section for \(name)")
        }
        #expect(page.contains("科技成果转化政策模拟"), "the Chinese abstract is kept")
        #expect(page.contains("\\fB\\-\\-xlsx\\fR \\fI<file>\\fR"), "options are listed with their value names")

        // man(1) renders it in a UTF-8 locale without warnings, Chinese included.
        let rendered = try shell(["man", "-l", workspace.path("transfersim.1")],
                                 environment: ["LC_ALL": "C.utf8", "MANWIDTH": "100", "MANPAGER": "cat", "PAGER": "cat"])
        // Without man(1) on the machine (env exits 127) the page's text was checked above.
        if rendered.status == 127 { return }
        #expect(rendered.status == 0, "\(rendered.err)")
        #expect(rendered.err.isEmpty, "\(rendered.err)")
        #expect(rendered.out.contains("transfersim - Monte Carlo simulation of technology-transfer policy (科技成果转化政策模拟)."))
        #expect(rendered.out.contains("transfersim export"))
    }
}
