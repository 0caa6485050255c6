// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// Industrial land supply (土地供应, MODEL.md §5.11).
public struct LandSupply: Sendable {
    /// Land released each year (亩); unused quota does not carry over.
    public var annualQuotaMu: Double
    public var patienceMonths: Double
    public var relocationProbability: Double

    static let parameters: [ParameterSpec] = [
        .amount("policy.land.annual_quota_mu", 150, unit: "亩 per year",
                "Industrial land released each year for scale-up, served in request order while it lasts. A quota above total demand (e.g. 1000000) removes land as a constraint.",
                source: "assumption; 001 (Lanzhou: land shortage drives results away)", neutral: 1e9),
        .amount("region.land.patience_months", 12, unit: "months",
                "How long a result waits for land before it relocates or stalls.", source: "assumption", max: 600),
        .probability("region.land.relocation_probability", 0.6,
                     "Probability that a result not served in time relocates to another region (else it stalls and is abandoned).",
                     source: "assumption: 001 names land as a major reason results leave Lanzhou"),
    ]

    init(_ r: ParameterReader) {
        annualQuotaMu = r["policy.land.annual_quota_mu"]
        patienceMonths = r["region.land.patience_months"]
        relocationProbability = r["region.land.relocation_probability"]
    }
}

extension TrialSimulator {
    // MARK: - Land

    func requestLand(_ i: Int, at t: Double) {
        let need = tables.landMu(results[i].field)
        if landQueue.isEmpty && need <= landLeft {
            grantLand(i, need, at: t, waited: 0)
        } else {
            results[i].phase = .waitingLand
            results[i].enqueuedAt = t
            landQueue.push(Int32(i))
            schedule(.landExpiry, at: t + p.land.patienceMonths, subject: Int32(i))
        }
    }

    func grantLand(_ i: Int, _ mu: Double, at t: Double, waited: Double) {
        landLeft -= mu
        book(.landAllocatedMu, mu, at: t, yearly: .landAllocatedMu)
        if t <= horizon {
            landWaitTotal += waited
            landServed += 1
        }
        produce(i, at: t)
    }

    func serveLand(at t: Double) {
        while let j = landQueue.first {
            let i = Int(j)
            if results[i].phase != .waitingLand {
                _ = landQueue.popFirst()
                continue
            }
            let need = tables.landMu(results[i].field)
            guard need <= landLeft else { return }   // strict request order: the head waits for next year's quota
            _ = landQueue.popFirst()
            results[i].phase = .pending
            grantLand(i, need, at: t, waited: t - results[i].enqueuedAt)
        }
    }

    /// Not served within its patience: relocates to another region (where it must still be
    /// implemented, `Relocation.swift`), or stalls.
    func landRefused(_ i: Int, at t: Double) {
        random.seek(entity: results[i].entity, purpose: .land)
        let relocates = random.bernoulli(p.land.relocationProbability)
        if results[i].landForVenture { failVenture(Int(results[i].venture), at: t) }
        if relocates {
            book(.landRelocations, 1, at: t)
            relocate(i, at: t)
        } else {
            book(.landStalls, 1, at: t)
            finish(i, .abandoned, at: t)
        }
    }
}
