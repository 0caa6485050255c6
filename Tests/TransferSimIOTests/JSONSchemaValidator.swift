// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import TransferSimCore
@testable import TransferSimIO

/// A validator for the subset of JSON Schema (draft 2020-12) that `ScenarioSchema`,
/// `SweepSchema` and `SensitivitySchema` emit, so the shipped schemas are checked against the shipped files without any
/// external tool. A keyword it
/// does not know is reported as an error, so the schema cannot silently outgrow it.
struct JSONSchemaValidator {
    let root: JSONValue

    /// Keywords that only annotate.
    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description", "default"]
    /// Keywords that constrain, all implemented below.
    static let assertions: Set<String> = [
        "$ref", "type", "enum", "const", "minimum", "maximum", "minLength", "minItems", "items", "properties",
        "patternProperties", "additionalProperties", "required", "propertyNames", "not", "anyOf", "oneOf", "allOf",
        "if", "then", "else", "pattern", "minProperties", "maxProperties", "uniqueItems", "multipleOf",
        "maxItems", "exclusiveMinimum", "exclusiveMaximum",
    ]

    /// Every problem with `instance`, each as `path: message` (empty when it is valid).
    func errors(_ instance: JSONValue) -> [String] {
        var errors: [String] = []
        validate(instance, root, at: "$", into: &errors)
        return errors
    }

    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private func validate(_ value: JSONValue, _ schema: JSONValue, at path: String, into errors: inout [String]) {
        if case let .bool(allowed) = schema {
            if !allowed { errors.append("\(path): not allowed") }
            return
        }
        guard case let .object(keywords) = schema else {
            errors.append("\(path): a schema must be an object or a boolean")
            return
        }
        for (keyword, argument) in keywords {
            if Self.annotations.contains(keyword) { continue }
            switch keyword {
            case "$ref":
                guard case let .string(ref) = argument, let target = resolve(ref) else {
                    errors.append("\(path): unresolvable $ref \(argument)")
                    continue
                }
                validate(value, target, at: path, into: &errors)
            case "type":
                let types: [String]
                switch argument {
                case let .string(t): types = [t]
                case let .array(items): types = items.compactMap { if case let .string(t) = $0 { return t } else { return nil } }
                default: types = []
                }
                if !types.contains(where: { Self.matches(value, type: $0) }) {
                    errors.append("\(path): expected \(types.joined(separator: " or ")), got \(Self.describe(value))")
                }
            case "enum":
                if case let .array(options) = argument, !options.contains(value) {
                    errors.append("\(path): \(Self.describe(value)) is not one of the allowed values")
                }
            case "const":
                if value != argument { errors.append("\(path): must be \(argument)") }
            case "minimum":
                if case let .number(x) = value, case let .number(m) = argument, x < m {
                    errors.append("\(path): \(format(x)) is below the minimum \(format(m))")
                }
            case "maximum":
                if case let .number(x) = value, case let .number(m) = argument, x > m {
                    errors.append("\(path): \(format(x)) is above the maximum \(format(m))")
                }
            case "exclusiveMinimum":
                if case let .number(x) = value, case let .number(m) = argument, x <= m {
                    errors.append("\(path): \(format(x)) is not above \(format(m))")
                }
            case "exclusiveMaximum":
                if case let .number(x) = value, case let .number(m) = argument, x >= m {
                    errors.append("\(path): \(format(x)) is not below \(format(m))")
                }
            case "minLength":
                if case let .string(s) = value, case let .number(m) = argument, Double(s.count) < m {
                    errors.append("\(path): shorter than \(format(m))")
                }
            case "pattern":
                if case let .string(s) = value, case let .string(pattern) = argument, !Self.matches(s, pattern: pattern) {
                    errors.append("\(path): '\(s)' does not match the pattern \(pattern)")
                }
            case "minProperties":
                if case let .object(members) = value, case let .number(m) = argument, Double(members.count) < m {
                    errors.append("\(path): fewer than \(format(m)) keys")
                }
            case "maxProperties":
                if case let .object(members) = value, case let .number(m) = argument, Double(members.count) > m {
                    errors.append("\(path): more than \(format(m)) keys")
                }
            case "uniqueItems":
                if case let .array(items) = value, case .bool(true) = argument {
                    for (i, item) in items.enumerated() where items[..<i].contains(item) {
                        errors.append("\(path)[\(i)]: \(Self.describe(item)) is listed twice")
                    }
                }
            case "multipleOf":
                if case let .number(x) = value, case let .number(m) = argument, (x / m).rounded() != x / m {
                    errors.append("\(path): \(format(x)) is not a multiple of \(format(m))")
                }
            case "if":
                var inner: [String] = []
                validate(value, argument, at: path, into: &inner)
                if let branch = inner.isEmpty ? schema["then"] : schema["else"] {
                    validate(value, branch, at: path, into: &errors)
                }
            case "then", "else":
                continue  // applied by "if"
            case "maxItems":
                if case let .array(items) = value, case let .number(m) = argument, Double(items.count) > m {
                    errors.append("\(path): more than \(format(m)) items")
                }
            case "minItems":
                if case let .array(items) = value, case let .number(m) = argument, Double(items.count) < m {
                    errors.append("\(path): fewer than \(format(m)) items")
                }
            case "items":
                if case let .array(items) = value {
                    for (i, item) in items.enumerated() { validate(item, argument, at: "\(path)[\(i)]", into: &errors) }
                }
            case "properties":
                if case let .object(members) = value, case let .object(properties) = argument {
                    for (key, sub) in members {
                        if let schema = properties.first(where: { $0.0 == key })?.1 {
                            validate(sub, schema, at: "\(path).\(key)", into: &errors)
                        }
                    }
                }
            case "patternProperties":
                if case let .object(members) = value, case let .object(patterns) = argument {
                    for (key, sub) in members {
                        for (pattern, schema) in patterns where Self.matches(key, pattern: pattern) {
                            validate(sub, schema, at: "\(path).\(key)", into: &errors)
                        }
                    }
                }
            case "additionalProperties":
                if case let .object(members) = value {
                    var known: [String] = []
                    if case let .object(properties)? = schema["properties"] { known = properties.map(\.0) }
                    var patterns: [String] = []
                    if case let .object(p)? = schema["patternProperties"] { patterns = p.map(\.0) }
                    for (key, sub) in members where !known.contains(key) {
                        if patterns.contains(where: { Self.matches(key, pattern: $0) }) { continue }
                        if case .bool(false) = argument {
                            errors.append("\(path): unknown key '\(key)'")
                        } else {
                            validate(sub, argument, at: "\(path).\(key)", into: &errors)
                        }
                    }
                }
            case "required":
                if case let .object(members) = value, case let .array(names) = argument {
                    for case let .string(name) in names where !members.contains(where: { $0.0 == name }) {
                        errors.append("\(path): missing required key '\(name)'")
                    }
                }
            case "propertyNames":
                if case let .object(members) = value {
                    for (key, _) in members { validate(.string(key), argument, at: "\(path).\(key) (name)", into: &errors) }
                }
            case "not":
                var inner: [String] = []
                validate(value, argument, at: path, into: &inner)
                if inner.isEmpty { errors.append("\(path): matches a schema it must not match") }
            case "anyOf", "oneOf", "allOf":
                guard case let .array(schemas) = argument else { continue }
                let results = schemas.map { sub -> [String] in
                    var inner: [String] = []
                    validate(value, sub, at: path, into: &inner)
                    return inner
                }
                let passing = results.filter(\.isEmpty).count
                switch keyword {
                case "allOf": errors += results.flatMap { $0 }
                case "anyOf":
                    if passing == 0 { errors.append("\(path): matches none of anyOf (\(results.flatMap { $0 }.joined(separator: "; ")))") }
                default:
                    if passing != 1 { errors.append("\(path): matches \(passing) of oneOf, needs exactly 1") }
                }
            default:
                errors.append("\(path): unsupported schema keyword '\(keyword)'")
            }
        }
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
             ("object", .object): return true
        case let ("integer", .number(x)): return x.rounded() == x
        default: return false
        }
    }

    static func matches(_ key: String, pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case let .bool(b): return "\(b)"
        case let .number(x): return format(x)
        case let .string(s): return "'\(s)'"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }

    /// Every keyword used anywhere in `schema` (keys of `properties`, `patternProperties` and
    /// `$defs` are names, not keywords).
    static func keywords(in schema: JSONValue) -> Set<String> {
        var found: Set<String> = []
        func walk(_ s: JSONValue) {
            switch s {
            case let .object(members):
                for (key, sub) in members {
                    found.insert(key)
                    if ["properties", "patternProperties", "$defs"].contains(key), case let .object(named) = sub {
                        for (_, schema) in named { walk(schema) }
                    } else if ["enum", "const", "default", "required"].contains(key) {
                        continue
                    } else {
                        walk(sub)
                    }
                }
            case let .array(items): items.forEach(walk)
            default: break
            }
        }
        walk(schema)
        return found
    }
}
