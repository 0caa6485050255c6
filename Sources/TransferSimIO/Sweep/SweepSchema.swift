// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// A JSON Schema (draft 2020-12) of the sweep file format (`transfersim schema --format sweep`,
/// shipped as `Scenarios/sweeps/sweep.schema.json`), for editors that validate and complete YAML
/// by schema.
///
/// It is generated from what `SweepSpec.parse` reads: the top-level keys, the designs, the
/// parameter paths of the standard catalogue (each with its meaning and allowed range), the value
/// forms a sweep accepts, and target expressions on the statistics a sweep keeps. It also states
/// the rules between keys: a sampling design needs `points`, a grid takes no distributions, a CSV
/// design lists its parameters as column names, a Sobol design varies at most 40 parameters. What
/// it cannot state, the sweep still checks: `low` below `high` (and `mode` between them), the
/// columns of a CSV design, and (in a grid) that each step of a range of a whole-number parameter
/// is whole.
public enum SweepSchema {
    public static let fileName = "Scenarios/sweeps/sweep.schema.json"
    /// The line that attaches the schema in editors using yaml-language-server, for a sweep file
    /// in `Scenarios/sweeps/`.
    public static let modelineForShippedSweeps = "# yaml-language-server: $schema=sweep.schema.json"
    public static let regenerateCommand = "make docs (or: transfersim schema --format sweep > Scenarios/sweeps/sweep.schema.json)"

    /// The designs named by a word (the CSV design is a mapping).
    public static let designs = ["grid", "monte_carlo", "latin_hypercube", "sobol"]

    public static func text(_ catalogue: ParameterCatalogue = .standard) -> String {
        schema(catalogue).text
    }

    public static func schema(_ catalogue: ParameterCatalogue = .standard) -> JSONValue {
        let sampled = Array(designs.dropFirst())
        let properties: [(String, JSONValue)] = [
            ("scenario", .object([
                ("type", .string("string")), ("minLength", .number(1)),
                ("description", .string("The scenario file the sweep varies, relative to the sweep file (or absolute).")),
            ])),
            ("policy", .object([
                ("type", .string("string")), ("minLength", .number(1)), ("default", .string("baseline")),
                ("description", .string("The policy every point runs: 'baseline' or the name of one of the scenario's variants.")),
            ])),
            ("design", .object([
                ("description", .string(
                    "How the points are chosen. grid: full factorial, the last parameter varying fastest; monte_carlo: "
                    + "`points` independent uniform points; latin_hypercube: `points` points, one in each of the `points` "
                    + "strata of every parameter; sobol: the first `points` points of GSL's Sobol sequence (at most "
                    + "\(SweepDesign.sobolDimensionLimit) parameters); {csv: FILE}: the rows of a CSV whose header names "
                    + "the parameters by dotted path.")),
                ("default", .string("grid")),
                ("anyOf", .array([
                    .object([("type", .string("string")), ("enum", .array(designs.map { .string($0) }))]),
                    .object([("$ref", .string("#/$defs/csv_design"))]),
                ])),
            ])),
            ("points", .object([
                ("type", .string("integer")), ("minimum", .number(1)),
                ("description", .string("The number of points of a monte_carlo, latin_hypercube or sobol design (required by them; a grid's size follows from its values).")),
            ])),
            ("trials", .object([
                ("type", .string("integer")), ("minimum", .number(1)), ("default", .number(100)),
                ("description", .string("Trials per point; every point runs the same trial indices (common random numbers). --trials overrides.")),
            ])),
            ("first_trial", .object([
                ("type", .string("integer")), ("minimum", .number(0)), ("default", .number(0)),
                ("description", .string("The index of every point's first trial: points run trials first_trial to first_trial + trials − 1 (a policy search's re-run on fresh trials starts after its search trials).")),
            ])),
            ("seed", .object([
                ("type", .string("integer")), ("minimum", .number(0)), ("default", .number(20_260_101)),
                ("description", .string("The random seed, a whole number from 0 to 2^64 − 1. --seed overrides.")),
            ])),
            ("parameters", .object([
                ("description", .string(
                    "The parameters varied: a mapping of dotted paths to values: [...], range: {low, high, steps} or a "
                    + "distribution; with design: {csv: FILE}, a list of the CSV's columns (or left out).")),
                ("anyOf", .array([
                    .object([("$ref", .string("#/$defs/parameters"))]),
                    .object([("$ref", .string("#/$defs/parameter_columns"))]),
                ])),
            ])),
            ("trial_table", .object([
                ("type", .string("boolean")),
                ("description", .string(
                    "Whether to write sweep_trials.csv: every trial of every point with its design values, the values drawn "
                    + "for the scenario's uncertain parameters (draw:PATH) and its metrics, for discover and scatter plots. "
                    + "Left out: written when the scenario gives some parameter as a distribution.")),
            ])),
            ("targets", .object([
                ("type", .string("array")),
                ("description", .string(
                    "Targets every point must meet (sweep --check, transfersim check): 'metric.statistic operator number', "
                    + "e.g. 'local_conversion_share.mean >= 0.02', where statistic is one of "
                    + SweepSpec.targetStatistics.joined(separator: ", ") + " and operator one of >=, <=, >, <, ==.")),
                ("items", .object([("type", .string("string")), ("pattern", .string(targetPattern))])),
            ])),
        ]
        let rules: [JSONValue] = [
            // A CSV design takes a list of column names; any other needs the parameter mapping.
            .object([
                ("if", .object([("properties", .object([("design", .object([("type", .string("object"))]))])),
                                ("required", .array([.string("design")]))])),
                ("then", .object([("properties", .object([("parameters", .object([("$ref", .string("#/$defs/parameter_columns"))]))]))])),
                ("else", .object([("properties", .object([("parameters", .object([("$ref", .string("#/$defs/parameters"))]))])),
                                  ("required", .array([.string("parameters")]))])),
            ]),
            // The sampling designs need their number of points.
            .object([
                ("if", .object([("properties", .object([("design", .object([("enum", .array(sampled.map { .string($0) }))]))])),
                                ("required", .array([.string("design")]))])),
                ("then", .object([("required", .array([.string("points")]))])),
            ]),
            // A grid (also when design is left out) takes each value: lists and ranges only.
            .object([
                ("if", .object([("properties", .object([("design", .object([("const", .string("grid"))]))]))])),
                ("then", .object([("properties", .object([("parameters", .object([
                    ("additionalProperties", .object([
                        ("description", .string("A grid takes values: [...] or range: {low, high, steps}, not a distribution.")),
                        ("properties", .object([("dist", .bool(false))])),
                    ])),
                ]))]))])),
            ]),
            // GSL's Sobol sequence has at most 40 dimensions.
            .object([
                ("if", .object([("properties", .object([("design", .object([("const", .string("sobol"))]))])),
                                ("required", .array([.string("design")]))])),
                ("then", .object([("properties", .object([("parameters", .object([
                    ("maxProperties", .number(Double(SweepDesign.sobolDimensionLimit))),
                ]))]))])),
            ]),
        ]
        var defs: [(String, JSONValue)] = [
            ("csv_design", .object([
                ("type", .string("object")),
                ("description", .string(
                    "A design made elsewhere (SALib, EMA Workbench, a spreadsheet): a CSV file, relative to the sweep "
                    + "file, whose header names the parameters by dotted path and whose rows are the points, in order.")),
                ("properties", .object([("csv", .object([("type", .string("string")), ("minLength", .number(1))]))])),
                ("required", .array([.string("csv")])),
                ("additionalProperties", .bool(false)),
            ])),
            ("parameter_columns", .object([
                ("type", .string("array")),
                ("description", .string("With design: {csv: FILE}: the CSV's columns expected, in the order wanted in sweep.csv (each column must be listed).")),
                ("items", .object([("type", .string("string")), ("enum", .array(catalogue.specs.map { .string($0.path) }))])),
            ])),
        ]
        defs += parameterDefinitions(catalogue, what: "sweep")
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://transfersim.invalid/sweep.schema.json")),
            ("title", .string("TransferSim sweep")),
            ("description", .string(
                "A TransferSim sweep file (transfersim sweep): a scenario and policy, the parameters varied and how, "
                + "the design, the trials per point and the seed. Generated by `transfersim schema --format sweep`; do "
                + "not edit. The sweep also checks what a schema cannot: low below high, a CSV design's columns, and "
                + "every point's values against the parameter's limits before anything runs.")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
            ("required", .array([.string("scenario")])),
            ("allOf", .array(rules)),
            ("$defs", .object(defs)),
        ])
    }

    /// A sweep target: `metric.statistic operator number`, on a statistic a sweep keeps per point.
    static var targetPattern: String {
        let metrics = Metric.allCases.map { escapeRegex($0.name) }.joined(separator: "|")
        let statistics = SweepSpec.targetStatistics.map { escapeRegex($0) }.joined(separator: "|")
        return "^ *(?:\(metrics))\\.(?:\(statistics)) *(?:>=|<=|==|>|<) *[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)? *$"
    }

    /// The `$defs` for a `parameters:` mapping in the sweep file's forms (shared with sensitivity
    /// specs): `parameters` (every path of the catalogue, described, within its limits), `value`
    /// (the forms) and one `within…`/`whole…` definition per distinct range of the catalogue.
    static func parameterDefinitions(_ catalogue: ParameterCatalogue, what: String) -> [(String, JSONValue)] {
        var paths: [(String, JSONValue)] = []
        var limits: [(String, JSONValue)] = []
        for spec in catalogue.specs {
            let name = limitName(spec.kind)
            if !limits.contains(where: { $0.0 == name }) { limits.append((name, limit(spec.kind))) }
            paths.append((spec.path, .object([
                ("description", .string(description(spec))),
                ("allOf", .array([
                    .object([("$ref", .string("#/$defs/value"))]),
                    .object([("$ref", .string("#/$defs/\(name)"))]),
                ])),
            ])))
        }
        let number = JSONValue.object([("type", .string("number"))])
        func form(_ members: [(String, JSONValue)], required: [String], description: String) -> JSONValue {
            .object([
                ("type", .string("object")),
                ("description", .string(description)),
                ("properties", .object(members)),
                ("required", .array(required.map { .string($0) })),
                ("additionalProperties", .bool(false)),
            ])
        }
        let forms: [JSONValue] = [
            form([("values", .object([("type", .string("array")), ("minItems", .number(1)), ("items", number)]))],
                 required: ["values"], description: "An explicit list: a grid takes each value; a sampling design picks one with equal chance."),
            form([("range", .object([
                ("type", .string("object")),
                ("properties", .object([
                    ("low", number), ("high", number),
                    ("steps", .object([("type", .string("integer")), ("minimum", .number(1)), ("default", .number(2)),
                                       ("description", .string("Evenly spaced values from low to high in a grid (default 2).")) ])),
                ])),
                ("required", .array([.string("low"), .string("high")])),
                ("additionalProperties", .bool(false)),
            ]))], required: ["range"],
                 description: "From low to high (low below high): steps evenly spaced values in a grid, uniform on [low, high] in a sampling design or an analysis."),
            form([("dist", .object([("const", .string("uniform"))])), ("low", number), ("high", number)],
                 required: ["dist", "low", "high"], description: "Uniform on [low, high] (low below high), through the inverse CDF; not in a grid."),
            form([("dist", .object([("const", .string("triangular"))])), ("low", number), ("mode", number), ("high", number)],
                 required: ["dist", "low", "mode", "high"],
                 description: "Triangular with low ≤ mode ≤ high (low below high), through the inverse CDF; not in a grid."),
        ]
        var defs: [(String, JSONValue)] = [
            ("parameters", .object([
                ("type", .string("object")),
                ("description", .string(
                    "The parameters the \(what) varies, by dotted path (`transfersim params` lists them): each to "
                    + "values: [...], range: {low, high, steps}, {dist: uniform, low, high} or {dist: triangular, low, mode, high}.")),
                ("properties", .object(paths)),
                ("additionalProperties", .bool(false)),
            ])),
            ("value", .object([
                ("description", .string("How a parameter varies: values: [...], range: {low, high, steps}, {dist: uniform, low, high} or {dist: triangular, low, mode, high}.")),
                ("oneOf", .array(forms)),
            ])),
        ]
        defs += limits
        return defs
    }

    /// One parameter's description: meaning, unit, what a point may set it to, default, source.
    static func description(_ spec: ParameterSpec) -> String {
        var text = spec.meaning
        if !spec.unit.isEmpty { text += " Unit: \(spec.unit)." }
        switch spec.kind {
        case .flag:
            text += " Allowed: 0 (false) or 1 (true)."
        case let .choice(options):
            text += " Allowed: the option's index, " + options.enumerated().map { "\($0.offset) = \($0.element)" }.joined(separator: ", ") + "."
        default:
            text += " Allowed: \(spec.kind.expectation)."
        }
        text += " Default: \(spec.defaultValue.description(kind: spec.kind))."
        return text
    }

    /// The limits of a kind of parameter, named by its range (shared by the parameters with it).
    static func limitName(_ kind: ParameterKind) -> String {
        let r = kind.range
        switch kind {
        case .probability, .number: return "within_\(format(r.lowerBound))_\(format(r.upperBound))"
        case .integer, .flag, .choice: return "whole_\(format(r.lowerBound))_\(format(r.upperBound))"
        }
    }

    /// Every number a point can take inside the parameter's range: list items, range ends,
    /// distribution bounds (whole numbers in a list for whole-number, switch and choice parameters).
    static func limit(_ kind: ParameterKind) -> JSONValue {
        let r = kind.range
        let bounds: [(String, JSONValue)] = [("minimum", .number(r.lowerBound)), ("maximum", .number(r.upperBound))]
        let item: [(String, JSONValue)]
        switch kind {
        case .probability, .number: item = [("type", .string("number"))] + bounds
        case .integer, .flag, .choice: item = [("type", .string("integer"))] + bounds
        }
        return .object([
            ("description", .string("Every value a point can take lies in [\(format(r.lowerBound)), \(format(r.upperBound))]" + (item[0].1 == .string("integer") ? "; listed values are whole numbers." : "."))),
            ("properties", .object([
                ("values", .object([("items", .object(item))])),
                ("range", .object([("properties", .object([("low", .object(bounds)), ("high", .object(bounds))]))])),
                ("low", .object(bounds)), ("mode", .object(bounds)), ("high", .object(bounds)),
            ])),
        ])
    }

    static func escapeRegex(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\^$.|?*+()[]{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
