// SPDX-License-Identifier: GPL-3.0-or-later
import Testing
import TransferSimCore

/// Shared capacities serve requests in order while they last (MODEL.md §5.6, §5.7, §5.11): a
/// request that has left a queue (its wait ran out) must not hold up the requests behind it.
@Suite("Capacity queues")
struct CapacityQueueTests {
    /// New-materials results ask for 35 亩, more than the whole yearly quota of 30, so they can never
    /// be served; every other result asks for 5 亩. Nobody waits (patience 0): a request is served
    /// at once if its need fits what is left of the year's quota, or it gives up at once.
    ///
    /// Other results never compete with the impossible requests for land, so the land they get must
    /// be exactly what they get when new-materials results need no land at all — trial by trial and
    /// year by year (common random numbers: nothing else differs between the two runs).
    @Test func anUnservableLandRequestDoesNotBlockLaterOnes() throws {
        var settings = Fixture.merged(Fixture.small, [
            "region.firms.cash_median": 500, "region.firms.cash_sigma": 0.5,
            "region.route.spinoff_probability": 0,
            "policy.licensing.local_subsidy_rate": 0, "policy.institution_reward.per_local_conversion": 0,
            "policy.land.annual_quota_mu": 30, "region.land.patience_months": 0,
            "region.land.relocation_probability": 0.5,
        ])
        settings.merge(Fixture.onlyTRL(7)) { $1 }
        settings.merge(Fixture.allFields("local_fit", 1)) { $1 }
        settings.merge(Fixture.allFields("needs_land", 1)) { $1 }
        settings.merge(Fixture.allFields("land_mu", 5)) { $1 }
        settings["region.fields.new_materials.land_mu"] = 35
        let trials = 60
        let blocked = try Fixture.run(settings, trials: trials, seed: 77)
        let free = try Fixture.run(Fixture.merged(settings, ["region.fields.new_materials.needs_land": 0]), trials: trials, seed: 77)
        #expect(blocked.values(.landRelocations).reduce(0, +) + blocked.values(.landStalls).reduce(0, +) > 0,
                "new-materials results are refused land")
        #expect(blocked.values(.landAllocatedMu).reduce(0, +) > 0, "other results get land")
        for t in 0..<trials {
            #expect(blocked.value(.landAllocatedMu, trial: t) == free.value(.landAllocatedMu, trial: t),
                    "trial \(t): \(blocked.value(.landAllocatedMu, trial: t)) 亩 allocated, \(free.value(.landAllocatedMu, trial: t)) without the impossible requests")
        }
    }
}
