import Foundation

/// Pure formatting of progress lines, kept apart from the clock and the
/// terminal so tests can check the exact text.
public enum ProgressFormat {
    /// `m:ss`, or `h:mm:ss` from one hour; `--:--` when unknown.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    /// Four significant digits: `1.235`, `0.0001235`, `4.123e+05`.
    public static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    /// Seconds as shown in run summaries: `0.4 s`, `12.3 s`, `3:05`.
    public static func seconds(_ value: Double) -> String {
        value < 60 ? String(format: "%.1f s", value) : duration(value)
    }

    /// Bytes as `512 B`, `1.5 KiB`, `12.0 MiB`, `1.2 GiB`.
    public static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// `steps/s` from progress so far, and the time left at that rate.
    static func rate(completed: Int, elapsed: Double) -> Double? {
        elapsed > 0 && completed > 0 ? Double(completed) / elapsed : nil
    }

    static func fieldText(_ fields: [(String, Double)], rate: Double?) -> String {
        var parts = fields.map { "\($0.0) \(number($0.1))" }
        if let rate { parts.append("\(number(rate))/s") }
        return parts.joined(separator: "  ")
    }

    /// A plain line for logs:
    /// `editor-linear  500/2000  25%  elapsed 0:12  eta 0:36  loss 1.234  41.67/s`
    public static func plainLine(label: String, completed: Int, total: Int, elapsed: Double,
                                 fields: [(String, Double)]) -> String {
        let rate = rate(completed: completed, elapsed: elapsed)
        let percent = total > 0 ? completed * 100 / total : 100
        let eta = rate.map { Double(max(0, total - completed)) / $0 }
        var line = "\(label)  \(completed)/\(total)  \(percent)%  elapsed \(duration(elapsed))  eta \(duration(eta))"
        let extra = fieldText(fields, rate: rate)
        if !extra.isEmpty { line += "  " + extra }
        return line
    }

    /// A terminal bar of `width` cells:
    /// `editor-linear [#######.....................]  25%  500/2000  eta 0:36  loss 1.234  41.67/s`
    public static func barLine(label: String, completed: Int, total: Int, elapsed: Double,
                               fields: [(String, Double)], width: Int = 28) -> String {
        let fraction = total > 0 ? min(1, Double(completed) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = rate(completed: completed, elapsed: elapsed)
        let eta = rate.map { Double(max(0, total - completed)) / $0 }
        var line = "\(label) [\(bar)] \(String(format: "%3d", Int(fraction * 100)))%  \(completed)/\(total)  eta \(duration(eta))"
        let extra = fieldText(fields, rate: rate)
        if !extra.isEmpty { line += "  " + extra }
        return line
    }
}
