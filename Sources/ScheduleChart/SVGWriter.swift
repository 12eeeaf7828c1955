/// Builds SVG and HTML text: escaped text, fixed number formatting, elements with attributes in the order
/// given, so that the same drawing always gives the same bytes.
public struct SVGWriter: Sendable {
    public private(set) var text = ""

    public init() {}

    /// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// An attribute value: numbers with one decimal at most, text escaped.
    public enum Value: Sendable {
        case number(Double)
        case text(String)

        var spelled: String {
            switch self {
            case .number(let n): ChartNumber.coordinate(n)
            case .text(let t): SVGWriter.escape(t)
            }
        }
    }

    /// Appends raw markup.
    public mutating func raw(_ markup: String) { text += markup }

    /// `<name a="…">`, or `<name a="…"/>` when `close` and there is no content.
    public mutating func open(_ name: String, _ attributes: [(String, Value)] = [], selfClosing: Bool = false) {
        text += "<" + name
        for (key, value) in attributes { text += " \(key)=\"\(value.spelled)\"" }
        text += selfClosing ? "/>\n" : ">"
    }

    public mutating func close(_ name: String) { text += "</\(name)>\n" }

    /// An empty element.
    public mutating func element(_ name: String, _ attributes: [(String, Value)]) {
        open(name, attributes, selfClosing: true)
    }

    /// An element holding escaped text.
    public mutating func element(_ name: String, _ attributes: [(String, Value)], text content: String) {
        open(name, attributes)
        text += SVGWriter.escape(content)
        close(name)
    }

    /// An element with a tooltip (`<title>`) and further content written by `body`.
    public mutating func group(_ attributes: [(String, Value)], tooltip: String? = nil, _ body: (inout SVGWriter) -> Void) {
        open("g", attributes)
        if let tooltip { element("title", [], text: tooltip) }
        body(&self)
        close("g")
    }
}
