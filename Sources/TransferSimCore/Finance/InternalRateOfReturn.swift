// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Internal rate of return of dated cash flows: the rate r with Σ cᵢ (1 + r)^(−tᵢ) = 0
/// (MODEL.md §6; CALIBRATION.md, Funds: "IRR from dated flows with the final NAV as a last inflow").
///
/// Solved robustly: the net present value is written in x = ln(1 + r) and scaled by a positive
/// factor so it cannot overflow — f(x) = Σ cᵢ e^(−x tᵢ) for x ≥ 0 and Σ cᵢ e^(x (T − tᵢ)) for x < 0,
/// T the last time; both have the NPV's sign and roots. Sign changes of f are bracketed on a grid
/// of x covering r from −99.99 % to +99,900 % per period, and each bracket is refined by GSL's Brent
/// solver. Flows with exactly one sign change in time order have at most one root (Descartes' rule
/// of signs, which holds for sums of exponentials), so for them — every conventional fund — one
/// Brent solve over the whole range replaces the grid. The answer is:
/// - `nil` ("undefined") when the flows never change sign, or no root lies in that range;
/// - the unique root for conventional flows (contributions, then distributions);
/// - with several sign changes and several roots, the root nearest to zero (the usual convention,
///   the one closest to the cost of capital of a fund that broke even).
public enum InternalRateOfReturn {
    /// The periodic IRR of flows paid at periods 0, 1, …, n − 1 (e.g. monthly fund flows give a
    /// monthly rate).
    public static func periodic(_ flows: [Double]) -> Double? {
        solve(amounts: flows, times: flows.indices.map(Double.init))
    }

    /// The effective annual rate (1 + monthly IRR)^12 − 1 of monthly flows.
    public static func annual(monthlyFlows flows: [Double]) -> Double? {
        periodic(flows).map { pow(1 + $0, 12) - 1 }
    }

    /// XIRR: the annual IRR of amounts paid `days` days after the first flow, Actual/365.
    public static func dated(amounts: [Double], days: [Double]) -> Double? {
        precondition(amounts.count == days.count, "one day offset per amount")
        return solve(amounts: amounts, times: days.map { $0 / 365 })
    }

    /// Bounds of ln(1 + r) searched: r from −99.99 % to +99,900 % per period.
    static let lowestLog = log(1e-4), highestLog = log(1000.0)
    static let gridSteps = 128

    static func solve(amounts: [Double], times: [Double]) -> Double? {
        let flows = zip(amounts, times).filter { $0.0 != 0 }
        guard flows.contains(where: { $0.0 > 0 }), flows.contains(where: { $0.0 < 0 }) else { return nil }
        let context = NPV(amounts: flows.map(\.0), times: flows.map(\.1))
        if signChanges(flows.sorted { $0.1 < $1.1 }.map(\.0)) == 1 {
            // One root at most: it lies in the range exactly when the ends differ in sign.
            let lo = context.scaled(lowestLog), hi = context.scaled(highestLog)
            if lo == 0 { return expm1(lowestLog) }
            if hi == 0 { return expm1(highestLog) }
            guard lo.sign != hi.sign, let x = context.brent(lowestLog, highestLog) else { return nil }
            return expm1(x)
        }
        var roots: [Double] = []
        var x0 = lowestLog, f0 = context.scaled(x0)
        let step = (highestLog - lowestLog) / Double(gridSteps)
        for k in 1...gridSteps {
            let x1 = lowestLog + Double(k) * step
            let f1 = context.scaled(x1)
            if f0 == 0 {
                roots.append(x0)
            } else if f0.sign != f1.sign && f1 != 0, let x = context.brent(x0, x1) {
                roots.append(x)
            }
            x0 = x1
            f0 = f1
        }
        if f0 == 0 { roots.append(x0) }
        guard let nearest = roots.min(by: { abs($0) < abs($1) }) else { return nil }
        return expm1(nearest)
    }
}

/// Sign changes in a sequence of non-zero amounts.
private func signChanges(_ amounts: [Double]) -> Int {
    zip(amounts, amounts.dropFirst()).reduce(0) { $0 + ($1.0.sign != $1.1.sign ? 1 : 0) }
}

/// The scaled net present value of one set of flows, and GSL's Brent solver over it.
private final class NPV {
    let amounts: [Double]
    let times: [Double]
    let last: Double

    /// For flows at whole periods 0…last: the amount of each period (zeros included), so the NPV is
    /// a polynomial in e^(−x) evaluated by Horner's rule — one exponential per evaluation, not one
    /// per flow.
    let byPeriod: [Double]?

    init(amounts: [Double], times: [Double]) {
        self.amounts = amounts
        self.times = times
        let last = times.max() ?? 0
        self.last = last
        if times.allSatisfy({ $0 >= 0 && $0 == $0.rounded() }), last <= 100_000 {
            var dense = [Double](repeating: 0, count: Int(last) + 1)
            for (c, t) in zip(amounts, times) { dense[Int(t)] += c }
            byPeriod = dense
        } else {
            byPeriod = nil
        }
    }

    /// NPV at r = eˣ − 1, times a positive factor that keeps every term bounded.
    func scaled(_ x: Double) -> Double {
        var sum = 0.0
        if let c = byPeriod {
            if x >= 0 {   // Σ cₜ zᵗ, z = e^(−x) ≤ 1
                let z = exp(-x)
                for t in stride(from: c.count - 1, through: 0, by: -1) { sum = sum * z + c[t] }
            } else {      // Σ cₜ w^(last − t), w = eˣ < 1
                let w = exp(x)
                for t in c.indices { sum = sum * w + c[t] }
            }
            return sum
        }
        if x >= 0 {
            for (c, t) in zip(amounts, times) { sum += c * exp(-x * t) }
        } else {
            for (c, t) in zip(amounts, times) { sum += c * exp(x * (last - t)) }
        }
        return sum
    }

    /// The root of `scaled` in [lo, hi] (which brackets a sign change), or nil if GSL fails.
    func brent(_ lo: Double, _ hi: Double) -> Double? {
        guard let solver = gsl_root_fsolver_alloc(ts_root_brent()) else { return nil }
        defer { gsl_root_fsolver_free(solver) }
        let unmanaged = Unmanaged.passUnretained(self)
        var function = gsl_function(
            function: { x, params in
                guard let params else { return .nan }
                return Unmanaged<NPV>.fromOpaque(params).takeUnretainedValue().scaled(x)
            },
            params: unmanaged.toOpaque())
        guard gsl_root_fsolver_set(solver, &function, lo, hi) == GSL_SUCCESS else { return nil }
        for _ in 0..<200 {
            guard gsl_root_fsolver_iterate(solver) == GSL_SUCCESS else { return nil }
            let a = gsl_root_fsolver_x_lower(solver), b = gsl_root_fsolver_x_upper(solver)
            if gsl_root_test_interval(a, b, 0, 1e-15) == GSL_SUCCESS { return gsl_root_fsolver_root(solver) }
        }
        return gsl_root_fsolver_root(solver)
    }
}
