import TransferSimCore
import Foundation
@main struct Bench {
    static func main() throws {
        let resolved = try Scenario(name: "default").resolve()
        let args = CommandLine.arguments; let nt = args.count > 1 ? Int(args[1])! : 200; let th = args.count > 2 ? Int(args[2])! : 1
        let t0 = Date()
        let r = Simulation.run(resolved, RunConfiguration(trials: nt, seed: 1, threads: th))
        let n = r.values(.disclosed).reduce(0, +)
        print("results", n, "events/result", Double(r.events) / n, "wall ns/result", Date().timeIntervalSince(t0) / n * 1e9)
    }
}
