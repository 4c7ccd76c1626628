import Datasets
import Foundation
import Generators

extension GeneratorTraining {
    static func trainVAE(_ generator: GeneratorConfig, seed: Int, images: LabeledImages, folder: URL, resume: Bool,
                         progress: TrainingProgress) throws -> DCGAN32Generator {
        throw PipelineError.stageNotAvailable(stage: "train-vae", module: "Generators")
    }
}
