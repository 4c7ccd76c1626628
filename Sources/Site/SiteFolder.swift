import Foundation

/// Publishing a site replaces its output folder whole. So that a mistyped `--out` or
/// `--site-dir` (`content`, `runs`, a home folder) cannot delete someone's files, only
/// a folder that is absent, empty or an earlier site (it has `index.html`) is replaced.
public enum SiteFolder {
    /// Why `url` must not be replaced by a site, or nil if it may.
    public static func problem(replacing url: URL) -> String? {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { return "it is a file, not a folder; name a new or empty folder" }
        let entries = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
        if entries.isEmpty || entries.contains("index.html") { return nil }
        return "it holds files but no index.html, so it is not an earlier site and would be replaced whole; "
            + "name a new or empty folder, or remove this one yourself"
    }
}
