// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Internal rate of return of dated cash flows: the rate r with Σ cᵢ (1 + r)^(−tᵢ) = 0
/// (MODEL.md §6; CALIBRATION.md, Funds: "IRR from dated flows with the final NAV as a last inflow").
///
/// Solved robustly: the net present value is written in x = ln(1 + r) and scaled by a positive
/// factor so it cannot overflow — f(x) = Σ cᵢ e^(−x tᵢ) for x ≥ 0 and Σ cᵢ e^(x (T − tᵢ)) for x < 0,
/// T the last time; both have the NPV's sign and roots. Sign changes of f are bracketed on a grid
/// of x covering r from −99.99 % to +99,900 % per period, and each bracket is refined by GSL's Brent
/// solver. The answer is:
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

/// The scaled net present value of one set of flows, and GSL's Brent solver over it.
private final class NPV {
    let amounts: [Double]
    let times: [Double]
    let last: Double

    init(amounts: [Double], times: [Double]) {
        self.amounts = amounts
        self.times = times
        self.last = times.max() ?? 0
    }

    /// NPV at r = eˣ − 1, times a positive factor that keeps every term bounded.
    func scaled(_ x: Double) -> Double {
        var sum = 0.0
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
