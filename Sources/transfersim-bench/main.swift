import TransferSimCore
import Foundation
@main struct Bench {
    static func main() throws {
        let scenario = Scenario(name: "default")
        let resolved = try scenario.resolve()
        let t0 = Date()
        let args = CommandLine.arguments; let nt = args.count > 1 ? Int(args[1])! : 200; let th = args.count > 2 ? Int(args[2])! : 2
        let r = Simulation.run(resolved, RunConfiguration(trials: nt, seed: 1, threads: th))
        let dt = Date().timeIntervalSince(t0)
        for m in Metric.allCases {
            let s = Summary(r.values(m))
            print(m.name, format(s.mean), format(s.p05), format(s.p95))
        }
        for st in FunnelStage.allCases { print(st.name, FunnelColumn.allCases.map { format(Summary(r.values(st, $0)).mean) }) }
        let n = Summary(r.values(.disclosed)).mean * 200
        print("time", dt, "per result ns", dt / n * 1e9 * 2, "events", r.events)
    }
}
