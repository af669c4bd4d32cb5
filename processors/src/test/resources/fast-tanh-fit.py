# The fit behind processors/.../shape/FastTanh: tanh(x) ~ x P(x^2) / Q(x^2) on [0, 8], by iteratively reweighted
# linear least squares (Lawson) towards the minimax error. Run: python3 fast-tanh-fit.py (numpy, mpmath).
# FastTanh uses the (4, 4) row: max error 4.7e-7 on the grid; FastTanhTest checks it independently against Math.tanh.
import numpy as np, mpmath as mp
mp.mp.dps = 40
C = 8.0  # clamp
def fit(m, n, iters=60):
    xs = np.concatenate([np.linspace(0, C, 20000)[1:]])
    t = xs**2
    f = np.array([float(mp.tanh(x)) for x in xs])
    w = np.ones_like(xs)
    for it in range(iters):
        # unknowns p0..pm, q1..qn ; x p(t) - f q(t) = 0  (q0=1)
        A = np.zeros((len(xs), m+1+n))
        for j in range(m+1): A[:, j] = xs * t**j
        for j in range(1, n+1): A[:, m+j] = -f * t**j
        b = f.copy()
        sol, *_ = np.linalg.lstsq(A * w[:, None], b * w, rcond=None)
        p = sol[:m+1]; q = np.concatenate([[1.0], sol[m+1:]])
        P = sum(p[j]*t**j for j in range(m+1)); Q = sum(q[j]*t**j for j in range(n+1))
        err = xs*P/Q - f
        # Lawson-style reweighting toward minimax
        w = w * np.abs(err)**0.5 / np.abs(Q)
        w = w / w.max()
    return p, q, np.abs(err).max()
for m, n in [(4, 4)]:
    p, q, e = fit(m, n)
    print(m, n, e)
    print(' p', ', '.join(repr(v) for v in p))
    print(' q', ', '.join(repr(v) for v in q))
