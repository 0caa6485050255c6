// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore

/// A JSON Schema (draft 2020-12) of the scenario file format, generated from the parameter
/// catalogue (`transfersim schema`, shipped as `Scenarios/scenario.schema.json`), for editors that
/// validate and complete YAML by schema.
///
/// It states the structure (`name`, `description`, `region`, `policy`, `variants`), every key with
/// its type, range, choices, default and meaning, the distribution forms, and fields of research
/// (the default ones by name, a new one by a pattern, which must give its `share`). What it cannot
/// state, `transfersim validate` still checks: that a distribution's support lies inside the
/// parameter's range, and the cross-parameter rules (income shares summing to at most 1, exit
/// buckets summing to 1, intake years within the horizon, weights not all zero).
public enum ScenarioSchema {
    public static let fileName = "Scenarios/scenario.schema.json"
    /// The line that attaches the schema in editors using yaml-language-server (VS Code's YAML
    /// extension, Neovim, Helix…), for a scenario file in `Scenarios/`.
    public static let modelineForShippedScenarios = "# yaml-language-server: $schema=scenario.schema.json"
    public static let regenerateCommand = "make docs (or: transfersim schema > Scenarios/scenario.schema.json)"

    /// The placeholder name under which a new field's keys are described.
    static let newFieldName = "<field>"

    /// The schema as pretty-printed JSON.
    public static func text(_ catalogue: ParameterCatalogue = .standard) -> String {
        schema(catalogue).text
    }

    public static func schema(_ catalogue: ParameterCatalogue = .standard) -> JSONValue {
        let groups = catalogue.childKeys(of: "")
        var top: [(String, JSONValue)] = [
            ("name", .object([
                ("type", .string("string")), ("minLength", .number(1)),
                ("description", .string("The scenario's name, shown in reports (defaults to the file's base name).")),
            ])),
            ("description", .object([
                ("type", .array([.string("string"), .string("null")])),
                ("description", .string("What the scenario represents, in prose.")),
            ])),
        ]
        for group in groups {
            top.append((group, .object([("$ref", .string("#/$defs/\(group)"))])))
        }
        top.append(("variants", .object([
            ("type", .array([.string("object"), .string("null")])),
            ("description", .string("Named policy variants: each overrides the baseline policy (policy keys only); run one with --policy NAME.")),
            ("propertyNames", .object([
                ("not", .object([("const", .string("baseline"))])),
                ("description", .string("'baseline' names the scenario's own policy and cannot be a variant's name.")),
            ])),
            ("additionalProperties", .object([("$ref", .string("#/$defs/variant"))])),
        ])))
        top.append(("levers", .object([
            ("type", .array([.string("object"), .string("null")])),
            ("description", .string("Policy steps for `transfersim levers`, written like variants (description 'step | expect: …', policy keys only); without them, the built-in steps.")),
            ("propertyNames", .object([
                ("not", .object([("const", .string("baseline"))])),
                ("description", .string("'baseline' names the scenario's own policy and cannot be a step's name.")),
            ])),
            ("additionalProperties", .object([("$ref", .string("#/$defs/variant"))])),
        ])))
        top.append(("joint", .object([
            ("type", .array([.string("array"), .string("null")])),
            ("description", .string("Groups of parameters drawn together: each trial takes one row of a weighted sample file (a CSV with a 'weight' column and one column per parameter path, e.g. a calibration's posterior.csv), keeping the correlations between the parameters. Replaces whatever the file sets for those parameters elsewhere.")),
            ("items", .object([
                ("type", .string("object")), ("additionalProperties", .bool(false)), ("required", .array([.string("file")])),
                ("properties", .object([
                    ("file", .object([("type", .string("string")), ("minLength", .number(1)),
                                      ("description", .string("The sample file, relative to the scenario file."))])),
                    ("parameters", .object([("type", .string("array")), ("minItems", .number(1)), ("uniqueItems", .bool(true)),
                                            ("items", .object([("type", .string("string"))])),
                                            ("description", .string("The columns to take (parameter paths); default every column but weight."))])),
                ])),
            ])),
        ])))
        top.append(("correlations", .object([
            ("type", .array([.string("array"), .string("null")])),
            ("description", .string("Rank (Spearman) correlations between parameters given as distributions, imposed on the draws by the Iman–Conover method in blocks of 128 trials.")),
            ("items", .object([
                ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("required", .array([.string("parameters"), .string("rank")])),
                ("properties", .object([
                    ("parameters", .object([("type", .string("array")), ("minItems", .number(2)), ("maxItems", .number(2)),
                                            ("items", .object([("type", .string("string"))])),
                                            ("description", .string("Two parameter paths, each given as a distribution."))])),
                    ("rank", .object([("type", .string("number")), ("exclusiveMinimum", .number(-1)), ("exclusiveMaximum", .number(1)),
                                      ("description", .string("The target rank correlation."))])),
                ])),
            ])),
        ])))

        var defs: [(String, JSONValue)] = []
        for group in groups {
            defs.append((group, node(group, catalogue: catalogue)))
        }
        defs.append(("variant", .object([
            ("type", .array([.string("object"), .string("null")])),
            ("additionalProperties", .bool(false)),
            ("properties", .object([
                ("description", .object([
                    ("type", .array([.string("string"), .string("null")])),
                    ("description", .string("What the variant changes, with its source.")),
                ])),
                ("policy", .object([("$ref", .string("#/$defs/policy"))])),
            ])),
        ])))
        defs.append(("new_field", newField()))
        defs.append(("distribution", distribution()))
        defs.append(("ramp", ramp()))

        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://transfersim.invalid/scenario.schema.json")),
            ("title", .string("TransferSim scenario")),
            ("description", .string(
                "A TransferSim scenario: a region, a baseline policy and named policy variants. Generated by "
                + "`transfersim schema` from the parameter catalogue; do not edit. Money in 万元, land in 亩, time in "
                + "months unless a key says years. `transfersim validate` also checks what a schema cannot: a "
                + "distribution's support within the parameter's range, and the cross-parameter rules.")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(top)),
            ("$defs", .object(defs)),
        ])
    }

    /// The schema of the nesting level or parameter at `path`.
    static func node(_ path: String, catalogue: ParameterCatalogue) -> JSONValue {
        if let spec = catalogue.spec(for: path) { return leaf(spec) }
        var properties: [(String, JSONValue)] = []
        for key in catalogue.childKeys(of: path) {
            properties.append((key, node(path + "." + key, catalogue: catalogue)))
        }
        var members: [(String, JSONValue)] = [
            ("type", .array([.string("object"), .string("null")])),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
        ]
        if path == ScenarioReader.fieldsPath {
            members.insert(("description", .string(
                "Fields of research by name. A default field may set any of its keys; a new field (any other name "
                + "without '.', spaces or control characters) must give its share.")), at: 0)
            let defaults = catalogue.fields.map { escapeRegex($0) }.joined(separator: "|")
            members.append(("patternProperties", .object([
                ("^(?!(?:\(defaults))$)[^.\\s\\x00-\\x1f]+$", .object([("$ref", .string("#/$defs/new_field"))])),
            ])))
        }
        return .object(members)
    }

    /// A new field of research: the same keys as a default one, with `share` required.
    static func newField() -> JSONValue {
        let catalogue = ParameterCatalogue(extraFields: [newFieldName])
        let path = ScenarioReader.fieldsPath + "." + newFieldName
        guard case var .object(members) = node(path, catalogue: catalogue) else { return .null }
        members[0] = ("type", .string("object"))
        members.insert(("description", .string("A field of research the scenario adds; it must give its share.")), at: 0)
        members.append(("required", .array([.string(ScenarioReader.fieldShareKey)])))
        return .object(members)
    }

    /// One parameter: its type and range (or a distribution, where allowed), description, default.
    static func leaf(_ spec: ParameterSpec) -> JSONValue {
        var description = spec.meaning
        if !spec.unit.isEmpty { description += " Unit: \(spec.unit)." }
        description += " Allowed: \(spec.kind.expectation)"
        description += spec.kind.allowsDistribution ? ", or a distribution" : ""
        description += spec.scheduleRefusal == nil ? ", or a schedule (docs/schedules.md)." : "."
        description += " Default: \(spec.defaultValue.description(kind: spec.kind))."
        description += " Source: \(spec.source)."
        var members: [(String, JSONValue)] = [("description", .string(description))]
        let value: [(String, JSONValue)]
        switch spec.kind {
        case .probability, .number:
            let r = spec.kind.range
            value = [("type", .string("number")), ("minimum", .number(r.lowerBound)), ("maximum", .number(r.upperBound))]
        case .integer:
            let r = spec.kind.range
            value = [("type", .string("integer")), ("minimum", .number(r.lowerBound)), ("maximum", .number(r.upperBound))]
        case .flag:
            value = [("type", .string("boolean"))]
        case let .choice(options):
            value = [("type", .string("string")), ("enum", .array(options.map { .string($0) }))]
        }
        var forms: [JSONValue] = [.object(value)]
        if spec.kind.allowsDistribution { forms.append(.object([("$ref", .string("#/$defs/distribution"))])) }
        if spec.scheduleRefusal == nil {
            // {from_year: {YEAR: value, …}}: each year's value is any of the plain forms.
            let step: JSONValue = forms.count == 1 ? forms[0] : .object([("anyOf", .array(forms))])
            var schedules: [JSONValue] = [.object([
                ("type", .string("object")),
                ("properties", .object([("from_year", .object([
                    ("type", .string("object")), ("minProperties", .number(1)),
                    ("patternProperties", .object([("^[1-9][0-9]*$", step)])),
                    ("additionalProperties", .bool(false)),
                ]))])),
                ("required", .array([.string("from_year")])),
                ("additionalProperties", .bool(false)),
            ])]
            if spec.kind.allowsDistribution { schedules.append(.object([("$ref", .string("#/$defs/ramp"))])) }
            forms += schedules
        }
        if forms.count > 1 {
            members.append(("anyOf", .array(forms)))
        } else {
            members += value
        }
        if case let .number(x) = spec.defaultValue {
            switch spec.kind {
            case .flag: members.append(("default", .bool(x != 0)))
            case .choice: members.append(("default", .string(spec.defaultValue.description(kind: spec.kind))))
            default: members.append(("default", .number(x)))
            }
        }
        return .object(members)
    }

    /// A ramp: `{ramp: {from_year, to_year, from, to}}`, linear by year (docs/schedules.md).
    static func ramp() -> JSONValue {
        let year: JSONValue = .object([("type", .string("integer")), ("minimum", .number(1))])
        let number: JSONValue = .object([("type", .string("number"))])
        return .object([
            ("description", .string(
                "A value that changes linearly by year: `from` until from_year, then linear to `to` at to_year, `to` after (whole numbers rounded). Years count from 1 and must lie inside the horizon.")),
            ("type", .string("object")),
            ("properties", .object([("ramp", .object([
                ("type", .string("object")),
                ("properties", .object([("from_year", year), ("to_year", year), ("from", number), ("to", number)])),
                ("required", .array(["from_year", "to_year", "from", "to"].map { JSONValue.string($0) })),
                ("additionalProperties", .bool(false)),
            ]))])),
            ("required", .array([.string("ramp")])),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// The distribution forms: `{dist: NAME, …its fields}`, exactly those keys.
    static func distribution() -> JSONValue {
        let forms: [JSONValue] = Distribution.forms.map { form in
            var properties: [(String, JSONValue)] = [("dist", .object([("const", .string(form.name))]))]
            for field in form.fields {
                if form.name == "discrete" {
                    properties.append((field, .object([
                        ("type", .string("array")), ("minItems", .number(1)),
                        ("items", .object([("type", .string("number"))])),
                    ])))
                } else {
                    properties.append((field, .object([("type", .string("number"))])))
                }
            }
            return .object([
                ("type", .string("object")),
                ("properties", .object(properties)),
                ("required", .array(([.string("dist")] + form.fields.map { JSONValue.string($0) }))),
                ("additionalProperties", .bool(false)),
            ])
        }
        return .object([
            ("description", .string(
                "A value drawn once per trial: " + Distribution.forms.map { "{dist: \($0.name), \($0.fields.joined(separator: ", "))}" }
                    .joined(separator: "; ") + ". Its support must lie inside the parameter's range (checked by `transfersim validate`).")),
            ("oneOf", .array(forms)),
        ])
    }

    private static func escapeRegex(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\^$.|?*+()[]{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
