// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// Failing runs: the exit codes of ENGINEERING.md, messages on standard error only, and no output
/// folder left behind.
@Suite struct ErrorExitTests {
    /// Runs `arguments` with `--out out/run` in a workspace holding `files`, and checks that
    /// nothing was written and nothing printed on standard output.
    func failingRun(
        _ arguments: [String], files: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Invocation {
        let workspace = try Workspace()
        for (name, text) in files { try workspace.write(name, text) }
        let run = try workspace.run(arguments + ["--out", "out/run"], sourceLocation: sourceLocation)
        #expect(
            !workspace.exists("out"), "a failing run must not create its output folder", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "errors go to standard error", sourceLocation: sourceLocation)
        return run
    }

    @Test func missingScenarioFileExits66() throws {
        let run = try failingRun(["run", "nope.yaml"])
        #expect(run.status == 66)
        #expect(run.stderr == "error: cannot read 'nope.yaml': no such file\n")
    }

    @Test func yamlSyntaxErrorExits65WithAPosition() throws {
        let run = try failingRun(["run", "bad.yaml"], files: ["bad.yaml": "name: \"x\"\nregion: [unclosed\n"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("bad.yaml:3:1: error: invalid YAML: "), "\(run.stderr)")
        #expect(!run.stderr.contains("Stack") && !run.stderr.contains("Fatal"))
    }

    @Test func unknownKeyExits65WithASuggestion() throws {
        let typo = "name: \"t\"\npolicy:\n  income:\n    inventor_shar: 0.7\n"
        let run = try failingRun(["run", "typo.yaml"], files: ["typo.yaml": typo])
        #expect(run.status == 65)
        #expect(
            run.stderr
                == "typo.yaml:4:5: error: unknown key 'inventor_shar' in policy.income; did you mean 'inventor_share'?\n"
        )
    }

    @Test func unknownPolicyExits65WithASuggestion() throws {
        let run = try failingRun(["run", "small.yaml", "--policy", "generus"], files: ["small.yaml": smallScenario])
        #expect(run.status == 65)
        #expect(
            run.stderr
                == "error: unknown policy 'generus' in scenario 'small' (known: baseline, generous); did you mean 'generous'?\n"
        )
    }

    @Test(arguments: [
        (["--trials", "0"], "--trials must be at least 1 (got 0)"),
        (["--trials", "-5"], "--trials must be at least 1 (got -5)"),
        (["--trials", "many"], "The value 'many' is invalid for '--trials <n>'"),
        (["--threads", "0"], "--threads must be at least 1 (got 0)"),
        (["--seed", "-1"], "the seed must be a whole number from 0 to 18446744073709551615"),
        (["--seed", "1.5"], "the seed must be a whole number from 0 to 18446744073709551615"),
        (["--bogus"], "Unknown option '--bogus'"),
    ])
    func badFlagsExit64(flags: [String], message: String) throws {
        let run = try failingRun(["run", "small.yaml"] + flags, files: ["small.yaml": smallScenario])
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func outputBelowARegularFileExits73() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("blocker", "a file, not a folder\n")
        let run = try workspace.run(["run", "small.yaml", "--trials", "20", "--out", "blocker/run"])
        #expect(run.status == 73)
        #expect(run.stderr == "error: cannot create 'blocker': not a directory\n")
        #expect(run.stdout.isEmpty)
        #expect(try workspace.text("blocker") == "a file, not a folder\n")
    }

    @Test func outputThatIsARegularFileExits73() throws {
        let workspace = try Workspace()
        try workspace.write("small.yaml", smallScenario)
        try workspace.write("taken", "")
        let run = try workspace.run(["run", "small.yaml", "--trials", "20", "--out", "taken"])
        #expect(run.status == 73)
        #expect(run.stderr == "error: cannot create 'taken': not a directory\n")
    }
}

extension ErrorExitTests {
    /// A bad schedule (docs/schedules.md) is an invalid scenario: exit 65, located at its year.
    @Test func badScheduleExits65AtItsLine() throws {
        let bad = "name: \"t\"\npolicy:\n  poc:\n    slots:\n      from_year:\n        1: 0\n        3: 40\n        2: 80\n"
        let run = try failingRun(["run", "bad.yaml"], files: ["bad.yaml": bad])
        #expect(run.status == 65)
        #expect(run.stderr == "bad.yaml:8:9: error: policy.poc.slots: schedule years must increase: year 2 comes after year 3\n")
    }
}
