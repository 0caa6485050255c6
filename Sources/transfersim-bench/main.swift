// SPDX-License-Identifier: GPL-3.0-or-later
//
// `make bench`: performance figures of the engine on the bundled default scenario.
//
//   transfersim-bench [--trials N]             timing at N trials (default 10,000) on 1 and 2 threads
//   transfersim-bench --sensitivity-only       only the Sobol analysis (8 parameters, N = 1024)
//   transfersim-bench --skip-sensitivity       everything but the Sobol analysis
//   transfersim-bench --memory-probe T D       (internal) run T trials at D disclosures a year, print peak RSS
//   transfersim-bench --calibration-only       only the calibration of the default scenario (--calibration-particles N)
//   transfersim-bench --skip-calibration       everything but the calibration
//
// Figures: cost per simulated result history (ns per core, from the 1-thread run's CPU time), events
// per second, the speed-up from 1 to 2 threads (wall time), and peak memory. Memory is shown to grow
// with trials × metrics and not with results: child processes run with twice the trials and with
// twice the results per trial, and their peak resident sets are compared.
import Foundation
import TransferSimCore
import TransferSimIO

@main
struct Bench {
    static func main() throws {
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "--memory-probe", args.count == 3, let trials = Int(args[1]), let disclosures = Double(args[2]) {
            try memoryProbe(trials: trials, disclosures: disclosures)
            return
        }
        var trials = 10_000
        if let i = args.firstIndex(of: "--trials"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 { trials = n }
        var sweepPoints = 256
        if let i = args.firstIndex(of: "--sweep-points"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 { sweepPoints = n }
        var sensitivityTrials = 10
        if let i = args.firstIndex(of: "--sensitivity-trials"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 {
            sensitivityTrials = n
        }
        if args.contains("--search-only") {
            try searchThroughput()
            return
        }
        var calibrationParticles = 2000
        if let i = args.firstIndex(of: "--calibration-particles"), i + 1 < args.count, let n = Int(args[i + 1]), n > 1 {
            calibrationParticles = n
        }
        if args.contains("--calibration-only") {
            try calibration(particles: calibrationParticles)
            return
        }
        let only = args.contains("--sensitivity-only")
        if !args.contains("--sweep-only") && !only { try timing(trials: trials) }
        if !args.contains("--skip-search") && !args.contains("--sweep-only") && !only { try searchThroughput() }
        if !args.contains("--skip-sweep") && !only { try sweepThroughput(points: sweepPoints) }
        if !args.contains("--skip-sensitivity") { try sobolAnalysis(trials: sensitivityTrials) }
        if !args.contains("--skip-calibration") && !only && !args.contains("--sweep-only") {
            try calibration(particles: calibrationParticles)
        }
    }

    /// Wall time of calibrating the bundled default scenario to its shipped observed file
    /// (Scenarios/calibration/default.observed.yaml) with `particles` particles and the command's
    /// default stopping rule, 2 threads, through the command's path (ScenarioCalibration and the
    /// journaled CalibrationRun); simulations per second; the final effective sample size.
    /// Target: at least 1,000 effective particles in under 15 minutes on two cores.
    static func calibration(particles: Int) throws {
        let base = try defaultScenario()
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/calibration/default.observed.yaml").path
        guard let data = FileManager.default.contents(atPath: file) else {
            print("calibration: \(file) not found; skipped")
            return
        }
        let observed = try ObservedFile.parse(yaml: String(decoding: data, as: UTF8.self), file: file, horizonYears: 10,
                                              catalogue: base.catalogue)
        let prior = try CalibrationSetup.prior(base, observed: observed, observedFile: file, scenarioFile: "default")
        let model = ScenarioCalibration(base: base, prior: prior, figures: observed.figures, seed: 20_260_101, particles: particles)
        let abc = ABCSMC(prior: prior, observed: observed.figures.map(\.value), uncertainties: observed.figures.map(\.uncertainty),
                         particles: particles, seed: 20_260_101)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transfersim-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        print("")
        print("calibration: the default scenario against Scenarios/calibration/default.observed.yaml, \(prior.dimension) parameters, \(observed.figures.count) figures, \(particles) particles, 2 threads (run takes a while)")
        let start = Date()
        let outcome = try CalibrationRun.run(abc, stopping: CalibrationStopping(minimumTolerance: Double(observed.figures.count).squareRoot()), threads: 2, working: folder, results: folder + "-out",
                                             hash: "bench", resume: false, simulate: { model.simulate($0, $1) }) { report in
            print("  " + report.line)
        }
        let wall = Date().timeIntervalSince(start)
        let ess = outcome.posterior.effectiveSize
        print(String(format: "  elapsed %.1f s (%.1f min); %d simulations, %.1f simulations per second; final ESS %.0f   (target ≥ 1000 ESS in < 15 min)  %@",
                     wall, wall / 60, outcome.simulations, Double(outcome.simulations) / wall, ess,
                     ess >= 1000 && wall < 900 ? "met" : "NOT met"))
    }

    /// Wall time of a Sobol analysis of the 8 parameters of Scenarios/sensitivity/default-levers.yaml
    /// at N = 1024 (10,240 evaluations) on the default scenario, `trials` trials per evaluation,
    /// 2 threads, through the command's path: SweepSession (journal on disk) and SensitivityAnalysis
    /// (S1 and ST of two outputs, 1,000 bootstrap resamples).
    static func sobolAnalysis(trials: Int, n: Int = 1024) throws {
        let base = try defaultScenario()
        // The shipped spec, from the source tree (`make bench` runs there).
        let specFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/sensitivity/default-levers.yaml").path
        guard let specData = FileManager.default.contents(atPath: specFile) else {
            print("sensitivity: \(specFile) not found; skipped")
            return
        }
        let spec = try SensitivitySpec.parse(yaml: String(decoding: specData, as: UTF8.self), file: specFile)
        let plan = try SensitivityPlan(method: .sobol, parameters: spec.parameters, base: base, sobolN: n, secondOrder: false,
                                       trajectories: spec.trajectories, levels: spec.levels, seed: spec.seed)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transfersim-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        print("")
        print("sensitivity: Sobol analysis of \(spec.parameters.count) parameters at N = \(n) (\(plan.points.count) evaluations × \(trials) trials), 2 threads (run takes a while)")
        let outputs = spec.outputs
        let (rows, wall, _) = try measure { () throws -> [SensitivityRow] in
            guard case let .ready(session) = try SweepSession.start(folder: folder, results: folder + "/results", hash: "bench", shard: "all",
                                                                    selected: Array(plan.points.indices),
                                                                    valuesPerPoint: outputs.count, resume: false)
            else { return [] }
            try session.run(Array(plan.points.indices), concurrentPoints: 2) { point in
                let (paths, values) = plan.overrides(at: point)
                let resolved = try SweepRunner.parameters(base, paths: paths, values: values)
                return plan.evaluate(point: point, resolved, outputs: outputs, trials: trials, seed: spec.seed)
            }
            session.close()
            return SensitivityAnalysis.rows(plan, results: session.finished, outputs: outputs, trials: trials,
                                            bootstrap: spec.sobolBootstrap, seed: spec.seed).rows
        }
        print(String(format: "  elapsed %.1f s (%.1f min); %.0f evaluations per minute; %d index rows", wall, wall / 60,
                     Double(plan.points.count) / wall * 60, rows.count))
    }

    /// Candidate evaluations per minute of a policy search: NSGA-II (population 8, 2 generations:
    /// 24 candidates) over the four levers of Scenarios/search/cost-conversions-front.yaml on the
    /// default scenario, 200 trials per candidate, 2 threads, each generation's candidates run one
    /// after another on the same trials as `transfersim optimise` runs them.
    static func searchThroughput(trials: Int = 200) throws {
        let base = try defaultScenario()
        let levers = [
            DecisionLever(path: "policy.land.annual_quota_mu", domain: .interval(low: 0, high: 600, integer: false)),
            DecisionLever(path: "policy.licensing.local_subsidy_rate", domain: .interval(low: 0, high: 0.3, integer: false)),
            DecisionLever(path: "policy.poc.slots", domain: .interval(low: 0, high: 60, integer: true)),
            DecisionLever(path: "policy.institution_reward.per_local_conversion", domain: .interval(low: 0, high: 20, integer: false)),
        ]
        let goal = SearchGoal(objectives: [SearchObjective(OutcomeStatistic(metric: .fiscalCostTotal, kind: .mean), maximise: false),
                                           SearchObjective(OutcomeStatistic(metric: .convertedLocal, kind: .mean), maximise: true)],
                              constraints: [try ChanceConstraint.parse("P(converted_local >= 250) >= 0.5")])
        var options = NSGA2.Options()
        options.populationSize = 8
        options.generations = 2
        print("")
        print("search: NSGA-II, \(options.populationSize) candidates × \(options.generations + 1) generations × \(trials) trials per candidate, 2 threads (run takes a while)")
        let (result, wall, _) = try measure {
            try NSGA2.run(levers, options: options) { batch in
                try batch.map { x in
                    let resolved = try SweepRunner.parameters(base, paths: levers.map(\.path), values: x)
                    return goal.score(goal.measures(Simulation.run(resolved, RunConfiguration(trials: trials, seed: 1, threads: 2))))
                }
            }
        }
        let perMinute = Double(result.evaluations) / wall * 60
        // The worked example of docs/policy-search.md: at most 30 + 72 + 20 candidates, the fresh
        // re-runs (1 + a front of at most 12), and a 150-point × 20-trial sweep (15 candidates' worth).
        let example = (30.0 + 72 + 20 + 1 + 12 + 15) / perMinute
        print(String(format: "  elapsed %.1f s; %.1f candidate evaluations per minute (%.2f s per candidate); the worked example of docs/policy-search.md ≈ %.0f min at this rate (target < 30 min on 2 cores)  %@",
                     wall, perMinute, wall / Double(result.evaluations), example, verdict(example < 30)))
    }

    /// Points per minute of a Latin hypercube sweep (inventor share × land quota) of the default
    /// scenario at 200 trials per point, 2 threads, through the library's sweep runner.
    static func sweepThroughput(points: Int, trials: Int = 200) throws {
        let base = try defaultScenario()
        let parameters = [SweepParameter(path: "policy.income.inventor_share", values: .range(low: 0.5, high: 0.9, steps: 2)),
                          SweepParameter(path: "policy.land.annual_quota_mu", values: .range(low: 0, high: 500, steps: 2))]
        let design = try SweepDesign.latinHypercube(points: points).points(parameters, seed: 1)
        print("")
        print("sweep: \(points)-point Latin hypercube × \(trials) trials per point, 2 threads (run takes a while)")
        let (_, wall, _) = measure {
            for (index, point) in design.enumerated() {
                let resolved = try! SweepRunner.parameters(base, paths: parameters.map(\.path), values: point)
                _ = SweepRunner.run(point: index, resolved, trials: trials, seed: 1, threads: 2)
            }
        }
        print(String(format: "  elapsed %.1f s; %.1f points per minute (%.2f s per point)", wall, Double(points) / wall * 60, wall / Double(points)))
    }

    static func defaultScenario(disclosures: Double? = nil) throws -> ResolvedParameters {
        var scenario = try ScenarioLoader.parse(yaml: BundledScenarios.defaultYAML, file: "default.yaml")
        if let disclosures {
            scenario.settings["region.arrivals.annual_disclosures"] = ParameterSetting(.number(disclosures))
        }
        return try scenario.resolve()
    }

    static func timing(trials: Int) throws {
        let resolved = try defaultScenario()
        print("TransferSim benchmark — bundled default scenario, \(trials) trials, seed 1")
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; GSL \(gslVersion)")
        // Schedules (docs/schedules.md) cost only their change events; a run without them has none.
        print(resolved.hasSchedules
              ? "schedules: \(resolved.changeYears.count) policy change(s) per trial (one event each)"
              : "schedules: none, so no policy-change event: trials cost what they did without schedules")
        _ = Simulation.run(resolved, RunConfiguration(trials: min(trials, 64), seed: 1, threads: 1))   // warm-up

        // Five blocks of trials, each run on 1 thread and then at once on 2: the machine's speed
        // drifts over minutes on a shared host, and pairing the two runs of a block cancels that
        // drift in the speed-up (its median over blocks is reported). Interference only ever adds
        // time, so the code's own cost per history is estimated by the fastest block (as Python's
        // timeit does); the median and range are printed beside it.
        let blocks = 5, perBlock = max(trials / blocks, 1)
        var costs: [Double] = [], speedUps: [Double] = [], rates: [Double] = []
        var histories = 0.0, events = 0, wall1 = 0.0, cpu1 = 0.0, wall2 = 0.0
        for b in 0..<blocks {
            let first = b * perBlock
            let (one, w1, c1) = measure {
                Simulation.run(resolved, RunConfiguration(trials: perBlock, seed: 1, threads: 1, firstTrial: first))
            }
            let (two, w2, _) = measure {
                Simulation.run(resolved, RunConfiguration(trials: perBlock, seed: 1, threads: 2, firstTrial: first))
            }
            precondition(one.metrics.elementsEqual(two.metrics) { $0.bitPattern == $1.bitPattern },
                         "1- and 2-thread runs differ: determinism is broken")
            let h = one.values(.disclosed).reduce(0, +)
            costs.append(c1 / h * 1e9)
            speedUps.append(w1 / w2)
            rates.append(Double(two.events) / w2)
            histories += h
            events += one.events
            wall1 += w1
            cpu1 += c1
            wall2 += w2
        }
        let nsPerHistory = costs.min() ?? .nan, speedUp = median(speedUps)
        func range(_ x: [Double], _ f: String) -> String { String(format: "\(f)–\(f)", x.min() ?? .nan, x.max() ?? .nan) }
        print("")
        print(String(format: "result histories simulated:        %.0f (%.0f per trial), in %d paired blocks", histories,
                     histories / Double(blocks * perBlock), blocks))
        print(String(format: "events handled:                    %d (%.2f per result)", events, Double(events) / histories))
        print(String(format: "1 thread:  wall %.2f s, CPU %.2f s; 2 threads: wall %.2f s", wall1, cpu1, wall2))
        print(String(format: "cost per result history per core:  %.0f ns, fastest block (median %.0f, blocks %@)   (target ≤ 1000 ns)  %@",
                     nsPerHistory, median(costs), range(costs, "%.0f"), verdict(nsPerHistory <= 1000)))
        print(String(format: "events per second (2 threads):     %.2f million", median(rates) / 1e6))
        print(String(format: "speed-up 1 → 2 threads:            %.2f×, median of paired blocks (blocks %@)   (target ≥ 1.8×)  %@", speedUp,
                     range(speedUps, "%.2f"), verdict(speedUp >= 1.8)))
        print(String(format: "peak resident memory (this run):   %.1f MiB", peakResidentMiB()))

        // Memory against trials and results: fresh processes, so each peak is its own.
        let base = max(trials / 5, 200)
        print("")
        print("peak memory by run size (child processes, 2 threads):")
        // Per trial: the metrics, the yearly and funnel blocks, and the default seed fund's columns
        // and yearly block (the run's result copies each matrix once more when it returns).
        let funds = FundLayout(funds: Funds.defaultFunds, years: 10)
        let matrixBytes = Double(Metric.allCases.count + 10 * YearlyMetric.allCases.count
            + FunnelStage.allCases.count * FunnelColumn.allCases.count + funds.columns.count + funds.yearlyWidth) * 8
        for (t, d) in [(base, 800.0), (2 * base, 800.0), (base, 1600.0)] {
            let rss = try probe(trials: t, disclosures: d)
            print(String(format: "  %6d trials × %5.0f disclosures/year: peak %6.1f MiB (output matrices %.1f MiB)",
                         t, d, rss, Double(t) * matrixBytes / 1_048_576))
        }
        print("  memory grows with trials × metrics (the output matrices); more results per trial add only")
        print("  each worker's reused per-trial buffers (threads × results), never trials × results.")
    }

    static func memoryProbe(trials: Int, disclosures: Double) throws {
        let resolved = try defaultScenario(disclosures: disclosures)
        _ = Simulation.run(resolved, RunConfiguration(trials: trials, seed: 1, threads: 2))
        print(String(format: "%.3f", peakResidentMiB()))
    }

    static func probe(trials: Int, disclosures: Double) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--memory-probe", String(trials), String(disclosures)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
    }

    static func measure<T>(_ body: () throws -> T) rethrows -> (T, wall: Double, cpu: Double) {
        let cpu0 = cpuSeconds(), wall0 = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(wall0), cpuSeconds() - cpu0)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident set of this process: `VmHWM` in /proc/self/status (KiB). Not `ru_maxrss`, which
    /// Linux carries across fork and exec, so a child would report its parent's peak.
    static func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return .nan }
        return kib / 1024
    }

    static func verdict(_ ok: Bool) -> String { ok ? "met" : "NOT MET" }

    static func median(_ x: [Double]) -> Double {
        let s = x.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
