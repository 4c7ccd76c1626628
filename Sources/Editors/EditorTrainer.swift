import Foundation
import NN
import Tensor

/// Budget and loss weights of editor training (DESIGN.md section 3).
public struct EditorTrainingOptions: Sendable, Equatable {
    public var steps = 2000
    public var batch = 32
    public var learningRate: Float = 1e-3
    /// eps ~ +-U[epsMin, epsMax], each sign with probability 1/2.
    public var epsMin: Float = 0.5
    public var epsMax: Float = 6
    /// Weight of |eps - eps_hat|.
    public var lambda: Float = 0.25
    /// Weight of mean (log|det df/dz|)^2 (flow editors).
    public var alpha: Float = 1
    /// Weight of the isometry penalty mean (|z' - z| - |eps|)^2 (0: off).
    public var beta: Float = 0
    public var seed: UInt64 = 0
    /// Steps between checkpoints (and training-log entries).
    public var checkpointEvery = 250
    /// Running metrics average over this many steps.
    public var window = 100
    /// Batches of fresh latents for the held-out accuracy at the end.
    public var heldOutBatches = 16

    public init() {}
}

/// What training produced.
public struct EditorTrainingSummary: Sendable, Equatable, Codable {
    public var steps: Int
    /// Running metrics at the end of training (last `window` steps, training batches).
    public var final: TrainingMetrics
    /// Direction accuracy of the reconstructor (evaluation mode) on fresh latents.
    public var heldOutAccuracy: Double
    /// mean |log|det df/dz|| on those latents (0 for editors without a flow).
    public var heldOutMeanAbsLogDet: Double
    /// Wall time of this run's steps (a resumed run counts its own steps only).
    public var wallSeconds: Double
    /// One entry per checkpoint interval.
    public var log: [TrainingMetrics]

    enum CodingKeys: String, CodingKey {
        case steps, final, heldOutAccuracy = "held_out_accuracy", heldOutMeanAbsLogDet = "held_out_mean_abs_logdet"
        case wallSeconds = "wall_s", log
    }
}

/// The unsupervised training of Voynov & Babenko shared by every trained editor:
/// z ~ N(0, I) [B, D], k ~ U{0..K-1}, eps = +-U[eps_min, eps_max];
/// z' = edit(z, k, eps); x = G(z), x' = G(z') with G frozen (evaluation mode,
/// parameters without gradients, gradients still flow through G into z');
/// (logits, eps_hat) = R(x, x');
///
///     loss = CE(k, logits) + lambda |eps - eps_hat| + alpha (log|det|)^2 + beta (|z' - z| - |eps|)^2
///
/// and Adam on the editor's and R's parameters. Each step draws from its own
/// RNG seeded by (seed, step), so a resumed run continues the same stream.
public final class EditorTrainer {
    public let editor: any LatentEditor
    public let generator: any Layer
    public let reconstructor: Reconstructor
    public let options: EditorTrainingOptions
    /// Adam on the editor's parameters (named `editor.*`) and R's (`reconstructor.*`),
    /// its moments saved in the checkpoint so a resumed run continues bit for bit.
    let optimizer: ResumableAdam

    /// Freezes `generator` (evaluation mode, no parameter gradients). The
    /// options are checked by `validate` when training starts.
    public init(editor: any LatentEditor, generator: any Layer, reconstructor: Reconstructor,
                options: EditorTrainingOptions) {
        precondition(reconstructor.directions == editor.directions,
                     "EditorTrainer: reconstructor predicts \(reconstructor.directions) directions, editor has \(editor.directions)")
        self.editor = editor
        self.generator = generator
        self.reconstructor = reconstructor
        self.options = options
        generator.eval()
        for p in generator.parameters() { p.requiresGrad = false }
        optimizer = ResumableAdam(editor.namedParameters().map { (EditorCheckpoint.editorPrefix + $0.0, $0.1) }
                                  + reconstructor.namedParameters().map { (EditorCheckpoint.reconstructorPrefix + $0.0, $0.1) },
                                  learningRate: options.learningRate, betas: (0.9, 0.999))
    }

    /// Throws when the options cannot train (too few rows for batch norm, an empty eps range).
    public static func validate(_ options: EditorTrainingOptions) throws {
        guard options.steps >= 1, options.batch >= 2 else {
            throw EditorError.invalidOption(name: "steps/batch", value: "\(options.steps)/\(options.batch)",
                                            expected: "steps >= 1 and batch >= 2 (batch norm needs two rows)")
        }
        guard options.epsMin >= 0, options.epsMax > options.epsMin, options.epsMax.isFinite else {
            throw EditorError.invalidOption(name: "eps_min/eps_max", value: "\(options.epsMin)/\(options.epsMax)",
                                            expected: "0 <= eps_min < eps_max")
        }
        guard options.checkpointEvery >= 1, options.learningRate > 0 else {
            throw EditorError.invalidOption(name: "checkpoint interval/lr", value: "\(options.checkpointEvery)/\(options.learningRate)",
                                            expected: "interval >= 1 and lr > 0")
        }
    }

    /// One step's random draw: latents z [B, D], directions k, amounts eps.
    public struct Draw {
        public var z: Tensor
        public var k: [Int]
        public var eps: [Float]
    }

    /// The draw of step `step` (stream 0: training, 1: held-out), a function of (seed, stream, step).
    public func draw(step: Int, stream: UInt64 = 0) -> Draw {
        var rng = RNG(seed: options.seed &* 0x9E37_79B9 &+ stream &* 0x1_0000_0000 &+ UInt64(step))
        let z = Tensor.randn([options.batch, editor.latentDim], rng: &rng)
        let k = (0..<options.batch).map { _ in rng.int(below: editor.directions) }
        let eps = (0..<options.batch).map { _ -> Float in
            let sign: Float = rng.int(below: 2) == 0 ? 1 : -1
            return sign * rng.uniform(options.epsMin, options.epsMax)
        }
        return Draw(z: z, k: k, eps: eps)
    }

    /// The loss of one draw and its figures [accuracy, CE, L1, logdet^2, |logdet|, isometry].
    func loss(_ d: Draw) -> (loss: Tensor, figures: [Double]) {
        let step = editor.trainingEdit(d.z, directions: d.k, amounts: d.eps)
        let x = Tensor.withoutGradients { generator(d.z) }
        let xEdited = generator(step.edited)
        let (logits, epsHat) = reconstructor(x, xEdited)
        let ce = crossEntropy(logits, d.k)
        let l1 = l1Loss(epsHat, Tensor(d.eps, shape: [d.eps.count]))
        var total = ce + l1 * options.lambda
        var logDet2: Double = 0, absLogDet: Double = 0
        if let logDet = step.logDeterminant {
            let penalty = logDet.square().mean()
            if options.alpha != 0 { total = total + penalty * options.alpha }
            logDet2 = Double(penalty.item)
            absLogDet = logDet.scalars.reduce(0) { $0 + Double(Swift.abs($1)) } / Double(logDet.count)
        }
        var isometry: Double = 0
        let displacement = (step.edited - d.z).norm(axes: [1])
        let excess = (displacement - Tensor(d.eps.map { Swift.abs($0) }, shape: [d.eps.count])).square().mean()
        isometry = Double(excess.item)
        if options.beta != 0 { total = total + excess * options.beta }
        let predicted = logits.argmax()
        let accuracy = Double(zip(predicted, d.k).filter { $0 == $1 }.count) / Double(d.k.count)
        return (total, [accuracy, Double(ce.item), Double(l1.item), logDet2, absLogDet, isometry])
    }

    /// One optimisation step on the draw of step `index`; its figures
    /// [accuracy, CE, L1, logdet^2, |logdet|, isometry], or nil (and no update)
    /// when the loss or a figure is not finite. (The isometry figure is
    /// computed from z' itself: a NaN latent would otherwise go unnoticed, as
    /// the ReLUs of G and R map NaN to 0.)
    public func step(_ index: Int) -> [Double]? {
        let (loss, figures) = self.loss(draw(step: index))
        guard loss.item.isFinite, figures.allSatisfy(\.isFinite) else { return nil }
        optimizer.zeroGrad()
        loss.backward()
        optimizer.update()
        return figures
    }

    /// Trains from the checkpoint at `checkpoint` if it exists (else from step 0),
    /// writing it every `checkpointEvery` steps and at the end.
    public func train(checkpoint: URL?, progress: EditorTrainingProgress? = nil) throws -> EditorTrainingSummary {
        try EditorTrainer.validate(options)
        var start = 0
        var log: [TrainingMetrics] = []
        if let checkpoint, FileManager.default.fileExists(atPath: checkpoint.path) {
            (start, log) = try EditorCheckpoint.resume(from: checkpoint, editor: editor, reconstructor: reconstructor,
                                                       optimizer: optimizer)
        }
        defer { progress?.trainingFinished() }
        editor.train()
        reconstructor.train()
        var means = RunningMeans(window: options.window)
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
        let began = clock()
        var metrics = TrainingMetrics(step: start, accuracy: 0, crossEntropy: 0, l1: 0, logDetSquared: 0,
                                      meanAbsLogDet: 0, isometry: 0, stepsPerSecond: 0, etaSeconds: 0)
        var lastCheckpoint: String? = checkpoint.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0.path : nil }
        for step in start..<max(start, options.steps) {
            guard let figures = self.step(step) else {
                throw EditorError.nonFiniteLoss(step: step, lastCheckpoint: lastCheckpoint)
            }
            means.add(figures)
            let m = means.means
            let done = step + 1 - start, rate = Double(done) / max(clock() - began, 1e-9)
            metrics = TrainingMetrics(step: step + 1, accuracy: m[0], crossEntropy: m[1], l1: m[2], logDetSquared: m[3],
                                      meanAbsLogDet: m[4], isometry: m[5], stepsPerSecond: rate,
                                      etaSeconds: Double(options.steps - step - 1) / rate)
            progress?.trainingAdvanced(metrics, total: options.steps)
            if (step + 1) % options.checkpointEvery == 0 || step + 1 == options.steps {
                log.append(metrics)
                if let checkpoint {
                    try EditorCheckpoint.write(to: checkpoint, editor: editor, reconstructor: reconstructor,
                                               optimizer: optimizer, step: step + 1, log: log)
                    lastCheckpoint = checkpoint.path
                }
            }
        }
        let wall = clock() - began
        let (accuracy, absLogDet) = heldOut()
        // A checkpoint already at the last step runs no step: its logged figures are the final ones.
        if start >= options.steps, let last = log.last { metrics = last }
        return EditorTrainingSummary(steps: options.steps, final: metrics, heldOutAccuracy: accuracy,
                                     heldOutMeanAbsLogDet: absLogDet, wallSeconds: wall, log: log)
    }

    /// Direction accuracy of R in evaluation mode, and mean |logdet|, on fresh latents.
    public func heldOut() -> (accuracy: Double, meanAbsLogDet: Double) {
        editor.eval()
        reconstructor.eval()
        defer { editor.train(); reconstructor.train() }
        var correct = 0, rows = 0
        var absLogDet: Double = 0
        Tensor.withoutGradients {
            for i in 0..<options.heldOutBatches {
                let d = draw(step: i, stream: 1)
                let step = editor.trainingEdit(d.z, directions: d.k, amounts: d.eps)
                let (logits, _) = reconstructor(generator(d.z), generator(step.edited))
                correct += zip(logits.argmax(), d.k).filter { $0 == $1 }.count
                rows += d.k.count
                if let ld = step.logDeterminant { absLogDet += ld.scalars.reduce(0) { $0 + Double(Swift.abs($1)) } }
            }
        }
        return (Double(correct) / Double(max(rows, 1)), absLogDet / Double(max(rows, 1)))
    }
}
