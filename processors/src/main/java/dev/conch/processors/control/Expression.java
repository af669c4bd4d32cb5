package dev.conch.processors.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The program of a {@link ControlExpression}, parsed once into a tree that evaluates without allocating. Two forms:
 * <ul>
 *   <li>a bare expression over the inputs {@code a} to {@code h}: {@code (a + b) - c};</li>
 *   <li>CLAM's mini-C (its expression plugin, after Boost Spirit's mini_c): functions {@code float name(x, y) {...}}
 *       with {@code float} locals, {@code =}, {@code if}/{@code else}, {@code while}, {@code return}, calls, and
 *       {@code main}'s parameters the inputs in order (CLAM names them a, b, c, ... whatever main calls them).</li>
 * </ul>
 * Operators are C's: {@code || && == != < <= > >= + - * / !} and unary minus, comparisons giving 1 or 0, with
 * {@code abs min max floor sqrt pow exp log sin cos tanh} built in. A function may not call itself (each has one
 * frame, allocated here), and a loop stops after {@link #MAX_STEPS} steps in one evaluation, which then gives NaN.
 */
final class Expression {
    /** Loop iterations one evaluation may take: the audio thread must not spin on a loop that never ends. */
    static final int MAX_STEPS = 10_000;
    static final int MAX_INPUTS = 8;

    private static final int NORMAL = 0, RETURN = 1;

    private final Function main;
    private final int arity;
    private final Budget budget;

    private Expression(Function main, int arity, Budget budget) {
        this.main = main;
        this.arity = arity;
        this.budget = budget;
    }

    /** The inputs the program reads (a, b, ...). */
    int arity() {
        return arity;
    }

    /** The value for these inputs ({@code args[0]} is a); NaN when a loop ran out of steps. No allocation. */
    double evaluate(double[] args) {
        budget.steps = 0;
        System.arraycopy(args, 0, main.frame, 0, arity);
        return main.run();
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException a sentence saying where (line and column) and what is wrong
     */
    static Expression parse(String text) {
        return new Parser(text).program();
    }

    // ---- the tree: expressions give a value, statements say whether they returned ----

    private interface Node {
        double eval();
    }

    private interface Statement {
        int exec();
    }

    /** Loop steps taken in the current evaluation, shared by every function of a program. */
    private static final class Budget {
        int steps;
    }

    /** A function with its one frame: parameters first, then locals. */
    private static final class Function {
        final String name;
        final int params;
        final List<String> vars = new ArrayList<>();
        final List<Statement> body = new ArrayList<>();
        /** The body as the evaluation walks it: an array, since a List's iterator may be allocated on the audio thread. */
        private Statement[] statements = new Statement[0];
        final Set<String> calls = new HashSet<>();
        double[] frame = new double[MAX_INPUTS];
        double result;
        private final Budget budget;

        Function(String name, List<String> params, Budget budget) {
            this.budget = budget;
            this.name = name;
            this.params = params.size();
            vars.addAll(params);
        }

        /** Parsing is over: the body is final. */
        void seal() {
            statements = body.toArray(new Statement[0]);
        }

        double run() {
            java.util.Arrays.fill(frame, params, frame.length, 0); // locals start at 0 on every call
            result = 0;
            for (Statement s : statements) if (s.exec() == RETURN) break;
            return budget.steps > MAX_STEPS ? Double.NaN : result;
        }
    }

    private static final class Parser {
        private final Budget budget = new Budget();
        private final String src;
        private int pos;
        private final Map<String, Function> functions = new LinkedHashMap<>();
        /** Calls whose function may be defined further down: resolved at the end. */
        private final List<Runnable> pending = new ArrayList<>();
        private Function current;
        private boolean bare;
        private int highestInput = -1;

        Parser(String src) {
            this.src = src == null ? "" : src;
        }

        Expression program() {
            skip();
            if (pos == src.length()) throw error("the expression is empty; write one such as (a + b) - c");
            if (!src.contains("{")) return bareExpression();
            while (skip() < src.length()) function();
            pending.forEach(Runnable::run);
            Function main = functions.get("main");
            if (main == null) throw new IllegalArgumentException("the program has no function main; write float main(a, b) { return a + b; }");
            if (main.params > MAX_INPUTS) {
                throw new IllegalArgumentException("main takes " + main.params + " inputs, and a ControlExpression takes at most " + MAX_INPUTS);
            }
            for (Function f : functions.values()) {
                f.frame = new double[Math.max(f.vars.size(), f == main ? MAX_INPUTS : 0)];
                f.seal();
                String cycle = cycle(f, f, new HashSet<>());
                if (cycle != null) throw new IllegalArgumentException("function " + f.name + " calls itself (" + cycle
                        + "), and a ControlExpression evaluates no recursion: write it as a while loop");
            }
            return new Expression(main, main.params, budget);
        }

        private Expression bareExpression() {
            bare = true;
            current = new Function("main", List.of("a", "b", "c", "d", "e", "f", "g", "h"), budget); // all inputs, no locals
            Node e = expression();
            if (skip() < src.length()) throw error("unexpected '" + src.charAt(pos) + "' after the expression");
            Function f = current;
            f.body.add(() -> {
                f.result = e.eval();
                return RETURN;
            });
            f.seal();
            return new Expression(f, highestInput + 1, budget);
        }

        private String cycle(Function from, Function at, Set<String> seen) {
            for (String c : at.calls) {
                if (c.equals(from.name)) return at.name + " calls " + c;
                if (seen.add(c)) {
                    String deeper = cycle(from, functions.get(c), seen);
                    if (deeper != null) return at.name + " calls " + deeper;
                }
            }
            return null;
        }

        private void function() {
            word("float", "int", "void"); // the return type is optional, as values are all numbers
            int at = pos;
            String name = identifier("a function name");
            if (functions.containsKey(name)) throw errorAt(at, "function " + name + " is defined twice");
            expect('(');
            List<String> params = new ArrayList<>();
            if (!peek(')')) {
                do {
                    word("float", "int");
                    String p = identifier("a parameter name");
                    if (params.contains(p)) throw error("parameter " + p + " appears twice");
                    params.add(p);
                } while (accept(','));
            }
            expect(')');
            current = new Function(name, params, budget);
            functions.put(name, current);
            expect('{');
            while (!accept('}')) {
                if (skip() == src.length()) throw error("function " + name + " has no closing '}'");
                current.body.add(statement());
            }
        }

        private Statement statement() {
            skip();
            if (accept('{')) {
                List<Statement> list = new ArrayList<>();
                while (!accept('}')) {
                    if (skip() == src.length()) throw error("a block has no closing '}'");
                    list.add(statement());
                }
                Statement[] block = list.toArray(new Statement[0]);
                return () -> {
                    for (Statement s : block) if (s.exec() == RETURN) return RETURN;
                    return NORMAL;
                };
            }
            if (word("float", "int") != null) {
                int at = pos;
                String name = identifier("a variable name");
                if (current.vars.contains(name)) throw errorAt(at, "variable " + name + " is declared twice in " + current.name);
                current.vars.add(name);
                if (accept(';')) return () -> NORMAL;
                expect('=');
                return assignment(name);
            }
            if (word("if") != null) {
                expect('(');
                Node test = expression();
                expect(')');
                Statement then = statement();
                Statement otherwise = word("else") != null ? statement() : () -> NORMAL;
                return () -> test.eval() != 0 ? then.exec() : otherwise.exec();
            }
            if (word("while") != null) {
                expect('(');
                Node test = expression();
                expect(')');
                Statement body = statement();
                return () -> {
                    while (test.eval() != 0) {
                        if (++budget.steps > MAX_STEPS) return RETURN; // run() sees the steps spent and gives NaN
                        if (body.exec() == RETURN) return RETURN;
                    }
                    return NORMAL;
                };
            }
            if (word("return") != null) {
                Function f = current;
                if (accept(';')) return () -> RETURN;
                Node value = expression();
                expect(';');
                return () -> {
                    f.result = value.eval();
                    return RETURN;
                };
            }
            int at = pos;
            String name = identifier("a statement");
            if (!current.vars.contains(name)) throw errorAt(at, "variable " + name + " is not declared in " + current.name);
            expect('=');
            return assignment(name);
        }

        private Statement assignment(String name) {
            Function f = current;
            int slot = f.vars.indexOf(name);
            Node value = expression();
            expect(';');
            return () -> {
                f.frame[slot] = value.eval();
                return NORMAL;
            };
        }

        // ---- expressions, loosest first ----

        private Node expression() {
            Node left = conjunction();
            while (accept("||")) {
                Node l = left, r = conjunction();
                left = () -> l.eval() != 0 || r.eval() != 0 ? 1 : 0;
            }
            return left;
        }

        private Node conjunction() {
            Node left = equality();
            while (accept("&&")) {
                Node l = left, r = equality();
                left = () -> l.eval() != 0 && r.eval() != 0 ? 1 : 0;
            }
            return left;
        }

        private Node equality() {
            Node left = comparison();
            while (true) {
                if (accept("==")) left = binary(left, comparison(), (x, y) -> x == y ? 1 : 0);
                else if (accept("!=")) left = binary(left, comparison(), (x, y) -> x != y ? 1 : 0);
                else return left;
            }
        }

        private Node comparison() {
            Node left = sum();
            while (true) {
                if (accept("<=")) left = binary(left, sum(), (x, y) -> x <= y ? 1 : 0);
                else if (accept(">=")) left = binary(left, sum(), (x, y) -> x >= y ? 1 : 0);
                else if (accept('<')) left = binary(left, sum(), (x, y) -> x < y ? 1 : 0);
                else if (accept('>')) left = binary(left, sum(), (x, y) -> x > y ? 1 : 0);
                else return left;
            }
        }

        private Node sum() {
            Node left = product();
            while (true) {
                if (accept('+')) left = binary(left, product(), Double::sum);
                else if (accept('-')) left = binary(left, product(), (x, y) -> x - y);
                else return left;
            }
        }

        private Node product() {
            Node left = unary();
            while (true) {
                if (accept('*')) left = binary(left, unary(), (x, y) -> x * y);
                else if (!peek("//") && !peek("/*") && accept('/')) left = binary(left, unary(), (x, y) -> x / y);
                else return left;
            }
        }

        private Node unary() {
            if (accept('-')) {
                Node x = unary();
                return () -> -x.eval();
            }
            if (accept('+')) return unary();
            if (!peek("!=") && accept('!')) {
                Node x = unary();
                return () -> x.eval() == 0 ? 1 : 0;
            }
            return primary();
        }

        private Node primary() {
            skip();
            if (accept('(')) {
                Node e = expression();
                expect(')');
                return e;
            }
            if (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) return number();
            int at = pos;
            String name = identifier("a number, a name or '('");
            if (accept('(')) return call(name, at);
            if (bare) {
                if (name.length() != 1 || name.charAt(0) < 'a' || name.charAt(0) >= 'a' + MAX_INPUTS) {
                    throw errorAt(at, "'" + name + "' is no input: an expression reads the inputs a to h");
                }
                int input = name.charAt(0) - 'a';
                highestInput = Math.max(highestInput, input);
                Function f = current;
                return () -> f.frame[input];
            }
            Function f = current;
            int slot = f.vars.indexOf(name);
            if (slot < 0) throw errorAt(at, "variable " + name + " is not declared in " + f.name);
            return () -> f.frame[slot];
        }

        private Node call(String name, int at) {
            List<Node> args = new ArrayList<>();
            if (!accept(')')) {
                do {
                    args.add(expression());
                } while (accept(','));
                expect(')');
            }
            Node builtin = builtin(name, args, at);
            if (builtin != null) return builtin;
            if (bare) throw errorAt(at, "an expression calls no function " + name + " (the built-in ones are abs, min, max, floor, sqrt, pow, exp, log, sin, cos, tanh)");
            Node[] argv = args.toArray(new Node[0]);
            double[] values = new double[argv.length]; // this call's own: a nested call of the same function cannot clobber them
            Function caller = current;
            Function[] callee = new Function[1];
            caller.calls.add(name);
            pending.add(() -> {
                Function f = functions.get(name);
                if (f == null) throw errorAt(at, caller.name + " calls " + name + ", which is not defined");
                if (f.params != argv.length) {
                    throw errorAt(at, caller.name + " calls " + name + " with " + argv.length + " arguments, and it takes " + f.params);
                }
                callee[0] = f;
            });
            return () -> {
                Function f = callee[0];
                for (int i = 0; i < argv.length; i++) values[i] = argv[i].eval();
                System.arraycopy(values, 0, f.frame, 0, values.length);
                return f.run();
            };
        }

        private Node builtin(String name, List<Node> args, int at) {
            DoubleUnaryOperator one = switch (name) {
                case "abs" -> Math::abs;
                case "floor" -> Math::floor;
                case "sqrt" -> Math::sqrt;
                case "exp" -> Math::exp;
                case "log" -> Math::log;
                case "sin" -> Math::sin;
                case "cos" -> Math::cos;
                case "tanh" -> Math::tanh;
                default -> null;
            };
            DoubleBinaryOperator two = switch (name) {
                case "min" -> Math::min;
                case "max" -> Math::max;
                case "pow" -> Math::pow;
                default -> null;
            };
            if (one == null && two == null) return null;
            int wanted = one != null ? 1 : 2;
            if (args.size() != wanted) throw errorAt(at, name + " takes " + wanted + (wanted == 1 ? " argument" : " arguments") + ", not " + args.size());
            Node x = args.get(0);
            if (one != null) return () -> one.applyAsDouble(x.eval());
            return binary(x, args.get(1), two);
        }

        private Node binary(Node l, Node r, DoubleBinaryOperator op) {
            return () -> op.applyAsDouble(l.eval(), r.eval());
        }

        private Node number() {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
            if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                int mark = pos++;
                if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) pos++;
                if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
                } else {
                    pos = mark;
                }
            }
            double v;
            try {
                v = Double.parseDouble(src.substring(start, pos));
            } catch (NumberFormatException e) {
                throw errorAt(start, "'" + src.substring(start, pos) + "' is not a number");
            }
            return () -> v;
        }

        // ---- tokens ----

        /** Skips blanks and comments; the position after them. */
        private int skip() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (src.startsWith("//", pos)) {
                    while (pos < src.length() && src.charAt(pos) != '\n') pos++;
                } else if (src.startsWith("/*", pos)) {
                    int end = src.indexOf("*/", pos + 2);
                    if (end < 0) throw error("a comment has no closing */");
                    pos = end + 2;
                } else {
                    break;
                }
            }
            return pos;
        }

        private boolean peek(char c) {
            skip();
            return pos < src.length() && src.charAt(pos) == c;
        }

        private boolean peek(String s) {
            skip();
            return src.startsWith(s, pos);
        }

        private boolean accept(char c) {
            if (!peek(c)) return false;
            pos++;
            return true;
        }

        private boolean accept(String s) {
            if (!peek(s)) return false;
            pos += s.length();
            return true;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("expected '" + c + "' here, found " + (pos < src.length() ? "'" + src.charAt(pos) + "'" : "the end"));
            }
        }

        /** One of the keywords {@code words} as a whole word, consumed; null (and nothing consumed) otherwise. */
        private String word(String... words) {
            skip();
            for (String w : words) {
                int end = pos + w.length();
                if (src.startsWith(w, pos) && (end == src.length() || !Character.isLetterOrDigit(src.charAt(end)) && src.charAt(end) != '_')) {
                    pos = end;
                    return w;
                }
            }
            return null;
        }

        private String identifier(String what) {
            skip();
            int start = pos;
            if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
            }
            if (start == pos) {
                throw error("expected " + what + " here, found " + (pos < src.length() ? "'" + src.charAt(pos) + "'" : "the end"));
            }
            return src.substring(start, pos);
        }

        private IllegalArgumentException error(String what) {
            return errorAt(pos, what);
        }

        private IllegalArgumentException errorAt(int at, String what) {
            int line = 1, column = 1;
            for (int i = 0; i < at && i < src.length(); i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new IllegalArgumentException("expression line " + line + ", column " + column + ": " + what);
        }
    }
}
