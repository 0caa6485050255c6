// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// The per-source and per-field parameters read on every disclosure, copied once per trial into
/// memory the simulator owns. Reading the `ModelParameters` arrays directly from the simulator costs
/// a reference-count increment and decrement per access; these reads cost a load.
struct LookupTables {
    private var storage = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    private(set) var fields = 0

    static let sources = ResultSource.allCases.count
    static let trlLevels = Region.trlLevels.count

    // Layout: [source cumulative | source intent | source approval (0/1) | source spin-off |
    //          TRL cumulative | field cumulative | fit | land need | land 亩 | technical odds | spin-off]
    // Offsets are stored, not computed from the static counts: a static `let` costs a lazy-
    // initialisation check (`swift_once`) on every read, and these are read for every result.
    private var sources = 0
    private var trlBase = 0
    private var fieldBase = 0

    mutating func load(_ p: ModelParameters) {
        let n = p.fields.cumulativeShare.count
        sources = Self.sources
        trlBase = 4 * sources
        fieldBase = trlBase + Self.trlLevels
        let capacity = fieldBase + 6 * n
        if storage.count < capacity {
            storage.deallocate()
            storage = .allocate(capacity: capacity)
        }
        fields = n
        var k = 0
        func put(_ values: [Double]) { for v in values { storage[k] = v; k += 1 } }
        put(p.region.sourceCumulativeShare)
        put(p.region.sourceIntentMultiplier)
        put(p.region.sourceNeedsApproval.map { $0 ? 1 : 0 })
        put(p.region.sourceSpinoffMultiplier)
        put(p.region.trlCumulative)
        put(p.fields.cumulativeShare)
        put(p.fields.localFit)
        put(p.fields.needsLand)
        put(p.fields.landMu)
        put(p.fields.technicalOdds.map { $0 > 0 ? log($0) : -.infinity })
        put(p.fields.spinoffMultiplier)
    }

    func free() { storage.deallocate() }

    private func slice(_ start: Int, _ count: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(rebasing: storage[start..<(start + count)])
    }

    var sourceCumulative: UnsafeBufferPointer<Double> { slice(0, sources) }
    var trlCumulative: UnsafeBufferPointer<Double> { slice(trlBase, fieldBase - trlBase) }
    var fieldCumulative: UnsafeBufferPointer<Double> { slice(fieldBase, fields) }

    @inline(__always) func sourceIntent(_ s: UInt8) -> Double { storage[sources + Int(s)] }
    @inline(__always) func sourceNeedsApproval(_ s: UInt8) -> Bool { storage[2 * sources + Int(s)] != 0 }
    @inline(__always) func sourceSpinoff(_ s: UInt8) -> Double { storage[3 * sources + Int(s)] }
    @inline(__always) func localFit(_ f: UInt8) -> Double { storage[fieldBase + fields + Int(f)] }
    @inline(__always) func needsLand(_ f: UInt8) -> Double { storage[fieldBase + 2 * fields + Int(f)] }
    @inline(__always) func landMu(_ f: UInt8) -> Double { storage[fieldBase + 3 * fields + Int(f)] }
    /// ln(technical odds) of field `f` (−∞ for odds of 0).
    @inline(__always) func technicalLogOdds(_ f: UInt8) -> Double { storage[fieldBase + 4 * fields + Int(f)] }
    @inline(__always) func spinoff(_ f: UInt8) -> Double { storage[fieldBase + 5 * fields + Int(f)] }
}
