// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import TransferSimCore
import TransferSimIO

/// `transfersim calibrate`: fits a scenario's uncertain parameters to a region's observed figures
/// by ABC-SMC and writes the posterior, its summaries, the predictive check and a calibrated scenario.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit a scenario's uncertain parameters to observed figures (ABC-SMC); write a calibrated scenario.",
        discussion: """
            The parameters fitted are the scenario's parameters given as distributions (their \
            distributions are the priors) and any the observed file's priors: section adds. The \
            observed file (YAML; `transfersim schema --format observed`) lists figures, each mapped \
            to a model quantity (metric, a yearly metric over a window of years, or a funnel stage), \
            with its value, uncertainty and source. A simulated history's distance to them is the \
            Euclidean norm of the differences, each divided by its figure's uncertainty.

            Method: ABC by sequential Monte Carlo (the pyabc form): generation 0 draws --particles \
            from the prior; each later generation's tolerance is the median of the previous \
            distances; particles are proposed from the previous population through a multivariate \
            normal kernel (Silverman bandwidth) and weighted prior / Σ w K. It stops after \
            --generations, or when the acceptance rate falls below --until-acceptance (default \
            0.02), the tolerance reaches --min-tolerance (default √K for K figures: together \
            within about one stated uncertainty each; 0 fits ever closer), or --budget simulations \
            are spent (no new generation starts). A \
            progress line per generation (tolerance, acceptance rate, effective sample size) goes \
            to standard error.

            Writes into DIR: posterior.csv (the weighted particles), prior.csv (generation 0's prior \
            draws), calibration.csv (prior and posterior mean, sd, 5/50/95 %, sd ratio), \
            predictive.csv (each figure beside the posterior predictive mean and 90 % interval), \
            generations.csv, calibrated.yaml (the \
            scenario with the fitted parameters drawn together from posterior.csv: run, compare, \
            levers and sweep it as any scenario) and manifest.json. Warnings: a parameter the \
            observations do not narrow (posterior sd ≥ 0.9 × prior sd), a figure outside its \
            predictive interval, a collapsed acceptance rate. `transfersim report DIR` draws prior \
            against posterior per parameter and each figure against its predictive interval.

            Deterministic for a seed and byte-identical for any --threads. Particles are journaled \
            as they finish in DIR.in-progress; after an interrupt, the same command with --resume \
            continues to the same bytes. Exit codes: 65 a bad scenario or observed file (file:line \
            errors; nothing is written), 66 a missing file, 73/74 output problems, 64 usage. See \
            docs/calibration.md.
            """
    )

    @Argument(help: ArgumentHelp("The scenario file (default: the bundled default scenario).", valueName: "scenario.yaml"))
    var scenario: String?

    @Option(help: ArgumentHelp("The observed file (YAML).", valueName: "file"))
    var observed: String

    @Option(help: ArgumentHelp("The policy the histories run under: baseline (default) or a variant.", valueName: "name"))
    var policy: String = "baseline"

    @Option(help: ArgumentHelp("Particles per generation.", valueName: "n"))
    var particles: Int = 1000

    @Option(help: ArgumentHelp("Generations to run, the prior's included (default: until another rule stops).", valueName: "g"))
    var generations: Int?

    @Option(name: .customLong("until-acceptance"),
            help: ArgumentHelp("Stop after a generation whose acceptance rate is below this (default 0.02).", valueName: "a"))
    var untilAcceptance: Double?

    @Option(name: .customLong("min-tolerance"),
            help: ArgumentHelp("Stop once the tolerance reaches this (default √(number of figures): every figure within about one stated uncertainty).", valueName: "e"))
    var minTolerance: Double?

    @Option(help: ArgumentHelp("Start no new generation after this many simulations.", valueName: "simulations"))
    var budget: Int = 1_000_000

    @Option(help: ArgumentHelp("Master seed (default 20260101).", valueName: "s"), transform: SimulationOptions.seed(from:))
    var seed: UInt64 = SimulationOptions.defaultSeed

    @Option(help: ArgumentHelp("Worker threads (the results do not depend on it).", valueName: "t"))
    var threads: Int?

    @Option(help: ArgumentHelp("The output folder: new, empty, or an earlier results folder, which is replaced whole.", valueName: "dir"))
    var out: String = "out/calibration"

    @Flag(help: "Continue an interrupted calibration from its journal (DIR.in-progress).")
    var resume = false

    @Flag(help: ArgumentHelp(
        "Serve simulations instead of calibrating: read lines 'id,θ1,…,θk' (the fitted parameters in calibration.csv order) on standard input, write each one's figures as a CSV line (for scripts/calibration-crosscheck.py).",
        visibility: .hidden))
    var simulate = false

    func validate() throws {
        if particles < 2 { throw ValidationError("--particles must be at least 2 (got \(particles))") }
        if let generations, generations < 1 { throw ValidationError("--generations must be at least 1 (got \(generations))") }
        if generations != nil && untilAcceptance != nil {
            throw ValidationError("give --generations or --until-acceptance, not both")
        }
        if let a = untilAcceptance, !(a >= 0 && a < 1) { throw ValidationError("--until-acceptance must be in [0, 1) (got \(a))") }
        if let minTolerance, !(minTolerance >= 0) { throw ValidationError("--min-tolerance must be at least 0") }
        if budget < 1 { throw ValidationError("--budget must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
    }

    func run() throws {
        let startTime = Date()
        let source = ScenarioSource(path: scenario)
        let loaded = try CommandSupport.load(source) { _ in [policy] }
        guard let base = loaded.resolved.first else { throw ExitCode.failure }
        let observedText: String
        let observedFile: ObservedFile
        let prior: CalibrationPrior
        do throws(ScenarioError) {
            observedText = try InputFile.text(observed, kind: "observed file")
            (observedFile, prior) = try CalibrationSetup.read(observedText: observedText, file: observed, base: base,
                                                              scenarioFile: source.file ?? "(bundled default)")
        } catch {
            throw Diagnostics.report(error)
        }
        let figures = observedFile.figures
        let model = ScenarioCalibration(base: base, prior: prior, figures: figures, seed: seed, particles: particles)
        if simulate { return serve(model) }

        let stopping = CalibrationStopping(generations: generations, untilAcceptance: untilAcceptance ?? (generations == nil ? 0.02 : 0),
                                           minimumTolerance: minTolerance ?? Double(figures.count).squareRoot(), budget: budget)
        let abc = ABCSMC(prior: prior, observed: figures.map(\.value), uncertainties: figures.map(\.uncertainty),
                         particles: particles, seed: seed)
        let hash = CalibrationSetup.hash(scenarioSHA256: loaded.sha256, observedText: observedText, policy: policy, seed: seed,
                                         particles: particles, alpha: abc.alpha, stopping: stopping)
        var folder = try CommandSupport.writableFolder(out, command: "calibrate",
                                                       inputs: [observed] + (source.file.map { [$0] } ?? []))
        if resume, let manifest = try? Manifest.verifiedFolder(out, kinds: ["calibrate"]), manifest.sweepSHA256 == hash,
           !FileManager.default.fileExists(atPath: OutputFolder.workingFolder(for: out)) {
            print("\(out) already holds this calibration's finished results; nothing to resume.")
            return
        }
        let working = OutputFolder.workingFolder(for: out)
        SweepCommand.exitOnInterrupt()
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        FileHandle.standardError.write(Data((
            "calibrating \(prior.dimension) parameters (\(prior.parameters.map(\.path).joined(separator: ", "))) to \(figures.count) figures, \(particles) particles\n").utf8))
        let outcome: CalibrationOutcome
        do {
            outcome = try CalibrationRun.run(abc, stopping: stopping, threads: threadCount, working: working, results: out,
                                             hash: hash, resume: resume, simulate: { model.simulate($0, $1) }) { report in
                Diagnostics.write(report.line)
            }
        } catch let error as SweepJournal.JournalError {
            Diagnostics.write(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as CalibrationFailure {
            Diagnostics.write("error: \(error.description)")
            throw ExitCode.failure
        }
        let posterior = outcome.posterior
        let summaries = CalibrationTables.summaries(prior, priorSample: outcome.populations[0], posterior: posterior)
        let checks = CalibrationTables.predictiveChecks(figures, predictive: outcome.predictive, weights: posterior.weights)
        let note = "Against \(observed), seed \(seed), \(particles) particles, \(outcome.populations.count) generations, final tolerance \(format(posterior.epsilon)); the hand-set scenario is \(source.file ?? "the bundled default")."
        folder.add(file: CalibrationTables.posteriorFile, contents: CalibrationTables.posteriorCSV(prior, posterior))
        folder.add(file: CalibrationTables.priorFile, contents: CalibrationTables.posteriorCSV(prior, outcome.populations[0]))
        folder.add(file: CalibrationTables.calibrationFile, contents: CalibrationTables.calibrationCSV(summaries, prior))
        folder.add(file: CalibrationTables.predictiveFile, contents: CalibrationTables.predictiveCSV(checks))
        folder.add(file: CalibrationTables.generationsFile,
                   contents: CalibrationTables.generationsCSV(outcome.populations + (outcome.collapsedGeneration.map { [$0] } ?? [])))
        var scenarioText = BundledScenarios.defaultYAML
        if let file = source.file {
            do throws(ScenarioError) {
                scenarioText = try InputFile.text(file, kind: "scenario")
            } catch {
                throw Diagnostics.report(error)
            }
        }
        folder.add(file: CalibrationTables.scenarioFile,
                   contents: CalibrationTables.calibratedScenario(text: scenarioText, paths: prior.parameters.map(\.path),
                                                                  sampleFile: CalibrationTables.posteriorFile, note: note))
        var manifest = Manifest(
            toolVersion: ToolVersion.current, gitRevision: GitRevision.current(),
            scenarioName: loaded.scenario.name, scenarioFile: source.file, scenarioSHA256: loaded.sha256,
            policy: base.policyName, seed: seed, trials: particles, threads: threadCount,
            startTime: startTime, endTime: Date(), commandLine: CommandLine.arguments,
            parameters: Manifest.parameters(of: base))
        manifest.sweepSHA256 = hash
        manifest.points = outcome.simulations
        do throws(OutputError) {
            try folder.add(manifest: manifest)
            try folder.commit(workingFolder: working)
        } catch {
            throw Diagnostics.report(error)
        }
        print(CalibrationReport.text(summaries: summaries, checks: checks, outcome: outcome, prior: prior))
        for warning in CalibrationReport.warnings(summaries: summaries, checks: checks, outcome: outcome) {
            Diagnostics.write("warning: \(warning)")
        }
        print("Wrote \(folder.fileNames.joined(separator: ", ")) to \(out).")
    }

    /// `--simulate`: one history per input line, its figures on standard output.
    private func serve(_ model: ScenarioCalibration) {
        while let line = readLine() {
            let fields = line.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard fields.count == model.prior.dimension + 1, let id = fields[0], id >= 0, fields.allSatisfy({ $0 != nil }) else {
                FileHandle.standardOutput.write(Data("error: expected id and \(model.prior.dimension) values\n".utf8))
                continue
            }
            let theta = fields.dropFirst().map { $0 ?? .nan }
            let figures = model.simulate(Array(theta), SimulationID(generation: 0x7FFF, particle: Int(id), attempt: 0))
            FileHandle.standardOutput.write(Data((figures.map { format($0) }.joined(separator: ",") + "\n").utf8))
        }
    }
}
