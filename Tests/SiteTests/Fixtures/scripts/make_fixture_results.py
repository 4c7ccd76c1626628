"""Writes the committed fixture results folder (Tests/SiteTests/Fixtures/results).

Numbers are made up (seeded), shaped like the artifact contract; figure files
are generated at test time by SiteTests' FixtureFigures helper (random noise PNGs).
Run once: python3 make_fixture_results.py
"""
import json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "results")


def editor(rng, keys, scale, figures=None, training=True, name=""):
    pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]
    def comm(s):
        ps = [{"a": a, "b": b, "a_err": round(rng.uniform(0, s), 2), "b_err": round(rng.uniform(0, s), 2)} for a, b in pairs]
        m = sum((p["a_err"] + p["b_err"]) / 2 for p in ps) / len(ps)
        return {"pairs": ps, "mean": round(m, 3), "ci95": [round(m * 0.8, 3), round(m * 1.2, 3)]}
    n = len(keys)
    matrix = [[100.0 if i == j else round(rng.uniform(0, scale["side"]), 1) for j in range(n)] for i in range(n)]
    off = sum(matrix[i][j] for i in range(n) for j in range(n) if i != j) / (n * n - n)
    ident = {k: round(rng.uniform(0, scale["id"]), 1) for k in keys}
    e = {
        "matching": [{"attribute": k, "direction": i * 2 + 1, "sign": 1 if i % 2 == 0 else -1,
                      "score": round(rng.uniform(0.5, 0.95), 3)} for i, k in enumerate(keys)],
        "target_change": {k: round(rng.uniform(0.9, 1.1), 3) for k in keys},
        "side_effect": {"attributes": keys, "matrix": matrix, "off_diagonal_mean": round(off, 3)},
        "commutativity_order": comm(scale["comm"]),
        "commutativity_roundtrip": comm(scale["comm"] * 1.5),
        "latent_commutator": {"mean": round(rng.uniform(0, scale["comm"]), 3)},
        "identity_error": {"per_attribute": ident, "mean": round(sum(ident.values()) / n, 3)},
        "samples": 500,
        "strength": {k: round(rng.uniform(1, 4), 2) for k in keys},
        "displacement": {k: round(rng.uniform(1, 10), 2) for k in keys},
        "score_matrix": [[round(rng.uniform(0, 1), 3) for _ in keys] for _ in range(2 * n)],
    }
    if training:
        e["training"] = {"steps": 2000, "wall_time_s": round(rng.uniform(100, 900), 1), "accuracy": round(rng.uniform(60, 95), 1)}
    if figures:
        e["figures"] = figures
    return e


def sprites(rng):
    keys = ["V", "H", "S", "B", "C"]
    names = ["vertical position", "horizontal position", "size", "background brightness", "foreground hue"]
    scales = {"linear": dict(side=30, id=8, comm=2), "warped": dict(side=25, id=6, comm=20),
              "curvilinear": dict(side=12, id=3, comm=1), "sefa": dict(side=40, id=10, comm=2)}
    editors = {}
    for name, sc in scales.items():
        figs = {"traversals": [{"direction": i * 2 + 1, "attribute": k, "strip": f"figures/{name}/traversal_{k}.png",
                                "sprite": f"figures/{name}/slider_{k}.png", "frames": 9, "frame_width": 32, "frame_height": 32}
                               for i, k in enumerate(keys[:2])],
                "commutativity_grid": f"figures/{name}/commutativity.png"}
        editors[name] = editor(rng, keys, sc, figs, training=name != "sefa", name=name)
    return {
        "schema": 1, "experiment": "sprites", "title": "Sprites & <shapes>",
        "provenance": {"config_hash": "3f9a1c2be4d5", "seed": 0, "code_version": "0.1.0+e03b38e",
                       "created": "2026-11-29T12:00:00Z", "wall_time_s": 1234.5},
        "attributes": [{"key": k, "name": n, "std": round(rng.uniform(2, 6), 3)} for k, n in zip(keys, names)],
        "generator": {"frechet": 3.21, "frechet_real": 0.42, "samples": 2000,
                      "wasserstein": {k: round(rng.uniform(0, 0.2), 3) for k in keys}},
        "editors": editors,
        "editors_fixed_T": {k: editor(rng, keys, v, training=False) for k, v in scales.items()},
        "summary": "Procedural sprites <script>alert(1)</script> | with *stars* and _underscores_.",
        "dataset": {"kind": "sprites", "images": 60000, "size": 32, "channels": 3},
        "protocol": {"target_change": 1.0, "fixed_T": 3.0, "latents": 500},
        "figures": {"real_samples": "figures/real.png", "generated_samples": "figures/generated.png",
                    "side_effect_strips": [{"attribute": "V", "image": "figures/strip_V.png", "plot": "figures/strip_V.svg"}]},
    }


def digits(rng):
    keys = ["W", "T", "A"]
    names = ["width", "thickness", "slant angle"]
    # Curvilinear side effects deliberately above linear: the page must say the claim fails.
    scales = {"linear": dict(side=10, id=5, comm=2), "warped": dict(side=30, id=9, comm=25),
              "curvilinear": dict(side=45, id=2, comm=1.5), "curvilinear_iso": dict(side=20, id=2, comm=1.5),
              "ganspace": dict(side=35, id=12, comm=2)}
    editors = {k: editor(rng, keys, v, training=k != "ganspace") for k, v in scales.items()}
    return {
        "schema": 1, "experiment": "digits", "title": "Handwritten digits",
        "provenance": {"config_hash": "a1b2c3d4e5f6", "seed": 1, "code_version": "0.1.0+e03b38e",
                       "created": "2026-11-29T13:00:00Z"},
        "attributes": [{"key": k, "name": n, "std": round(rng.uniform(1, 4), 3)} for k, n in zip(keys, names)],
        "generator": {"frechet": 5.5, "frechet_real": 0.8, "samples": 2000},
        "editors": editors,
    }


rng = random.Random(7)
for r in (sprites(rng), digits(rng)):
    d = os.path.join(OUT, r["experiment"])
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "results.json"), "w") as f:
        json.dump(r, f, indent=1, sort_keys=True)
        f.write("\n")
with open(os.path.join(OUT, "sprites", "manifest.json"), "w") as f:
    json.dump({"stage": "evaluate", "config": {"latents": 500, "strength": 3.0}, "input_hashes": {"generator": "aa11", "editor-linear": "bb22"},
               "seed": 0, "code_version": "0.1.0+e03b38e", "wall_time_s": 1234.5, "files": ["results.json"]}, f, indent=1, sort_keys=True)
    f.write("\n")
