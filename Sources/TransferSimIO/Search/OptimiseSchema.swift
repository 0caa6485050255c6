// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// A JSON Schema (draft 2020-12) of the optimisation spec (`transfersim schema --format optimise`,
/// shipped as `Scenarios/search/optimise.schema.json`), generated from what `OptimiseSpec.parse`
/// reads. What it cannot state, `optimise` still checks: low below high, bounds inside the
/// parameter's limits, and the constraint and objective expressions' metric names (the pattern
/// below checks their shape and metric).
public enum OptimiseSchema {
    public static let fileName = "Scenarios/search/optimise.schema.json"

    public static func text(_ catalogue: ParameterCatalogue = .standard) -> String { schema(catalogue).text }

    public static func schema(_ catalogue: ParameterCatalogue = .standard) -> JSONValue {
        let metrics = Metric.allCases.map { SweepSchema.escapeRegex($0.name) }.joined(separator: "|")
        let number = "[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
        let statistic = "^ *(?:\(metrics))\\.(?:mean|p[0-9]+(?:\\.[0-9]+)?) *$"
        let constraint = "^ *(?:[Pp]\\( *(?:\(metrics)) *(?:>=|<=|>|<|==) *\(number) *\\) *>= *\(number)|(?:\(metrics))\\.(?:mean|p[0-9]+(?:\\.[0-9]+)?) *(?:>=|<=|>|<) *\(number)) *$"
        let whole = { (min: Double, text: String) in
            JSONValue.object([("type", .string("integer")), ("minimum", .number(min)), ("description", .string(text))])
        }
        let lever = JSONValue.object([
            ("description", .string("{low, high} (integer: true for whole numbers; whole-number parameters always are) or {values: [...]} (a categorical choice).")),
            ("oneOf", .array([
                .object([
                    ("type", .string("object")),
                    ("properties", .object([("low", .object([("type", .string("number"))])), ("high", .object([("type", .string("number"))])),
                                            ("integer", .object([("type", .string("boolean"))]))])),
                    ("required", .array([.string("low"), .string("high")])), ("additionalProperties", .bool(false)),
                ]),
                .object([
                    ("type", .string("object")),
                    ("properties", .object([("values", .object([("type", .string("array")), ("minItems", .number(1)),
                                                                ("items", .object([("type", .string("number"))]))]))])),
                    ("required", .array([.string("values")])), ("additionalProperties", .bool(false)),
                ]),
            ])),
        ])
        let levers = JSONValue.object([
            ("type", .string("object")), ("minProperties", .number(1)),
            ("description", .string("The decision levers by dotted parameter path (`transfersim params` lists them), set on top of the policy.")),
            ("propertyNames", .object([("enum", .array(catalogue.specs.map { .string($0.path) }))])),
            ("additionalProperties", lever),
        ])
        let objective = JSONValue.object([
            ("type", .string("object")), ("minProperties", .number(1)), ("maxProperties", .number(1)),
            ("description", .string("minimise: or maximise: a statistic, metric.mean or metric.pNN.")),
            ("properties", .object(["minimise", "minimize", "maximise", "maximize"].map {
                ($0, .object([("type", .string("string")), ("pattern", .string(statistic))])) })),
            ("additionalProperties", .bool(false)),
        ])
        let properties: [(String, JSONValue)] = [
            ("scenario", .object([("type", .string("string")), ("minLength", .number(1)),
                                  ("description", .string("The scenario file, relative to the spec (left out: the bundled default)."))])),
            ("policy", .object([("type", .string("string")), ("minLength", .number(1)), ("default", .string("baseline")),
                                ("description", .string("The policy the levers are set on top of: baseline, a variant or a+b."))])),
            ("trials", whole(1, "Trials per candidate; every candidate runs trials 0..<trials (common random numbers). Default 200.")),
            ("fresh_trials", whole(1, "Trials of the re-run of the answer on fresh trials trials..<trials+fresh_trials. Default 200.")),
            ("seed", whole(0, "The random seed, 0 to 2^64 − 1. Default 20260101.")),
            ("levers", levers),
            ("objectives", .object([("type", .string("array")), ("minItems", .number(1)), ("items", objective),
                                    ("description", .string("One objective: Nelder–Mead; two or more: NSGA-II (a Pareto front)."))])),
            ("constraints", .object([("type", .string("array")),
                                     ("items", .object([("type", .string("string")), ("pattern", .string(constraint))])),
                                     ("description", .string("Chance constraints: 'P(metric >= x) >= p' (p in (0, 1]) or 'metric.pNN >= x' / 'metric.mean <= x'."))])),
            ("search", .object([
                ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("description", .string("Search settings: Nelder–Mead's evaluations, restarts and tolerance; NSGA-II's population, generations and seed.")),
                ("properties", .object([
                    ("evaluations", whole(3, "Nelder–Mead: most distinct candidates simulated (default 80).")),
                    ("restarts", whole(0, "Nelder–Mead: restarts from the best point (default 1).")),
                    ("tolerance", .object([("type", .string("number")), ("minimum", .number(0)),
                                           ("description", .string("Nelder–Mead: simplex size at which to stop (default 0.001)."))])),
                    ("population", whole(4, "NSGA-II: population size (default 40).")),
                    ("generations", whole(1, "NSGA-II: generations (default 25).")),
                    ("seed", whole(0, "NSGA-II: the seed of its random choices (default 1).")),
                ])),
            ])),
        ]
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://transfersim.invalid/optimise.schema.json")),
            ("title", .string("TransferSim optimisation spec")),
            ("description", .string("A TransferSim optimisation spec (transfersim optimise). Generated by `transfersim schema --format optimise`; do not edit.")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
            ("required", .array([.string("levers"), .string("objectives")])),
        ])
    }
}
