package dev.conch.processors.control;

import dev.conch.engine.runtime.ProcessorHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ControlExpression: CLAM's example program, C's precedence, loops, calls and the built-ins against the same
 * formulas written in Java here, over random inputs; the output holds between changes; and each mistake is refused
 * with its line and column.
 */
class ControlExpressionTest {
    /** The program's value for each row of inputs, one sample per row, as a control connection would feed them. */
    private static void agrees(String program, int inputs, ToDoubleFunction<double[]> reference) {
        ProcessorHarness h = ProcessorHarness.create(ControlExpression.class, Map.of("expression", program), 48000, 16);
        assertEquals(inputs, h.processor().params().size() - 1, "inputs a.. of " + program);
        SplittableRandom random = new SplittableRandom(program.hashCode());
        for (int row = 0; row < 2000; row++) {
            double[] x = new double[inputs];
            for (int k = 0; k < inputs; k++) {
                // small integers make equalities and integer loops happen; reals test the arithmetic
                x[k] = row % 2 == 0 ? random.nextInt(-3, 6) : Math.round(random.nextDouble(-10, 10) * 1000) / 1000.0;
                h.set(Character.toString((char) ('a' + k)), x[k]);
            }
            h.process(1);
            float want = (float) reference.applyAsDouble(x);
            float got = h.out("out")[0];
            if (Float.isNaN(want)) assertTrue(Float.isNaN(got), program + " at " + java.util.Arrays.toString(x));
            else assertEquals(want, got, 0, program + " at " + java.util.Arrays.toString(x));
        }
    }

    @Test
    void clamsExampleProgramAndABareExpression() {
        agrees("float main(a, b, c)\n{\n    return (a + b) - c;\n}\n", 3, x -> (x[0] + x[1]) - x[2]);
        agrees("(a + b) - c", 3, x -> (x[0] + x[1]) - x[2]);
        // main's parameters are the inputs in order, whatever main calls them
        agrees("float main(gain, offset) { return gain * 2 + offset; }", 2, x -> x[0] * 2 + x[1]);
    }

    @Test
    void operatorsBindAsInC() {
        agrees("a + b * c - d / 2 < 3 && !(a == b) || c >= d", 4,
                x -> (x[0] + x[1] * x[2] - x[3] / 2 < 3 && !(x[0] == x[1])) || x[2] >= x[3] ? 1 : 0);
        agrees("-a * -b - -c != a - b - c", 3, x -> -x[0] * -x[1] - -x[2] != x[0] - x[1] - x[2] ? 1 : 0);
        agrees("a / b", 2, x -> x[0] / x[1]); // division by 0 gives an infinity or NaN, as in C
    }

    @Test
    void localsIfElseWhileCallsAndBuiltIns() {
        String program = """
                // the sum 1 + 2 + ... + n, by a loop, for n up to 5; else a clipped hypotenuse
                float hyp(x, y) { return sqrt(x * x + y * y); }
                float main(n, v, w)
                {
                    float s = 0;
                    float i;
                    if (n >= 1 && n <= 5) {
                        i = 1;
                        while (i <= n) { s = s + i; i = i + 1; }
                        return s;
                    } else if (n < 0)
                        return min(max(hyp(v, w), 1), 5);
                    /* zero or above five */
                    return pow(abs(v), 0.5) + floor(w) + tanh(v) + exp(sin(w)) - cos(v) + log(abs(w) + 1);
                }
                """;
        agrees(program, 3, x -> {
            double n = x[0], v = x[1], w = x[2];
            if (n >= 1 && n <= 5) {
                double s = 0;
                for (int i = 1; i <= n; i++) s += i;
                return s;
            }
            if (n < 0) return Math.min(Math.max(Math.sqrt(v * v + w * w), 1), 5);
            return Math.pow(Math.abs(v), 0.5) + Math.floor(w) + Math.tanh(v) + Math.exp(Math.sin(w)) - Math.cos(v)
                    + Math.log(Math.abs(w) + 1);
        });
    }

    @Test
    void aLoopThatNeverEndsStopsWithNaNAndTheNextValueIsRight() {
        agrees("float main(a) { float i = 0; while (a > 0) { i = i + 1; } return a; }", 1, x -> x[0] > 0 ? Double.NaN : x[0]);
    }

    @Test
    void theOutputHoldsBetweenChangesAndFollowsEachOne() {
        ProcessorHarness h = ProcessorHarness.create(ControlExpression.class, Map.of("expression", "a * 10"), 48000, 64);
        h.set("a", 0.5);
        h.process(64);
        for (int i = 0; i < 64; i++) assertEquals(5, h.out("out")[i], 0);
        h.set("a", -2);
        h.process(3);
        for (int i = 0; i < 3; i++) assertEquals(-20, h.out("out")[i], 0);
    }

    @Test
    void eachMistakeIsRefusedWithWhereItIs() {
        String[][] cases = {
                {"", "the expression is empty"},
                {"a + ", "line 1, column 5: expected a number, a name or '('"},
                {"a + k", "line 1, column 5: 'k' is no input: an expression reads the inputs a to h"},
                {"float main(a) {\n  return b;\n}", "line 2, column 10: variable b is not declared in main"},
                {"float f(x) { return f(x); } float main(a) { return f(a); }", "function f calls itself (f calls f)"},
                {"float f(x) { return g(x); } float g(x) { return f(x); } float main(a) { return f(a); }", "calls itself"},
                {"float main(a) { return h(a); }", "main calls h, which is not defined"},
                {"float main(a) { return sqrt(a, a); }", "sqrt takes 1 argument, not 2"},
                {"float other(a) { return a; }", "the program has no function main"},
                {"float main(a) { return a; ", "function main has no closing '}'"},
                {"a ) b", "unexpected ')' after the expression"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expression.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
