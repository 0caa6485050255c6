// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// A JSON value whose objects keep their keys in insertion order, so that generated documents
/// (the scenario schema) are stable and read in a sensible order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object (`nil` otherwise or when absent).
    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// Pretty-printed JSON (two-space indent, `"key": value`), with a final newline.
    public var text: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(x): out += format(x)
        case let .string(s): out += Self.quoted(s)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            // Short arrays of scalars stay on one line.
            if items.count <= 12, items.allSatisfy(\.isScalar) {
                var line = ""
                for (i, item) in items.enumerated() {
                    if i > 0 { line += ", " }
                    item.write(into: &line, indent: "")
                }
                out += "[" + line + "]"
                return
            }
            let inner = indent + "  "
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += inner + Self.quoted(key) + ": "
                value.write(into: &out, indent: inner)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; other
    /// characters (Chinese text included) written as they are.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    /// A YAML document as JSON, scalars read the way the scenario loader reads them (for checking
    /// scenario files against the schema). Aliases become `null`; an empty document is `null`.
    public init(yaml: String) throws {
        guard let node = try Yams.compose(yaml: yaml) else {
            self = .null
            return
        }
        self = Self.convert(node)
    }

    private static func convert(_ node: Node) -> JSONValue {
        switch node {
        case let .scalar(scalar):
            switch YAMLScalar(scalar) {
            case .null: return .null
            case let .boolean(b): return .bool(b)
            case let .number(x): return .number(x)
            case let .text(t): return .string(t)
            }
        case let .mapping(mapping):
            return .object(mapping.map { key, value in (key.string ?? "", convert(value)) })
        case let .sequence(sequence): return .array(sequence.map(convert))
        case .alias: return .null
        }
    }
}
