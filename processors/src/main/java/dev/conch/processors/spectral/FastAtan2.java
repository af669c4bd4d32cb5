package dev.conch.processors.spectral;

/**
 * atan2 to within 4e-8 rad (measured by {@code FastAtan2Test} against {@link Math#atan2}), for per-bin phase work.
 *
 * <p>Why: {@code Math.atan2} is not a HotSpot intrinsic and costs some 50 ns a call, which made it most of a
 * spectral morph's time (one call per bin per frame). Here the angle is reduced to atan(r) with r in [0, 1] (the
 * smaller of |x|, |y| over the larger), which an odd polynomial of degree 15 gives within 3.8e-8 (fitted by
 * reweighted least squares towards the minimax error, as {@code fast-tanh-fit.py} does for tanh), then put back in
 * its octant, with Math.atan2's signs (a -0.0 y gives -π on the negative x axis). atan2 of the origin is 0.
 */
final class FastAtan2 {
    private static final double C0 = 0.9999993359783855, C1 = -0.3332986251653241, C2 = 0.19946586808032293,
            C3 = -0.13908741417017167, C4 = 0.09642496802850203, C5 = -0.05591657441358161,
            C6 = 0.021865999882186737, C7 = -0.004055432597196318;

    private FastAtan2() {
    }

    static double atan2(double y, double x) {
        double ax = Math.abs(x), ay = Math.abs(y);
        double big = Math.max(ax, ay), small = Math.min(ax, ay);
        if (big == 0) return 0;
        double r = small / big, t = r * r;
        double a = r * (C0 + t * (C1 + t * (C2 + t * (C3 + t * (C4 + t * (C5 + t * (C6 + t * C7)))))));
        if (ay > ax) a = Math.PI / 2 - a;
        if (x < 0) a = Math.PI - a;
        return Math.copySign(a, y);   // as Math.atan2: -0.0 counts as below the axis (atan2(-0.0, -1) = -π)
    }
}
