// SPDX-License-Identifier: GPL-3.0-or-later

/// Escaping of text placed in SVG and HTML, so that user text (scenario, policy, fund and
/// parameter names, descriptions) always shows as text and never becomes markup: a scenario named
/// `<script>alert(1)</script>` is written `&lt;script&gt;alert(1)&lt;/script&gt;`.
public enum Markup {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters other
    /// than tab and line end (not allowed in XML 1.0) removed. Safe in element content and in
    /// quoted attribute values of both XML and HTML.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
