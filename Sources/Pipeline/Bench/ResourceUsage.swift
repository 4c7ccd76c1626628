import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Peak resident set size of this process.
public enum ResourceUsage {
    /// Resets the kernel's peak-RSS mark (Linux: "5" to /proc/self/clear_refs), so the next
    /// reading is the peak of what runs in between. Returns false where unsupported.
    @discardableResult
    public static func resetPeakRSS() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// A "Key:   N kB" line of /proc/self/status in MB, nil where unavailable.
    static func statusMegabytes(_ key: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    /// Current resident set size in MB (VmRSS), nil where unavailable.
    public static func residentMegabytes() -> Double? { statusMegabytes("VmRSS") }

    /// Peak RSS in MB (VmHWM from /proc/self/status, else getrusage's ru_maxrss in KB).
    public static func peakRSSMegabytes() -> Double {
        if let mb = statusMegabytes("VmHWM") { return mb }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
