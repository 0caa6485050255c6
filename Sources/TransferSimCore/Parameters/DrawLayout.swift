// SPDX-License-Identifier: GPL-3.0-or-later

/// The values a resolved parameter set draws in each trial — its uncertain parameters — as the
/// per-trial tables report them (`trials.csv`, `sweep_trials.csv`), so that outcomes can be set
/// against the draws that produced them (scenario discovery, scatter plots).
///
/// One column per parameter given as a distribution (a joint sample's parameters included: each
/// takes its value from the row the trial drew), in catalogue order, named `draw:PATH`; a
/// schedule adds one column per date at which its value in force is a distribution: `draw:PATH`
/// for year 1 and `draw:PATH@yearN` from year N. A value is the one the trial ran on: after
/// rounding whole-number parameters and after the Iman–Conover rearrangement of correlated ones.
/// A parameter set without distributions has no columns.
public struct DrawLayout: Sendable, Equatable {
    /// One drawn value of a trial.
    public struct Column: Sendable, Equatable {
        /// The parameter's index in the catalogue.
        public let entry: Int
        /// The year from which the value applies (1 unless a schedule reaches a distribution later).
        public let year: Int
        /// `draw:PATH` or `draw:PATH@yearN`.
        public let name: String
    }

    /// The prefix of every drawn value's column name.
    public static let prefix = "draw:"

    public let columns: [Column]

    /// No drawn values (a parameter set without distributions).
    public static let empty = DrawLayout(columns: [])

    init(columns: [Column]) { self.columns = columns }

    /// The columns `resolved` draws per trial.
    public init(_ resolved: ResolvedParameters) {
        var columns: [Column] = []
        for (i, entry) in resolved.entries.enumerated() {
            let path = resolved.catalogue.specs[i].path
            switch entry.value {
            case .number: continue
            case .distribution: columns.append(Column(entry: i, year: 1, name: Self.prefix + path))
            case let .schedule(s):
                for year in [1] + s.changeYears {
                    guard case .distribution = s.value(inYear: year) else { continue }
                    columns.append(Column(entry: i, year: year, name: Self.prefix + path + (year == 1 ? "" : "@year\(year)")))
                }
            }
        }
        self.columns = columns
    }

    /// The column names, in order.
    public var names: [String] { columns.map(\.name) }

    /// Layouts are equal when they name the same columns (a layout read back from a table knows
    /// only the names).
    public static func == (a: DrawLayout, b: DrawLayout) -> Bool { a.names == b.names }

    public var isEmpty: Bool { columns.isEmpty }

    public var count: Int { columns.count }

    /// A layout known only by its column names (read back from a table's header), for tables
    /// rebuilt from per-trial data: the names are kept, the catalogue positions are not.
    public init(names: [String]) {
        columns = names.map { Column(entry: -1, year: 1, name: $0) }
    }
}
