"""Forward rank of random deep tanh nets (no training): x ~ N(0, I) through 1000 layers of N x N
Gaussian weights at gain g; at layers 100, 200, 500 and 999 the effective rank (sum s)^2 / sum s^2
of the centred activations of 200 inputs, their mean |cos| and the rms activity.
Usage: python3 rank.py 64,128,256,512 1.0,1.05,1.1,1.2   (results: rank-results.md)"""
import numpy as np, sys
rng = np.random.default_rng(1)
B = 200
X = rng.standard_normal((784, B)).astype(np.float32)
def run(N, g, D=1000, gin=None):
    gin = g if gin is None else gin
    h = np.tanh(gin * rng.standard_normal((N, 784)).astype(np.float32) / 28.0 @ X)
    out = {}
    for d in range(2, D):
        h = np.tanh(g * (rng.standard_normal((N, N)).astype(np.float32) / np.sqrt(N)) @ h)
        if d + 1 in (100, 200, 500, 1000 - 1):
            c = h - h.mean(1, keepdims=True)
            s = np.linalg.svd(c, compute_uv=False)
            pr = s.sum() ** 2 / (s ** 2).sum()   # effective rank
            hn = h / np.linalg.norm(h, axis=0)
            cos = np.abs(hn.T @ hn)[np.triu_indices(B, 1)].mean()
            out[d + 1] = (pr, cos, float(np.sqrt((h ** 2).mean())))
    return out
for N in [int(x) for x in sys.argv[1].split(',')]:
    for g in [float(x) for x in (sys.argv[2] if len(sys.argv) > 2 else "1.0,1.02,1.05,1.1,1.15,1.2,1.3,1.5").split(",")]:
        o = run(N, g)
        print(N, g, ' | '.join('D%d rank %.1f cos %.2f rms %.3f' % (k, *v) for k, v in o.items()), flush=True)
