import Datasets
import Foundation

/// `curvilinear data fetch`: fetching datasets outside the pipeline.
public enum DatasetFetch {
    /// Downloads and verifies MNIST unless cached; returns a one-line report.
    public static func mnist(dataDirectory: URL?, force: Bool) throws -> String {
        var fetcher = MNISTFetcher(dataDirectory: dataDirectory)
        fetcher.log = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        let report = try fetcher.fetch(force: force)
        return "mnist: \(report.trainCount) training and \(report.testCount) test images in \(report.directory.path)"
            + (report.downloaded ? " (downloaded and verified)" : " (already there)")
    }
}
