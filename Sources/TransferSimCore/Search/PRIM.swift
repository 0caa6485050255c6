// SPDX-License-Identifier: GPL-3.0-or-later

/// The patient rule induction method (Friedman and Fisher 1999) for scenario discovery, following
/// EMA Workbench's `prim.py` (Kwakkel): find a box of the uncertain parameters' space where the
/// cases of interest (y = true, e.g. "the target is missed") are dense.
///
/// **Peeling.** From the box holding every row, each step considers, for every dimension, removing
/// the rows above the `1 − peelAlpha` quantile or below the `peelAlpha` quantile of that dimension
/// among the rows still in the box (EMA's quantile: the midpoint of the two order statistics around
/// (n − 1)·α, widened past ties), and takes the peel with the largest gain in density per row
/// removed, (mean y after − mean y before) / rows removed (EMA's default objective, "lenient1");
/// ties go to the box with fewer restricted dimensions, then to the first candidate. Peeling stops
/// when the best peel would leave a mass (share of all rows) below `massMin` or does not raise the
/// density. Each peel's box is a step of the trajectory.
///
/// **Pasting.** The last box is then widened again where that raises its density: for every
/// restricted dimension, each side's limit moves out to the `pasteAlpha` quantile (from the box's
/// side) of the rows between the limit and the table's range that lie inside the other restricted
/// limits; the widening with the largest gain per row added is taken, as long as it raises the
/// density. Each paste is a further step of the trajectory (marked pasted).
///
/// Coverage is the share of all cases of interest inside the box, density the share of the box's
/// rows that are cases of interest, mass the share of all rows inside the box. Restricted
/// dimensions are those whose limits are tighter than the whole table's range. Deterministic.
public enum PRIM {
    public struct Options: Sendable {
        public var peelAlpha: Double = 0.05
        public var pasteAlpha: Double = 0.05
        public var massMin: Double = 0.05
        public init() {}
    }

    /// A box: per dimension the inclusive limits `[lower, upper]`.
    public struct Box: Sendable, Equatable {
        public let lower: [Double]
        public let upper: [Double]
        /// Share of all cases of interest inside the box.
        public let coverage: Double
        /// Share of the box's rows that are cases of interest.
        public let density: Double
        /// Share of all rows inside the box.
        public let mass: Double
        /// Rows inside the box.
        public let rows: Int
        /// The dimensions whose limits are tighter than the table's range, in dimension order.
        public let restricted: [Int]
        /// Whether this box came from pasting (the last box of a trajectory) rather than peeling.
        public let pasted: Bool
    }

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The peeling (and pasting) trajectory over `x` (one row per case, one column per dimension)
    /// and `y` (whether each case is of interest). The first box holds every row.
    public static func trajectory(x: [[Double]], y: [Bool], options: Options = Options()) throws(Problem) -> [Box] {
        guard !x.isEmpty, x.count == y.count else { throw Problem(description: "PRIM needs as many outcomes as rows, and at least one row") }
        let d = x[0].count
        guard d > 0, x.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) }) else {
            throw Problem(description: "PRIM needs every row to hold a finite value of every dimension")
        }
        let total = x.count, interesting = y.filter { $0 }.count
        guard interesting > 0 else { throw Problem(description: "no case meets the condition of interest: nothing to discover") }
        let lowest = (0..<d).map { j in x.map { $0[j] }.min()! }
        let highest = (0..<d).map { j in x.map { $0[j] }.max()! }

        func inside(_ row: [Double], _ lower: [Double], _ upper: [Double]) -> Bool {
            for j in 0..<d where row[j] < lower[j] || row[j] > upper[j] { return false }
            return true
        }
        func box(_ lower: [Double], _ upper: [Double], pasted: Bool) -> Box {
            var rows = 0, hits = 0
            for (row, hit) in zip(x, y) where inside(row, lower, upper) {
                rows += 1
                if hit { hits += 1 }
            }
            let restricted = (0..<d).filter { lower[$0] > lowest[$0] || upper[$0] < highest[$0] }
            return Box(lower: lower, upper: upper, coverage: Double(hits) / Double(interesting),
                       density: rows > 0 ? Double(hits) / Double(rows) : 0, mass: Double(rows) / Double(total),
                       rows: rows, restricted: restricted, pasted: pasted)
        }

        var lower = lowest, upper = highest
        var boxes = [box(lower, upper, pasted: false)]
        /// EMA's "lenient1" objective: the change in mean per row removed or added.
        func objective(_ before: [Int], _ after: [Int]) -> Double {
            let meanBefore = Double(before.filter { y[$0] }.count) / Double(before.count)
            let meanAfter = after.isEmpty ? 0 : Double(after.filter { y[$0] }.count) / Double(after.count)
            guard meanAfter != meanBefore, after.count != before.count else { return 0 }
            return (meanAfter - meanBefore) / Double(abs(before.count - after.count))
        }
        func restrictedCount(_ lo: [Double], _ hi: [Double]) -> Int {
            (0..<d).filter { lo[$0] > lowest[$0] || hi[$0] < highest[$0] }.count
        }
        /// The best candidate: the largest objective, then the fewest restricted dimensions, then
        /// the first in (dimension, side) order (EMA sorts its candidates stably the same way).
        typealias Candidate = (objective: Double, restricted: Int, lower: [Double], upper: [Double], rows: [Int])
        func better(_ a: Candidate, than b: Candidate?) -> Bool {
            guard let b else { return true }
            if a.objective != b.objective { return a.objective > b.objective }
            return a.restricted < b.restricted
        }
        // Peeling: every dimension, the upper side then the lower side.
        var members = Array(x.indices)
        while true {
            var best: Candidate?
            for j in 0..<d {
                let values = members.map { x[$0][j] }
                for upperSide in [true, false] {
                    let limit = quantile(values, upperSide ? 1 - options.peelAlpha : options.peelAlpha)
                    let kept = members.filter { upperSide ? x[$0][j] <= limit : x[$0][j] >= limit }
                    var lo = lower, hi = upper
                    if upperSide { hi[j] = limit } else { lo[j] = limit }
                    let candidate: Candidate = (objective(members, kept), restrictedCount(lo, hi), lo, hi, kept)
                    if better(candidate, than: best) { best = candidate }
                }
            }
            guard let peel = best, Double(peel.rows.count) / Double(total) >= options.massMin,
                  peel.rows.count < members.count, peel.objective > 0 else { break }
            lower = peel.lower
            upper = peel.upper
            members = peel.rows
            boxes.append(box(lower, upper, pasted: false))
        }
        // Pasting: every restricted dimension, the lower side then the upper side; the rows a
        // paste may add are those inside the other restricted limits (EMA's `_real_paste`).
        while true {
            let restricted = (0..<d).filter { lower[$0] > lowest[$0] || upper[$0] < highest[$0] }
            func insideRestricted(_ row: [Double], _ lo: [Double], _ hi: [Double]) -> Bool {
                restricted.allSatisfy { row[$0] >= lo[$0] && row[$0] <= hi[$0] }
            }
            var best: Candidate?
            for j in restricted {
                for upperSide in [false, true] {
                    var region = (lower, upper)
                    if upperSide { region.0[j] = upper[j]; region.1[j] = highest[j] } else { region.0[j] = lowest[j]; region.1[j] = lower[j] }
                    let data = x.indices.filter { insideRestricted(x[$0], region.0, region.1) }.map { x[$0][j] }
                    var limit = upperSide ? highest[j] : lowest[j]
                    if !data.isEmpty { limit = quantile(data, upperSide ? options.pasteAlpha : 1 - options.pasteAlpha) }
                    var lo = lower, hi = upper
                    if upperSide { hi[j] = limit } else { lo[j] = limit }
                    let rows = x.indices.filter { insideRestricted(x[$0], lo, hi) }
                    let candidate: Candidate = (objective(members, rows), restrictedCount(lo, hi), lo, hi, rows)
                    if better(candidate, than: best) { best = candidate }
                }
            }
            guard let paste = best, Double(paste.rows.count) / Double(total) >= options.massMin,
                  paste.rows.count > members.count, paste.objective > 0 else { break }
            lower = paste.lower
            upper = paste.upper
            members = paste.rows
            boxes.append(box(lower, upper, pasted: true))
        }
        return boxes
    }

    /// EMA Workbench's `get_quantile`: for α ≤ 0.5 the midpoint of the order statistics at
    /// ⌊(n − 1)α⌋ and the next distinct value above it; for α > 0.5 of the order statistic at
    /// ⌈(n − 1)α⌉ and the next distinct value below it.
    static func quantile(_ values: [Double], _ alpha: Double) -> Double {
        let sorted = values.sorted()
        let i = Double(sorted.count - 1) * alpha
        var low = Int(i.rounded(.down)), high = Int(i.rounded(.up))
        if alpha > 0.5 {
            while sorted[low] == sorted[high], low > 0 { low -= 1 }
        } else {
            while sorted[low] == sorted[high], high < sorted.count - 1 { high += 1 }
        }
        return (sorted[low] + sorted[high]) / 2
    }
}
