// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing
import TransferSimIO

/// `transfersim new --from PRESET FILE`.
@Suite struct NewCommandTests {
    @Test func writesAValidStarterFromEachPreset() throws {
        let workspace = try Workspace()
        for preset in BundledScenarios.presets {
            let file = "\(preset.name)-city.yaml"
            let run = try workspace.run(["new", "--from", preset.name, file])
            #expect(run.status == 0, "\(run.stderr)")
            let text = try workspace.text(file)
            #expect(text.hasPrefix("# yaml-language-server: $schema=scenario.schema.json\n"))
            #expect(text.contains("`transfersim new --from \(preset.name)`"))
            let check = try workspace.run(["validate", file])
            #expect(check.status == 0, "\(check.stderr)")
        }
    }

    @Test func defaultsToTheDefaultPresetAndSetsTheName() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["new", "--name", "Mytown (我的城市)", "my-city.yaml"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try workspace.text("my-city.yaml")
        #expect(text.contains("\nname: \"Mytown (我的城市)\"\n"))
        #expect(text.contains("from Scenarios/default.yaml"))
        let params = try workspace.run(["params", "my-city.yaml"])
        #expect(params.status == 0, "\(params.stderr)")
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let workspace = try Workspace()
        try workspace.write("taken.yaml", "name: \"mine\"\n")
        let run = try workspace.run(["new", "--from", "default", "taken.yaml"])
        #expect(run.status == 73)
        #expect(run.stderr.contains("--force"))
        #expect(try workspace.text("taken.yaml") == "name: \"mine\"\n")
        let forced = try workspace.run(["new", "--from", "default", "--force", "taken.yaml"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try workspace.text("taken.yaml").contains("Default city"))
    }

    @Test func neverWritesOntoALinkOrFIFOEvenWithForce() throws {
        let workspace = try Workspace()
        try workspace.write("mine.yaml", "name: \"mine\"\n")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link.yaml"), withDestinationPath: "mine.yaml")
        #expect(mkfifo(workspace.path("fifo.yaml"), 0o644) == 0)
        for target in ["link.yaml", "fifo.yaml", "/dev/null"] {
            let run = try workspace.run(["new", "--from", "default", "--force", target])
            #expect(run.status == 73, "\(target): \(run.stderr)")
        }
        #expect(try workspace.text("mine.yaml") == "name: \"mine\"\n")
        #expect(workspace.entries(".") == ["fifo.yaml", "link.yaml", "mine.yaml"])
    }

    @Test func unknownPresetIsAUsageError() throws {
        let run = try Workspace().run(["new", "--from", "atlantis", "x.yaml"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("default"))
    }
}
