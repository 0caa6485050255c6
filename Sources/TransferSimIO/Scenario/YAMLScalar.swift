// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// What a YAML scalar means, by the YAML 1.2 core schema: quoted scalars are always text; plain
/// ones are null, a boolean (`true`/`false` only — not YAML 1.1's `yes`, `no`, `on`, `off`), a
/// number, or text.
enum YAMLScalar: Equatable {
    case null
    case boolean(Bool)
    case number(Double)
    case text(String)

    init(_ scalar: Node.Scalar) {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else {
            self = .text(text)
            return
        }
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE": self = .boolean(true)
        case "false", "False", "FALSE": self = .boolean(false)
        default:
            if let number = Self.number(text) {
                self = .number(number)
            } else {
                self = .text(text)
            }
        }
    }

    /// The number a plain scalar writes, if it is one: decimal integers and reals with an optional
    /// sign and exponent (`800`, `-3`, `0.05`, `1e6`), `_` between digits as a thousands separator
    /// (`1_000_000`), and `.inf`, `-.inf`, `.nan`.
    static func number(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let scalars = Array(text.unicodeScalars)
        var cleaned = String.UnicodeScalarView()
        var sawDigit = false
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "0"..."9":
                sawDigit = true
                cleaned.append(scalar)
            case "_":
                let before = i > 0 && ("0"..."9").contains(scalars[i - 1])
                let after = i + 1 < scalars.count && ("0"..."9").contains(scalars[i + 1])
                guard before && after else { return nil }
            case "+", "-", ".", "e", "E":
                cleaned.append(scalar)
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        return Double(String(cleaned))
    }

    /// How a scalar reads in a message: `'abc'` as written, or `nothing` for an empty value.
    static func describe(_ scalar: Node.Scalar) -> String {
        if case .null = YAMLScalar(scalar) { return scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'" }
        return "'\(scalar.string)'"
    }
}
