// SPDX-License-Identifier: GPL-3.0-or-later

/// The largest sweep or sensitivity plan run without being asked: a plan is refused before
/// anything is allocated when it has more than `maxPoints` points (each point's values and
/// results are held in memory, about 10 KB a point) or more than `maxTrialRuns` trial
/// simulations (points × trials; the default scenario simulates about 250 trials a second a
/// core). `--max-points` and `--max-trial-runs` raise them.
public struct PlanLimit: Sendable, Equatable {
    /// The default limit on a plan's points: 1,000,000 (about 10 GB of results at most).
    public static let defaultMaxPoints = 1_000_000
    /// The default limit on points × trials: 100,000,000 (about 55 hours on 2 cores for the
    /// default scenario).
    public static let defaultMaxTrialRuns = 100_000_000

    public var maxPoints: Int
    public var maxTrialRuns: Int

    public init(maxPoints: Int = defaultMaxPoints, maxTrialRuns: Int = defaultMaxTrialRuns) {
        self.maxPoints = maxPoints
        self.maxTrialRuns = maxTrialRuns
    }

    /// Why a plan of `points` points (`nil`: more than `Int.max`) × `trials` trials is refused,
    /// naming the number and the flag that raises the limit; `nil` when it is within the limits.
    /// `what` names the plan ("sweep", "sensitivity analysis").
    public func problem(points: Int?, trials: Int, what: String) -> String? {
        guard let points else {
            return "the \(what) has more than \(ReadableCount.text(Int.max)) points, more than the limit of \(ReadableCount.text(maxPoints)) (--max-points)"
        }
        if points > maxPoints {
            return "the \(what) has \(ReadableCount.text(points)) points, more than the limit of \(ReadableCount.text(maxPoints)); raise it with --max-points if this is intended"
        }
        let (runs, overflow) = points.multipliedReportingOverflow(by: trials)
        if overflow || runs > maxTrialRuns {
            let shown = overflow ? "more than \(ReadableCount.text(Int.max))" : ReadableCount.text(runs)
            return "the \(what) has \(ReadableCount.text(points)) points × \(ReadableCount.text(trials)) trials = \(shown) trial runs, more than the limit of \(ReadableCount.text(maxTrialRuns)); raise it with --max-trial-runs if this is intended"
        }
        return nil
    }
}

/// Whole numbers with thousands separators for messages (`10,000,000,000`).
enum ReadableCount {
    static func text(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
