// SPDX-License-Identifier: GPL-3.0-or-later

/// Reads one trial's drawn parameter values by dotted path, for building the typed model structs.
/// A path that is not in the catalogue is a programming error (the tests build every struct).
public struct ParameterReader {
    let catalogue: ParameterCatalogue
    let values: [Double]

    public init(catalogue: ParameterCatalogue, values: [Double]) {
        precondition(catalogue.specs.count == values.count)
        self.catalogue = catalogue
        self.values = values
    }

    public subscript(_ path: String) -> Double {
        guard let i = catalogue.index(of: path) else { preconditionFailure("no parameter '\(path)' in the catalogue") }
        return values[i]
    }

    public func flag(_ path: String) -> Bool { self[path] != 0 }
    public func int(_ path: String) -> Int { Int(self[path]) }
}

/// Shorthands for declaring catalogue entries next to the mechanisms they drive.
extension ParameterSpec {
    static func probability(_ path: String, _ value: Double, _ meaning: String, source: String,
                            neutral: Double? = nil) -> ParameterSpec {
        ParameterSpec(path, .probability, default: .number(value), meaning: meaning, source: source, neutral: neutral)
    }

    static func amount(_ path: String, _ value: Double, unit: String, _ meaning: String, source: String,
                       max: Double = 1e12, neutral: Double? = nil) -> ParameterSpec {
        ParameterSpec(path, .number(0...max), unit: unit, default: .number(value), meaning: meaning, source: source,
                      neutral: neutral)
    }

    static func count(_ path: String, _ value: Double, unit: String, _ meaning: String, source: String,
                      max: Double = 1e7, neutral: Double? = nil) -> ParameterSpec {
        ParameterSpec(path, .integer(0...max), unit: unit, default: .number(value), meaning: meaning, source: source,
                      neutral: neutral)
    }

    static func flag(_ path: String, _ value: Bool, _ meaning: String, source: String) -> ParameterSpec {
        ParameterSpec(path, .flag, default: .number(value ? 1 : 0), meaning: meaning, source: source, neutral: 0)
    }
}
