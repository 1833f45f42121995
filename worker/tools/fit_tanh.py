import numpy as np
C = 9.0
n_p, n_q = 7, 4
k = np.arange(6000)
x = C * (1 - np.cos(np.pi * (k + 0.5) / len(k))) / 2
x = x[x > 1e-3]
t = np.tanh(x); s = (x / C) ** 2
Qprev = np.ones_like(x); w = np.ones_like(x)
for it in range(40):
    A = np.hstack([np.stack([x * s**i for i in range(n_p)], 1), np.stack([-t * s**i for i in range(1, n_q)], 1)])
    rhs = t.copy()
    scale = w / (t * Qprev)            # relative error, Loeb 1/Q, Lawson weight
    coef, *_ = np.linalg.lstsq(A * scale[:, None], rhs * scale, rcond=None)
    a = coef[:n_p]; b = np.concatenate([[1.0], coef[n_p:]])
    P = sum(a[i] * s**i for i in range(n_p)); Q = sum(b[i] * s**i for i in range(n_q))
    err = np.abs(x * P / Q - t) / t
    Qprev = Q
    if it >= 10:
        w = w * (err / err.max()) ** 0.3; w /= w.mean()
    if it % 5 == 4: print(it, err.max(), Q.min())
# back to powers of z = x^2
a_z = np.array([a[i] / C ** (2 * i) for i in range(n_p)]); b_z = np.array([b[i] / C ** (2 * i) for i in range(n_q)])
a_z /= b_z[0]; b_z /= b_z[0]
print("a =", [float(v) for v in a_z]); print("b =", [float(v) for v in b_z])
xs = np.concatenate([np.linspace(0, C, 3_000_001), np.logspace(-8, 0, 100001)]).astype(np.float32)
af = a_z.astype(np.float32); bf = b_z.astype(np.float32); zf = xs * xs
p = af[6]
for i in range(5, -1, -1): p = np.float32(p * zf + af[i])
q = bf[3]
for i in range(2, -1, -1): q = np.float32(q * zf + bf[i])
yf = np.float32(xs * p) / q
yf = np.minimum(yf, np.float32(1))
exact = np.tanh(xs.astype(np.float64)).astype(np.float32)
e = np.abs(yf.astype(np.float64) - exact.astype(np.float64)) / np.spacing(exact).astype(np.float64)
print("float32: max ulps vs float-rounded tanh", e.max(), "at", xs[e.argmax()], "mean", e.mean(), " y(C)=", yf[np.argmax(xs == np.float32(C))])
def fma(a, b, c):  # float32 fma emulated: exact product in float64, one rounding (double rounding is negligible here)
    return np.float32(a.astype(np.float64) * b.astype(np.float64) + np.float64(c) if np.ndim(c) == 0 else a.astype(np.float64) * b.astype(np.float64) + c.astype(np.float64))
p = np.full_like(zf, af[6])
for i in range(5, -1, -1): p = fma(p, zf, af[i])
q = np.full_like(zf, bf[3])
for i in range(2, -1, -1): q = fma(q, zf, bf[i])
yf = np.minimum(np.float32(xs * p) / q, np.float32(1))
e = np.abs(yf.astype(np.float64) - exact.astype(np.float64)) / np.spacing(exact).astype(np.float64)
print("fma float32: max ulps", e.max(), "at", xs[e.argmax()], "mean", e.mean())
print("float32 coefficients:", [repr(float(v)) + "f" for v in af], [repr(float(v)) + "f" for v in bf])
