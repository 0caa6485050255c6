// SPDX-License-Identifier: GPL-3.0-or-later
import TransferSimCore
import Yams

/// A composed YAML node tree with positions, as read from a scenario file.
///
/// Yams rejects a mapping with a repeated key but reports only the first occurrence. To name both
/// lines, and to go on reporting the file's other problems, the first occurrence's first character
/// is replaced by a private-use character that stands for it ("masked"), and the text composed
/// again; the reader sees both keys, restores the masked name (`keyName(_:)`) and reports the
/// repetition itself. Masking replaces one character by one, so every line and column is kept.
struct YAMLDocument {
    /// The top-level node; `nil` for an empty (or comment-only) document.
    let root: Node?
    /// The original first character of each masked key, by mask index.
    private let maskedCharacters: [Unicode.Scalar]

    /// The first private-use code point used for masks (supplementary private use area A).
    private static let maskBase: UInt32 = 0xF0000
    /// A bound on the number of repeated keys handled this way.
    private static let maskLimit = 1000

    /// The key's text as written in the file (masked keys restored).
    func keyName(_ scalar: Node.Scalar) -> String {
        let text = scalar.string
        guard let first = text.unicodeScalars.first, first.value >= Self.maskBase,
              first.value < Self.maskBase + UInt32(maskedCharacters.count) else { return text }
        var restored = String.UnicodeScalarView()
        restored.append(maskedCharacters[Int(first.value - Self.maskBase)])
        restored.append(contentsOf: text.unicodeScalars.dropFirst())
        return String(restored)
    }

    /// Composes `text`, reporting YAML syntax errors at their position in `file`.
    static func compose(_ text: String, file: String) throws(ScenarioError) -> YAMLDocument {
        var current = text
        var masked: [Unicode.Scalar] = []
        while true {
            do {
                let root = try Yams.compose(yaml: current, .default, .default, .utf8)
                return YAMLDocument(root: root, maskedCharacters: masked)
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let mark = context.mark
                guard masked.count < maskLimit,
                      let (replaced, original) = mask(in: current, line: mark.line, column: mark.column,
                                                      with: maskBase + UInt32(masked.count))
                else {
                    let names = duplicates.filter { $0 != "<uncovertable>" }.map { "'\($0)'" }
                    let message = names.isEmpty ? "duplicate key" : "duplicate key " + names.joined(separator: ", ")
                    throw ScenarioError("\(message): each key may appear only once in a mapping",
                                        at: Origin(file: file, line: mark.line, column: mark.column))
                }
                current = replaced
                masked.append(original)
            } catch {
                throw ScenarioError([problem(for: error, in: current, file: file)])
            }
        }
    }

    /// `text` with the key starting at (`line`, `column`) (1-based, columns in Unicode scalars)
    /// having its first character replaced by the code point `mask`; `nil` when the key is not a
    /// simple plain or quoted name.
    private static func mask(in text: String, line: Int, column: Int,
                             with mask: UInt32) -> (String, Unicode.Scalar)? {
        guard let maskScalar = Unicode.Scalar(mask) else { return nil }
        var scalars = Array(text.unicodeScalars)
        guard var index = TextPosition.scalarIndex(in: scalars, line: line, column: column),
              index < scalars.count else { return nil }
        // Step over an anchor or a tag written before the key (`&name key:`, `!tag key:`).
        while index < scalars.count, scalars[index] == "&" || scalars[index] == "!" {
            while index < scalars.count, scalars[index] != " ", !TextPosition.isBreak(scalars[index]) { index += 1 }
            while index < scalars.count, scalars[index] == " " { index += 1 }
        }
        guard index < scalars.count else { return nil }
        let first = scalars[index]
        if first == "\"" || first == "'" {
            index += 1
            guard index < scalars.count, scalars[index] != first, scalars[index] != "\\",
                  scalars[index] != "\n", scalars[index] != "\r" else { return nil }
        } else if "?[{&!*|>#%@`\n\r\t ".unicodeScalars.contains(first) {
            return nil
        }
        let original = scalars[index]
        scalars[index] = maskScalar
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return (String(view), original)
    }

    /// A YAML error as a located problem.
    private static func problem(for error: any Error, in text: String, file: String) -> ScenarioProblem {
        func origin(_ mark: Mark) -> Origin { Origin(file: file, line: mark.line, column: mark.column) }
        guard let error = error as? YamlError else {
            return ScenarioProblem("cannot read the YAML: \(error)", at: Origin(file: file, line: 1, column: 1))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if problem == "but found another document" {
                return ScenarioProblem("a scenario file holds one YAML document; a second one starts here",
                                       at: origin(mark))
            }
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return ScenarioProblem(message, at: origin(mark))
        case let .reader(problem, offset, _, _):
            let position = offset.map { TextPosition.of(characterOffset: $0, in: text) } ?? (line: 1, column: 1)
            return ScenarioProblem("invalid text: \(problem)",
                                   at: Origin(file: file, line: position.line, column: position.column))
        default:
            return ScenarioProblem("cannot read the YAML: \(error)", at: Origin(file: file, line: 1, column: 1))
        }
    }
}

/// Line and column arithmetic on text, counted as libyaml counts them: lines from 1, split at LF,
/// CR, CR LF, NEL, LS and PS; columns from 1, in Unicode scalars.
enum TextPosition {
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The index in `scalars` of (`line`, `column`), if the text reaches that line.
    static func scalarIndex(in scalars: [Unicode.Scalar], line: Int, column: Int) -> Int? {
        var currentLine = 1
        var index = 0
        while currentLine < line {
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            index += 1
            if isBreak(scalar) {
                if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
                currentLine += 1
            }
        }
        let target = index + column - 1
        for i in index..<min(target, scalars.count) where isBreak(scalars[i]) { return nil }
        return target <= scalars.count ? target : nil
    }

    /// The line and column of the character `offset` characters into `text`.
    static func of(characterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var previous: Unicode.Scalar?
        for character in text.prefix(offset) {
            for scalar in character.unicodeScalars {
                if isBreak(scalar) {
                    if !(scalar == "\n" && previous == "\r") { line += 1 }
                    column = 1
                } else {
                    column += 1
                }
                previous = scalar
            }
        }
        return (line, column)
    }
}
