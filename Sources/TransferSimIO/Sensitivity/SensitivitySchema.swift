// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// A JSON Schema (draft 2020-12) of the sensitivity spec (`transfersim schema --format
/// sensitivity`, shipped as `Scenarios/sensitivity/sensitivity.schema.json`), generated from what
/// `SensitivitySpec.parse` reads. Its `parameters` are the sweep file's (the same paths, limits
/// and value forms, from `SweepSchema`). What it cannot state, the analysis still checks: `sobol.n`
/// a power of two, `low` below `high`, and (with `--method sobol` on the command line) the Sobol
/// limit of 20 parameters for a spec whose own method is another.
public enum SensitivitySchema {
    public static let fileName = "Scenarios/sensitivity/sensitivity.schema.json"
    /// The line that attaches the schema, for a spec in `Scenarios/sensitivity/`.
    public static let modelineForShippedSpecs = "# yaml-language-server: $schema=sensitivity.schema.json"
    public static let regenerateCommand =
        "make docs (or: transfersim schema --format sensitivity > Scenarios/sensitivity/sensitivity.schema.json)"

    public static func text(_ catalogue: ParameterCatalogue = .standard) -> String {
        schema(catalogue).text
    }

    public static func schema(_ catalogue: ParameterCatalogue = .standard) -> JSONValue {
        func whole(_ minimum: Int, default value: Int, _ description: String) -> JSONValue {
            .object([
                ("type", .string("integer")), ("minimum", .number(Double(minimum))), ("default", .number(Double(value))),
                ("description", .string(description)),
            ])
        }
        func settings(_ members: [(String, JSONValue)], _ description: String) -> JSONValue {
            .object([
                ("type", .string("object")), ("description", .string(description)),
                ("properties", .object(members)), ("additionalProperties", .bool(false)),
            ])
        }
        let bootstrap = whole(0, default: 1000, "Bootstrap resamples for the intervals (0: none).")
        let properties: [(String, JSONValue)] = [
            ("scenario", .object([
                ("type", .string("string")), ("minLength", .number(1)),
                ("description", .string("The scenario file analysed, relative to the spec file (or absolute).")),
            ])),
            ("policy", .object([
                ("type", .string("string")), ("minLength", .number(1)), ("default", .string("baseline")),
                ("description", .string("The policy every evaluation runs: 'baseline' or the name of one of the scenario's variants.")),
            ])),
            ("method", .object([
                ("type", .string("string")), ("enum", .array(SensitivityMethod.allCases.map { .string($0.rawValue) })),
                ("default", .string(SensitivityMethod.sobol.rawValue)),
                ("description", .string(
                    "sobol: first-order and total indices (optionally second-order) on a Saltelli design; morris: "
                    + "elementary effects (μ*, μ, σ) on random trajectories; oat: one at a time, each parameter to its "
                    + "low and high value around the base case. --method overrides.")),
            ])),
            ("trials", whole(1, default: 20, "Trials per evaluation, on common random numbers. --trials overrides.")),
            ("seed", .object([
                ("type", .string("integer")), ("minimum", .number(0)), ("default", .number(20_260_101)),
                ("description", .string("The random seed, a whole number from 0 to 2^64 − 1.")),
            ])),
            ("outputs", .object([
                ("type", .string("array")), ("minItems", .number(1)), ("uniqueItems", .bool(true)),
                ("description", .string("The outputs of interest: metric names, each once.")),
                ("items", .object([("type", .string("string")), ("enum", .array(Metric.allCases.map { .string($0.name) }))])),
            ])),
            ("parameters", .object([
                ("description", .string("The parameters analysed, in the sweep file's forms: each varies over [low, high] (a list over its smallest to largest value, a distribution over its support).")),
                ("allOf", .array([.object([("$ref", .string("#/$defs/parameters"))])])),
                ("minProperties", .number(1)),
            ])),
            ("sobol", settings([
                ("n", .object([
                    ("type", .string("integer")), ("minimum", .number(2)), ("default", .number(256)),
                    ("description", .string("The base sample size N, a power of two (the Sobol sequence is balanced at powers of two); N × (k + 2) evaluations for k parameters.")),
                ])),
                ("second_order", .object([("type", .string("boolean")), ("default", .bool(false)),
                                          ("description", .string("Also estimate second-order indices (N × (2k + 2) evaluations)."))])),
                ("bootstrap", bootstrap),
            ], "Sobol settings.")),
            ("morris", settings([
                ("trajectories", whole(2, default: 20, "Trajectories r: r × (k + 1) evaluations for k parameters.")),
                ("levels", .object([
                    ("type", .string("integer")), ("minimum", .number(2)), ("multipleOf", .number(2)), ("default", .number(4)),
                    ("description", .string("Grid levels p, even (Δ = p / (2(p − 1)) then keeps every level equally likely).")),
                ])),
                ("bootstrap", bootstrap),
            ], "Morris settings.")),
        ]
        // A Sobol analysis (also when method is left out) needs 2k Sobol dimensions.
        let sobolLimit = JSONValue.object([
            ("if", .object([("properties", .object([("method", .object([("const", .string(SensitivityMethod.sobol.rawValue))]))]))])),
            ("then", .object([("properties", .object([("parameters", .object([
                ("maxProperties", .number(Double(SaltelliSample.maximumDimensions))),
            ]))]))])),
        ])
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://transfersim.invalid/sensitivity.schema.json")),
            ("title", .string("TransferSim sensitivity spec")),
            ("description", .string(
                "A TransferSim sensitivity spec (transfersim sensitivity): a scenario and policy, the parameters "
                + "analysed and their ranges, the outputs, the trials per evaluation, the seed and each method's "
                + "settings. Generated by `transfersim schema --format sensitivity`; do not edit. The analysis also "
                + "checks what a schema cannot: sobol.n a power of two, low below high, and every evaluation's values "
                + "against the parameter's limits.")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
            ("required", .array([.string("scenario"), .string("outputs"), .string("parameters")])),
            ("allOf", .array([sobolLimit])),
            ("$defs", .object(SweepSchema.parameterDefinitions(catalogue, what: "analysis"))),
        ])
    }
}
