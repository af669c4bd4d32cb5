package dev.conch.engine.graph;

/**
 * An exact fraction for the balance equations of multi-rate networks. Its equals and hashCode are written out: a
 * record's own are bootstrapped through {@code ObjectMethods} at their first call, which the JDK's class-data and
 * AOT caches do not keep, and that cost every compile (so every render) about 10 ms of interpreted set-up.
 */
record Rational(long num, long den) {
    static final Rational ONE = new Rational(1, 1);

    Rational {
        if (den <= 0) throw new IllegalArgumentException("denominator must be positive");
        long g = gcd(Math.abs(num), den);
        if (g > 1) {
            num /= g;
            den /= g;
        }
    }

    /** this x a / b. */
    Rational times(long a, long b) {
        return new Rational(Math.multiplyExact(num, a), Math.multiplyExact(den, b));
    }

    /** this / other. */
    Rational over(Rational other) {
        return times(other.den, other.num);
    }

    boolean greaterThan(Rational other) {
        return Math.multiplyExact(num, other.den) > Math.multiplyExact(other.num, den);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && r.num == num && r.den == den;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(num) * 31 + Long.hashCode(den);
    }

    @Override
    public String toString() {
        return den == 1 ? Long.toString(num) : num + "/" + den;
    }
}
