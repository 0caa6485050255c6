// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim optimise`: the cheapest robust package (Nelder–Mead), the Pareto front of several
/// objectives (NSGA-II), or goal seek on one lever (bisection), every candidate on common random
/// numbers. The search methods live in TransferSimCore/Search; docs/policy-search.md explains them.
struct OptimiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimise",
        abstract: "Search policy packages: the best under chance constraints, a Pareto front, or goal seek on one lever (政策组合寻优).",
        discussion: """
            With a spec (YAML; `transfersim schema --format optimise`): the decision levers with \
            bounds (integer, or a list of values), objectives and chance constraints such as \
            'P(converted_local >= 300) >= 0.8' or 'converted_local.p20 >= 250'. One objective: \
            GSL's Nelder–Mead simplex (nmsimplex2) on sine-transformed bounds, constraints as a \
            penalty, one restart. Several: NSGA-II. Every candidate runs the same trials \
            0..<trials with the same seed (common random numbers); the answer (best package, or \
            every package of the front) is re-run on fresh trials trials..<trials+fresh_trials \
            and both are reported, so the optimism of picking the best (the winner's curse) shows.

            Goal seek: --seek PATH --target 'converted_local.mean >= 250' finds the smallest \
            value of PATH in [--low, --high] meeting the target, by bisection on common random \
            numbers, with the interval of the answer: the values at which the target's 95 % \
            interval (of the mean; other statistics have none) first reaches the threshold.

            Writes into the output folder: evaluations.csv (every candidate), front.csv (the \
            front, or the best package; search and fresh columns), front.svg (two objectives), \
            or seek.csv for goal seek; manifest.json. Candidate evaluations are journaled as \
            they finish in DIR.in-progress: after an interrupt run the same command with \
            --resume. Deterministic for a seed and any --threads. See docs/policy-search.md.

            Across machines (NSGA-II): a generation's candidates are independent, so they can be \
            evaluated as a sweep. With --emit-design NEXT the search replays its journal and, at \
            the first candidates nobody has evaluated, writes them to NEXT as a sweep \
            (sweep.yaml, design.csv) and stops. Run `transfersim sweep NEXT/sweep.yaml --shard \
            K/N` on N machines and `transfersim merge` the shards, then the same optimise \
            command with --import MERGED: the imported outcomes go into the journal and the \
            next generation is written; the front's re-run on fresh trials is one more round. \
            When nothing is left to evaluate the results are written to --out, exactly as an \
            unsharded run writes them, and NEXT is removed. Nelder–Mead and goal seek ask for \
            one candidate at a time, each depending on the last: they do not shard.

            Examples:
              transfersim optimise Scenarios/search/cheapest-robust.yaml --out out/cheapest
              transfersim optimise --seek policy.land.annual_quota_mu --target "converted_local.mean >= 250" --high 1000
              transfersim optimise front.yaml --out front --emit-design next --import merged
            """,
        aliases: ["optimize"]
    )

    @Argument(help: ArgumentHelp("The optimisation spec (YAML). Optional with --seek.", valueName: "spec.yaml"))
    var spec: String?

    @Option(help: ArgumentHelp("Goal seek: the parameter path to vary.", valueName: "path"))
    var seek: String?

    @Option(help: ArgumentHelp("Goal seek: the target, e.g. 'converted_local.mean >= 250'.", valueName: "expr"))
    var target: String?

    @Option(help: ArgumentHelp("Goal seek: the lowest value (default: the spec's lever bound, else the parameter's lower limit).", valueName: "x"))
    var low: Double?

    @Option(help: ArgumentHelp("Goal seek: the highest value (default: the spec's lever bound; required otherwise unless the parameter's upper limit is at most 100,000).", valueName: "x"))
    var high: Double?

    @Option(help: ArgumentHelp("Goal seek: the answer's resolution (whole-number parameters: 1).", valueName: "r"))
    var resolution: Double?

    @Option(help: ArgumentHelp("Goal seek: the scenario file (default: the spec's, else the bundled default).", valueName: "file"))
    var scenario: String?

    @Option(help: ArgumentHelp("Trials per candidate, and of the re-run on fresh trials (overrides the spec's trials and fresh_trials).", valueName: "n"))
    var trials: Int?

    @Option(help: ArgumentHelp("Master seed (overrides the spec).", valueName: "s"), transform: SimulationOptions.seed(from:))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Worker threads (results do not depend on it).", valueName: "t"))
    var threads: Int?

    @Option(help: ArgumentHelp("The output folder: new, empty, or an earlier results folder, which is replaced whole.", valueName: "dir"))
    var out: String = "out"

    @Flag(help: "Continue an interrupted search: journaled candidates are not simulated again.")
    var resume = false

    @Option(name: .customLong("emit-design"),
            help: ArgumentHelp("Sharded search (NSGA-II): write the next candidates nobody has evaluated into this folder as a sweep (sweep.yaml, design.csv) and stop, instead of simulating them. Continues the journal like --resume.",
                               valueName: "dir"))
    var emitDesign: String?

    @Option(name: .customLong("import"),
            help: ArgumentHelp("A merged sweep folder that evaluated an emitted design (repeatable): its candidates' outcomes are used instead of simulating them. Continues the journal like --resume.",
                               valueName: "dir"))
    var imports: [String] = []

    /// Whether the sharded route is on (`--emit-design` or `--import`).
    var sharded: Bool { emitDesign != nil || !imports.isEmpty }

    func validate() throws {
        if spec == nil && seek == nil { throw ValidationError("give a spec file, or --seek PATH --target EXPR") }
        if (seek == nil) != (target == nil) { throw ValidationError("--seek and --target go together") }
        if let target { _ = try TargetOptions.parse(target) }
        if let trials, trials < 1 { throw ValidationError("--trials must be at least 1 (got \(trials))") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        if let resolution, !(resolution > 0) { throw ValidationError("--resolution must be positive") }
        if seek != nil && sharded {
            throw ValidationError("goal seek bisects, each value depending on the last: there is nothing to shard (--emit-design and --import are for NSGA-II searches)")
        }
        if let emitDesign, URL(fileURLWithPath: emitDesign).standardized.path == URL(fileURLWithPath: out).standardized.path {
            throw ValidationError("--emit-design must be another folder than --out")
        }
    }

    func run() throws {
        let startTime = Date()
        var parsed: OptimiseSpec?
        var specText = ""
        do throws(ScenarioError) {
            if let spec {
                specText = try InputFile.text(spec, kind: "optimisation spec")
                parsed = try OptimiseSpec.parse(yaml: specText, file: spec)
            } else if let seek {
                parsed = OptimiseSpec(goal: SearchGoal(objectives: [], constraints: []))
                guard ParameterCatalogue.standard.index(of: seek) != nil else {
                    var message = "unknown parameter '\(seek)'"
                    if let guess = ParameterCatalogue.standard.suggestion(for: seek) { message += "; did you mean '\(guess)'?" }
                    throw ScenarioError(message)
                }
            }
        } catch {
            throw Diagnostics.report(error)
        }
        var search = parsed!
        if let trials {
            search.trials = trials
            search.freshTrials = trials
        }
        if let seed { search.seed = seed }
        let source = ScenarioSource(path: scenario ?? search.scenarioPath)
        let loaded: (scenario: Scenario, sha256: String)
        let base: ResolvedParameters
        do throws(ScenarioError) {
            let file = try source.load()
            loaded = (file.scenario, file.sha256)
            base = try file.scenario.resolveCombined(policy: search.policy)
        } catch {
            throw Diagnostics.report(error)
        }
        var folder = try CommandSupport.writableFolder(out, command: "optimise", inputs: [spec, source.file].compactMap { $0 })
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let simulation = try Self.simulation(trials: search.trials, seed: search.seed, threads: threadCount)

        if let seek, let target {
            let goalTarget = try TargetOptions.parse(target)
            try runSeek(path: seek, target: goalTarget, search: search, base: base, simulation: simulation,
                        loaded: loaded, sourceFile: source.file, folder: &folder, startTime: startTime, specText: specText)
            return
        }

        let levers = search.levers, goal = search.goal
        let paths = levers.map(\.path)
        let method = search.method
        if sharded && method != "nsga2" {
            Diagnostics.write("error: --emit-design and --import shard NSGA-II's generations (a spec with two or more objectives); Nelder–Mead asks for one candidate at a time, each depending on the last, so there is nothing to spread over machines (its trials use every --threads)")
            throw ExitCode.validationFailure
        }
        let supply = try importedEvaluations(paths: paths, goal: goal, scenarioSHA256: loaded.sha256, policy: base.policyName,
                                             seed: search.seed)
        let measureCount = goal.objectives.count + goal.constraints.count
        let hash = SweepJournal.sweepHash(parts: ["optimise", specText, loaded.sha256], seed: search.seed, trials: search.trials)
        let journal = try openJournal(hash: hash, levers: levers.count, measures: measureCount, resume: resume || sharded)
        SweepCommand.exitOnInterrupt()
        let evaluate = Self.evaluator(journal: journal, base: base, paths: paths, simulation: simulation, supply: supply,
                                      emitting: emitDesign != nil) { goal.measures($0) }
        var answer: [[Double]] = []
        let generations = search.nsga2.generations
        var generation = 0
        var freshMeasures: [[Double]] = []
        do {
            if method == "nsga2" {
                let result = try NSGA2.run(levers, options: search.nsga2, progress: { g in
                    generation = g + 1
                    Diagnostics.write("generation \(g)/\(generations): \(journal.order.count) candidates evaluated")
                }) { batch in try evaluate(batch).map(goal.score) }
                answer = result.front.map(\.levers)
            } else {
                let result = try NelderMead.minimise(levers, options: search.nelderMead) { batch in try evaluate(batch).map(goal.score) }
                answer = [result.best.levers]
            }
            // The answer again, on fresh trials.
            if let measures = supply?.measures(of: answer, firstTrial: search.trials, trials: search.freshTrials) {
                freshMeasures = measures
            } else if emitDesign != nil {
                throw SearchDesign.Needed(candidates: answer, firstTrial: search.trials, trials: search.freshTrials,
                                          step: "The front's re-run on fresh trials")
            } else {
                let fresh = try Self.simulation(trials: search.freshTrials, seed: search.seed, threads: threadCount)
                let resolved = try answer.map { try Self.parameters(base, paths: paths, values: $0) }
                let freshRuns = PolicyRuns(resolved, simulation: fresh, convergence: try ConvergenceOptions.parse([]), firstTrial: search.trials)
                freshMeasures = freshRuns.results.map(goal.measures)
            }
        } catch let needed as SearchDesign.Needed {
            journal.close()
            let step = needed.step.isEmpty
                ? (generation == 0 ? "NSGA-II's initial population (generation 0 of \(generations))" : "NSGA-II generation \(generation) of \(generations)")
                : needed.step
            try writeDesign(SearchDesign.Needed(candidates: needed.candidates, firstTrial: needed.firstTrial, trials: needed.trials, step: step),
                            paths: paths, search: search, base: base, loaded: loaded, sourceFile: source.file, startTime: startTime,
                            threads: threadCount, evaluated: journal.order.count)
            noteUnused(supply)
            return
        } catch let error as SweepJournal.JournalError {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as ScenarioError {
            throw Diagnostics.report(error)
        }
        journal.close()
        let packages = zip(answer, freshMeasures).map { (levers: $0, search: journal.known[$0]!, fresh: $1) }

        folder.add(file: SearchTables.evaluationsFileName,
                   contents: SearchTables.evaluationsCSV(levers: levers, goal: goal, evaluations: journal.order))
        folder.add(file: SearchTables.frontFileName, contents: SearchTables.frontCSV(levers: levers, goal: goal, packages: packages))
        if goal.objectives.count == 2 {
            let o = goal.objectives
            let chart = ParetoFrontChart(
                title: "Pareto front 帕累托前沿: \(o[0]) vs \(o[1])",
                xTitle: MetricLabel(o[0].statistic.metric.name, language: .en).axisTitle + " — " + o[0].statistic.description,
                yTitle: MetricLabel(o[1].statistic.metric.name, language: .en).axisTitle + " — " + o[1].statistic.description,
                packages: packages.map { ((Double($0.search[0]), $0.search[1]), ($0.fresh[0], $0.fresh[1])) })
            folder.add(file: "front.svg", contents: chart.svg())
        }
        try commit(&folder, loaded: loaded, sourceFile: source.file, base: base, startTime: startTime, hash: hash,
                   trials: search.trials, seed: search.seed, threads: threadCount)

        print("\(loaded.scenario.name) — \(method == "nsga2" ? "Pareto front (NSGA-II)" : "best package (Nelder–Mead)") 政策组合寻优")
        print("\(journal.order.count) candidates evaluated (\(journal.resumedCount) from the journal), \(ReadableNumber.count(search.trials)) trials each on common random numbers, seed \(search.seed); re-run on \(ReadableNumber.count(search.freshTrials)) fresh trials from trial \(search.trials).\n")
        let columns = goal.objectives.map(\.statistic.description) + goal.constraints.map { "\($0.measuredName) (constraint: \($0.text))" }
        for (i, p) in packages.enumerated() {
            let leversText = zip(paths, p.levers).map { "\($0) = \(format($1))" }.joined(separator: ", ")
            print("\(i + 1). \(leversText)")
            for (k, c) in columns.enumerated() {
                print("     \(c): \(format(Self.rounded(p.search[k]))) (fresh \(format(Self.rounded(p.fresh[k]))))")
            }
            let s = goal.score(p.search), f = goal.score(p.fresh)
            print("     feasible: \(s.isFeasible ? "yes" : "no") (fresh: \(f.isFeasible ? "yes" : "no"))")
        }
        print("\nWrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
        noteUnused(supply)
        if let emitDesign, SearchDesign.removeFolder(emitDesign) {
            print("The search needs no more evaluations: removed the design folder \(emitDesign).")
        }
    }

    /// The options `PolicyRuns` takes, as `--trials N --seed S --threads T` would give them.
    static func simulation(trials: Int, seed: UInt64, threads: Int) throws -> SimulationOptions {
        try SimulationOptions.parse(["--trials", String(trials), "--seed", String(seed), "--threads", String(threads)])
    }

    static func rounded(_ x: Double) -> Double { x.isFinite ? (x * 1000).rounded() / 1000 : x }

    func openJournal(hash: String, levers: Int, measures: Int, resume: Bool) throws -> CandidateJournal {
        do throws(SweepJournal.JournalError) {
            return try CandidateJournal(folder: OutputFolder.workingFolder(for: out), hash: hash, leverCount: levers,
                                        measureCount: measures, resume: resume)
        } catch {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
    }

    static func parameters(_ base: ResolvedParameters, paths: [String], values: [Double]) throws -> ResolvedParameters {
        do throws(ScenarioError) {
            return try SweepRunner.parameters(base, paths: paths, values: values)
        } catch {
            throw Diagnostics.report(error)
        }
    }

    /// Measures a batch of candidates: journaled ones from the journal, the others simulated
    /// together through `PolicyRuns` on the same trials, journaled, in the batch's order.
    /// With `supply`, candidates its imported sweeps evaluated are taken from them when all the
    /// batch's new candidates are there (journaled in the batch's order, as if simulated);
    /// `emitting`, a batch with others throws `SearchDesign.Needed` instead of simulating them.
    static func evaluator(journal: CandidateJournal, base: ResolvedParameters, paths: [String], simulation: SimulationOptions,
                          supply: SearchDesign.Supply? = nil, emitting: Bool = false,
                          measure: @escaping (RunResult) -> [Double]) -> ([[Double]]) throws -> [[Double]] {
        { batch in
            var missing: [[Double]] = []
            for x in batch where journal.known[x] == nil && !missing.contains(x) { missing.append(x) }
            if !missing.isEmpty, let imported = supply?.measures(of: missing, firstTrial: 0, trials: simulation.trials) {
                for (x, measures) in zip(missing, imported) { try journal.record(levers: x, measures: measures) }
            } else if !missing.isEmpty, emitting {
                throw SearchDesign.Needed(candidates: missing, firstTrial: 0, trials: simulation.trials, step: "")
            } else if !missing.isEmpty {
                let resolved = try missing.map { try parameters(base, paths: paths, values: $0) }
                let runs = PolicyRuns(resolved, simulation: simulation, convergence: try ConvergenceOptions.parse([]))
                for (x, result) in zip(missing, runs.results) { try journal.record(levers: x, measures: measure(result)) }
            }
            return batch.map { journal.known[$0]! }
        }
    }

    func commit(_ folder: inout OutputFolder, loaded: (scenario: Scenario, sha256: String), sourceFile: String?,
                base: ResolvedParameters, startTime: Date, hash: String, trials: Int, seed: UInt64, threads: Int) throws {
        var manifest = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
            scenarioName: loaded.scenario.name, scenarioFile: sourceFile, scenarioSHA256: loaded.sha256,
            policy: base.policyName, seed: seed, trials: trials, threads: threads, startTime: startTime, endTime: Date(),
            commandLine: CommandLine.arguments, parameters: Manifest.parameters(of: base), targets: target.map { [$0] })
        manifest.sweepSHA256 = hash
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit(workingFolder: OutputFolder.workingFolder(for: out))
        } catch {
            throw Diagnostics.report(error)
        }
    }

    /// Goal seek on `path`.
    func runSeek(path: String, target: Target, search: OptimiseSpec, base: ResolvedParameters, simulation: SimulationOptions,
                 loaded: (scenario: Scenario, sha256: String), sourceFile: String?, folder: inout OutputFolder,
                 startTime: Date, specText: String) throws {
        let catalogue = ParameterCatalogue.standard
        let kind = catalogue.specs[catalogue.index(of: path)!].kind
        var integer = false
        if case .integer = kind { integer = true }
        var lo = kind.range.lowerBound, hi: Double? = kind.range.upperBound <= 100_000 ? kind.range.upperBound : nil
        if let lever = search.levers.first(where: { $0.path == path }), case let .interval(l, h, i) = lever.domain {
            lo = l
            hi = h
            integer = integer || i
        }
        if let low { lo = low }
        if let high { hi = high }
        guard let hi else {
            Diagnostics.write("error: --seek \(path): give --high (the parameter's upper limit, \(format(kind.range.upperBound)), is too wide to bisect)")
            throw ExitCode.validationFailure
        }
        guard lo < hi else {
            Diagnostics.write("error: --seek \(path): --low (\(format(lo))) must be below --high (\(format(hi)))")
            throw ExitCode.validationFailure
        }
        let step = resolution ?? (integer ? 1 : (hi - lo) / 1000)
        let hash = SweepJournal.sweepHash(parts: ["seek", path, target.description, format(lo), format(hi), format(step), specText, loaded.sha256],
                                          seed: simulation.seed, trials: simulation.trials)
        let journal = try openJournal(hash: hash, levers: 1, measures: 3, resume: resume)
        SweepCommand.exitOnInterrupt()
        let evaluate = Self.evaluator(journal: journal, base: base, paths: [path], simulation: simulation) { result in
            let s = Summary(result.values(target.metric))
            switch target.statistic {
            case .mean: return [s.mean, s.ciLow, s.ciHigh]
            case .p05: return [s.p05, s.p05, s.p05]
            case .p25: return [s.p25, s.p25, s.p25]
            case .p50: return [s.p50, s.p50, s.p50]
            case .p75: return [s.p75, s.p75, s.p75]
            case .p95: return [s.p95, s.p95, s.p95]
            case .min: return [s.min, s.min, s.min]
            case .max: return [s.max, s.max, s.max]
            case .sd: return [s.sd, s.sd, s.sd]
            default: return [s.mean, s.ciLow, s.ciHigh]
            }
        }
        let rising = target.comparison == .atLeast || target.comparison == .greater
        let outcome: GoalSeek.Result
        do {
            outcome = try GoalSeek.seek(
                low: lo, high: hi, resolution: step, integer: integer, holds: target.holds,
                favourableEnd: { rising ? $0.high : $0.low }, unfavourableEnd: { rising ? $0.low : $0.high }) { x in
                    let m = try evaluate([[x]])[0]
                    Diagnostics.write("\(path) = \(format(x)): \(target.key) = \(format(Self.rounded(m[0])))")
                    return GoalSeek.Estimate(value: m[0], low: m[1], high: m[2])
                }
        } catch let failure as GoalSeek.Failure {
            journal.close()
            Diagnostics.write("error: \(path) in [\(format(lo)), \(format(hi))]: \(failure.description)")
            throw ExitCode.failure
        } catch let error as SweepJournal.JournalError {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        }
        journal.close()
        var table = CSVWriter(header: ["evaluation", path, target.key, "ci_low", "ci_high", "meets_target"])
        for (i, e) in journal.order.enumerated() {
            table.append([.integer(i), .number(e.levers[0]), .number(e.measures[0]), .number(e.measures[1]), .number(e.measures[2]),
                          .integer(target.holds(e.measures[0]) ? 1 : 0)])
        }
        folder.add(file: "seek.csv", contents: table.text)
        try commit(&folder, loaded: loaded, sourceFile: sourceFile, base: base, startTime: startTime, hash: hash,
                   trials: simulation.trials, seed: simulation.seed, threads: simulation.threadCount)
        let conservative = outcome.conservative.map { format(Self.rounded($0)) } ?? "above \(format(hi))"
        print("Goal seek 目标求解: the smallest \(path) with \(target.description)")
        print("  answer 答案: \(format(Self.rounded(outcome.answer))) (\(target.key) = \(format(Self.rounded(outcome.estimate.value))), 95 % interval [\(format(Self.rounded(outcome.estimate.low))), \(format(Self.rounded(outcome.estimate.high)))])")
        print("  interval of the answer 答案区间: [\(format(Self.rounded(outcome.optimistic))), \(conservative)]")
        print("  \(journal.order.count) values evaluated (\(journal.resumedCount) from the journal) on the same \(ReadableNumber.count(simulation.trials)) trials, seed \(simulation.seed), resolution \(format(step)).")
        print("Wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
    }
}
