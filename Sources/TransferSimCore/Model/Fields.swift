// SPDX-License-Identifier: GPL-3.0-or-later

/// Fields of research (MODEL.md §3): each with its weight among disclosures, its fit with local
/// industry, whether production needs an industrial site and how much, and stage multipliers.
/// A scenario may add fields; an added field starts from the generic defaults below.
public struct FieldParameters: Sendable {
    public var cumulativeShare: [Double]
    public var localFit: [Double]
    public var needsLand: [Double]
    public var landMu: [Double]
    /// Odds multiplier on technical success (PoC, pilot, implementation, market entry).
    public var technicalOdds: [Double]
    public var spinoffMultiplier: [Double]

    struct Defaults {
        let name: String, share: Double, localFit: Double, needsLand: Double, landMu: Double
        let technicalOdds: Double, spinoff: Double
    }

    /// The default field list. Local fit 0.35–0.5 is an assumption for a mid-size city with a broader
    /// industrial base than Lanzhou, which reports about 30 % coupling with local industry (001); land
    /// needs and plot sizes are assumptions.
    static let defaults: [Defaults] = [
        Defaults(name: "new_materials", share: 0.20, localFit: 0.45, needsLand: 0.5, landMu: 30, technicalOdds: 1.0, spinoff: 1.0),
        Defaults(name: "biomedicine", share: 0.18, localFit: 0.35, needsLand: 0.3, landMu: 20, technicalOdds: 0.6, spinoff: 1.3),
        Defaults(name: "advanced_equipment", share: 0.20, localFit: 0.5, needsLand: 0.6, landMu: 40, technicalOdds: 1.0, spinoff: 0.8),
        Defaults(name: "digital_it", share: 0.22, localFit: 0.45, needsLand: 0.05, landMu: 5, technicalOdds: 1.2, spinoff: 1.5),
        Defaults(name: "agriculture", share: 0.10, localFit: 0.5, needsLand: 0.2, landMu: 20, technicalOdds: 1.0, spinoff: 0.6),
        Defaults(name: "energy", share: 0.10, localFit: 0.4, needsLand: 0.5, landMu: 50, technicalOdds: 0.9, spinoff: 1.0),
    ]
    static let generic = Defaults(name: "", share: 0, localFit: 0.3, needsLand: 0.3, landMu: 20, technicalOdds: 1.0, spinoff: 1.0)

    public static var defaultFields: [(name: String, share: Double)] { defaults.map { ($0.name, $0.share) } }

    static func parameters(fields: [String]) -> [ParameterSpec] {
        fields.flatMap { name -> [ParameterSpec] in
            let d = defaults.first { $0.name == name } ?? generic
            let base = "region.fields.\(name)"
            return [
                .amount("\(base).share", d.share, unit: "weight", "Relative weight of \(name) among disclosed results.",
                        source: "assumption"),
                .probability("\(base).local_fit", d.localFit,
                             "Probability that a \(name) result fits local industry (a local firm is interested).",
                             source: "assumption: 0.35–0.5 for a mid-size city; Lanzhou reports about 30 % coupling with local industry (001)"),
                .probability("\(base).needs_land", d.needsLand,
                             "Probability that taking a \(name) result to production needs an industrial site.",
                             source: "assumption"),
                .amount("\(base).land_mu", d.landMu, unit: "亩", "Industrial land a \(name) result asks for at production.",
                        source: "assumption"),
                .amount("\(base).technical_odds", d.technicalOdds, unit: "× odds",
                        "Odds multiplier on every technical success probability for \(name).",
                        source: d.technicalOdds < 1 ? "assumption: biomedicine attrition is extreme (BIO 2021: 7.9 % of phase-I candidates approved, CALIBRATION.md)" : "assumption",
                        max: 100),
                .amount("\(base).spinoff_multiplier", d.spinoff, unit: "×", "Multiplier on the spin-off probability for \(name).",
                        source: "assumption", max: 100),
            ]
        }
    }

    init(_ r: ParameterReader, fields: [String]) {
        var running = 0.0
        cumulativeShare = []
        localFit = []
        needsLand = []
        landMu = []
        technicalOdds = []
        spinoffMultiplier = []
        for f in fields {
            let base = "region.fields.\(f)"
            running += r["\(base).share"]
            cumulativeShare.append(running)
            localFit.append(r["\(base).local_fit"])
            needsLand.append(r["\(base).needs_land"])
            landMu.append(r["\(base).land_mu"])
            technicalOdds.append(r["\(base).technical_odds"])
            spinoffMultiplier.append(r["\(base).spinoff_multiplier"])
        }
    }
}
