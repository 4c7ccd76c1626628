import ArgumentParser
import Foundation
import Pipeline

/// The shared run wrapper: every error ends as one line plus a hint on
/// stderr and an exit code, never a stack trace.
enum CommandOutcome {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2

    /// Runs `arguments` (without the program name); returns the exit code.
    static func execute(_ arguments: [String],
                        output: (String) -> Void = { print($0) },
                        errors: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) -> Int32 {
        do {
            var command = try Curvilinear.parseAsRoot(arguments)
            try command.run()
            return success
        } catch {
            let (code, message) = describe(error)
            if code == success {
                if !message.isEmpty { output(message) }
            } else {
                errors(message)
            }
            return code
        }
    }

    /// Exit code and message for any error a command can end with.
    static func describe(_ error: Error) -> (Int32, String) {
        switch error {
        case let error as ConfigError:
            return (failure, "error: \(error.description)\nhint: every key, default and range is in content/experiments/README.md")
        case let error as PipelineError:
            return (failure, "error: \(error.description)\nhint: \(hint(for: error))")
        case is ExitCode, is CleanExit:
            let code = Curvilinear.exitCode(for: error)
            return (code.rawValue == 0 ? success : code == .validationFailure ? usage : failure,
                    Curvilinear.fullMessage(for: error))
        default:
            let code = Curvilinear.exitCode(for: error)
            if code == .success { return (success, Curvilinear.fullMessage(for: error)) }
            if code == .validationFailure { return (usage, Curvilinear.fullMessage(for: error)) }
            return (failure, "error: \(ForeignError.describe(error))\nhint: run `curvilinear --help`")
        }
    }

    static func hint(for error: PipelineError) -> String {
        switch error {
        case .stageNotAvailable:
            return "`curvilinear status` shows what is cached; an artifact made elsewhere can be dropped into runs/"
        case .stageFailed:
            return "fix the cause and rerun: finished stages are cached and will not run again"
        case .experimentNotFound, .noExperiments:
            return "experiments are content/experiments/NAME.yaml (or pass a path to a .yaml file)"
        case .unknownStage:
            return "`curvilinear status` lists the stages"
        default:
            return "run `curvilinear --help`"
        }
    }
}

/// Errors from outside the project (Foundation): their localized text.
enum ForeignError {
    static func describe(_ error: Error) -> String {
        if let error = error as? CocoaError { return error.localizedDescription }
        return String(describing: error)
    }
}
