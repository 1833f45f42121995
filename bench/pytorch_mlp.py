#!/usr/bin/env python3
"""PyTorch counterpart of rwsweep's TrainingBenchmark (issue 5), written for this project.

Trains the same nets the same way on the same data and prints examples per second of training
steps as CSV: tanh classifiers 784 -> (D-1) x N -> 10, weights N(0, g^2/fan_in) with g = 1.13,
biases 0, the 10,000 bundled MNIST digits standardised per pixel, minibatch 100 gathered from
a shuffled order, softmax cross-entropy, plain SGD with per-layer rates, gradient clipping by
global norm. One thread: torch.set_num_threads(1), and OPENBLAS_NUM_THREADS=1 must be set in the
environment too (torch's setting does not reach OpenBLAS's own pool; shared/platform.md).

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_mlp.py [--configs 32x128,...] [--reps 5] [--seconds 1.0]
"""
import argparse
import gzip
import os
import pathlib
import struct
import sys
import time

import numpy as np
import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "worker/src/main/resources/rwsweep/worker/data"
BATCH = 100


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    dims = struct.unpack(">" + "I" * (magic & 0xFF), raw[4:4 + 4 * (magic & 0xFF)])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def load_digits():
    x = read_idx(DATA / "mnist-sample-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float64)
    y = read_idx(DATA / "mnist-sample-labels-idx1-ubyte.gz").astype(np.int64)
    mean, std = x.mean(axis=0), x.std(axis=0)
    constant = x.min(axis=0) == x.max(axis=0)
    x = np.where(constant, 0.0, (x - mean) / np.where(constant, 1.0, std))
    return torch.from_numpy(x.astype(np.float32)), torch.from_numpy(y)


def make_net(depth, width, g=1.13):
    sizes = [784] + [width] * (depth - 1) + [10]
    layers = []
    for d in range(1, depth + 1):
        linear = torch.nn.Linear(sizes[d - 1], sizes[d])
        with torch.no_grad():
            linear.weight.normal_(0.0, g / sizes[d - 1] ** 0.5)
            linear.bias.zero_()
        layers.append(linear)
        if d < depth:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def measure(x, y, depth, width, reps, seconds):
    torch.manual_seed(1)
    net = make_net(depth, width)
    linears = [m for m in net if isinstance(m, torch.nn.Linear)]
    # Per-layer rates as rwsweep's schedule (values do not change the cost); lambda = 1e-3 everywhere.
    opt = torch.optim.SGD([{"params": m.parameters(), "lr": 1e-3} for m in linears], lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0])
    params = list(net.parameters())
    state = {"first": 0}

    def step():
        first = state["first"]
        idx = order[first:first + BATCH]
        state["first"] = (first + BATCH) % x.shape[0]
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(net(x.index_select(0, idx)), y.index_select(0, idx))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()

    t0 = time.perf_counter()
    warm = 0
    while time.perf_counter() - t0 < max(0.5, seconds) or warm < 3:
        step()
        warm += 1
    steps = max(3, int(seconds / ((time.perf_counter() - t0) / warm)))
    rates = []
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(steps * BATCH / (time.perf_counter() - start))
    rates.sort()
    median = rates[reps // 2]
    return median, (rates[-1] - rates[0]) / median


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", default="32x128,128x64,1000x64,8x256,32x512")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()
    if os.environ.get("OPENBLAS_NUM_THREADS") != "1":
        sys.exit("set OPENBLAS_NUM_THREADS=1: with more OpenBLAS threads the comparison is not one core against one core")
    torch.set_num_threads(1)
    x, y = load_digits()
    print("backend,coretype,depth,width,examples_per_s,noise")
    for config in args.configs.split(","):
        depth, width = (int(v) for v in config.strip().split("x"))
        rate, noise = measure(x, y, depth, width, args.reps, args.seconds)
        print(f"pytorch-{torch.__version__},{os.environ.get('OPENBLAS_CORETYPE', 'auto')},{depth},{width},{rate:.1f},{noise:.4f}", flush=True)


if __name__ == "__main__":
    main()
