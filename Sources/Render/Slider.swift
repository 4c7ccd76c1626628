/// A slider per direction: its frames side by side in one sprite-sheet PNG,
/// and a small HTML widget (a range input moving the sheet's background
/// position) driven by `assets/slider.js`. No library, no network; works from file://.
public enum Slider {
    /// Frames laid out left to right, each upscaled by `scale`.
    public static func spriteSheet(_ frames: [PixelImage], scale: Int = 4) throws -> PixelImage {
        guard let f = frames.first else { throw RenderError.badFigure("slider has no frames") }
        guard frames.allSatisfy({ $0.width == f.width && $0.height == f.height }) else {
            throw RenderError.badFigure("slider frames differ in size")
        }
        var c = GridComposer(scale: scale, gap: 0)
        c.margin = 0
        return try c.compose([frames.map(Optional.some)])
    }

    /// The widget's HTML. `src` is the sheet's URL relative to the page;
    /// `frameWidth`/`frameHeight` are in displayed pixels (after upscaling).
    public static func widget(id: String, src: String, frames: Int, frameWidth: Int, frameHeight: Int,
                              label: String, tMin: Double, tMax: Double) -> String {
        let mid = frames / 2
        let e = SVG.escape
        return """
        <figure class="slider" id="\(e(id))" data-frames="\(frames)" data-tmin="\(tMin)" data-tmax="\(tMax)">\
        <div class="slider-view" role="img" aria-label="\(e(label))" style="width:\(frameWidth)px;height:\(frameHeight)px;\
        background-image:url('\(e(src))');background-size:\(frameWidth * frames)px \(frameHeight)px;\
        background-position:-\(mid * frameWidth)px 0"></div>\
        <figcaption><label>\(e(label)) <input type="range" min="0" max="\(frames - 1)" value="\(mid)" step="1"></label> \
        <output>t = 0</output></figcaption></figure>
        """
    }
}
