package dev.conch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples run, the way rustdoc runs a crate's: every {@code ./conch} command in a fenced block of
 * README.md is run in-process through the picocli entry point, in a temporary folder holding copies of the
 * repository's {@code networks/} and {@code docs/examples/} (so a command's relative paths mean what they mean to a
 * reader in a fresh clone, and nothing it writes lands in the repository).
 *
 * <ul>
 *   <li>A {@code $ ./conch ...} line is followed by the output the README shows: stdout and stderr together, in the
 *       order they are printed, must equal it once timings are normalised (a number followed by s, ms, ns, x or %
 *       becomes #, runs of spaces inside a line become one) and the temporary folder is taken out of paths.</li>
 *   <li>A {@code ./conch ...} line in a {@code ```sh} block shows no output: it must exit 0. What follows an unquoted
 *       {@code |}, {@code >} or {@code #} is the shell's business and is not run.</li>
 *   <li>Commands that need a display or a sound card ({@code edit}, {@code play} through Java Sound or JACK, MIDI)
 *       or the cluster module's jar ({@code process --runner flink...}) are reported as skipped with the reason,
 *       never left out silently.</li>
 * </ul>
 */
class ReadmeExamplesTest {
    private static final Path REPO = Path.of(System.getProperty("conch.networks", "../networks")).toAbsolutePath()
            .normalize().getParent();
    private static final Pattern TIMING = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?=\\s?(?:ms|ns|s|x|%)(?![A-Za-z]))");
    /** What {@code render --threads auto} adds to its time line when it went parallel. */
    private static final Pattern CHOSEN_THREADS = Pattern.compile("(?<=x realtime), on \\d+ threads$");
    /** A file by its extension, or a folder by its trailing slash ({@code process takes/ -o shaped/}). */
    private static final Pattern PATH_ARG = Pattern.compile("[\\w./-]+(?:\\.(?:xml|wav|aif|aiff|flac|png|dot|json|svg)|/)");

    @TempDir
    static Path work;

    /** One command found in the README, with the output it shows (null: a ```sh line, which must just succeed). */
    record Example(int line, String command, List<String> shown) {
        @Override
        public String toString() {
            return "README.md:" + line + ": " + command;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyConchCommandInTheReadmePrintsWhatTheReadmeShows() throws IOException {
        copyTree(REPO.resolve("networks"), work.resolve("networks"));
        copyTree(REPO.resolve("docs/examples"), work.resolve("docs/examples"));
        List<Example> examples = examples(Files.readAllLines(REPO.resolve("README.md")));
        assertTrue(examples.size() >= 20, "found only " + examples.size() + " ./conch commands in README.md");
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> run(e)));
    }

    /** The test itself must fail when the README drifts: a changed line of shown output is caught. */
    @Test
    void timingsAndAnAutomaticThreadCountAreNotComparedButEverythingElseIs() {
        assertEquals(normalise("time     1.693 s wall, 17.7x realtime"),
                normalise("time     0.9 s wall, 33.1x realtime, on 2 threads"));
        assertFalse(normalise("time 1 s wall, 2x realtime").equals(normalise("time 1 s wall, 2x realtime, on 2 cores")));
        assertFalse(normalise("wrote a.wav").equals(normalise("wrote b.wav")));
    }

    @Test
    void aDriftedLineOfOutputIsCaught() throws IOException {
        copyTree(REPO.resolve("networks"), work.resolve("networks"));
        List<String> readme = new ArrayList<>(Files.readAllLines(REPO.resolve("README.md")));
        Example validate = examples(readme).stream().filter(e -> e.command().startsWith("./conch validate networks/"))
                .findFirst().orElseThrow(() -> new AssertionError("the README shows no validate of an example network"));
        assertFalse(validate.shown().isEmpty(), validate::toString);
        String good = readme.get(validate.line());
        readme.set(validate.line(), good.replace("ok: ", "ok:  1 more node, "));
        Example drifted = examples(readme).stream().filter(e -> e.line() == validate.line()).findFirst().orElseThrow();
        AssertionError caught = null;
        try {
            run(drifted);
        } catch (AssertionError expected) {
            caught = expected;
        }
        assertTrue(caught != null, "a drifted line passed: " + drifted.shown());
        run(validate); // and the README's own line passes
    }

    /** The format section's "complete example" says it is networks/glass-drone.xml: it must be, byte for byte. */
    @Test
    void theCompleteExampleIsTodaysGlassDrone() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"));
        int section = readme.indexOf("### A complete example");
        assertTrue(section > 0, "README.md has no complete example");
        int from = readme.indexOf("```xml\n", section) + "```xml\n".length();
        String shown = readme.substring(from, readme.indexOf("```", from));
        assertEquals(Files.readString(REPO.resolve("networks/glass-drone.xml")).strip(), shown.strip());
    }

    /** Every ./conch command in a fenced block, with the output shown after a {@code $ } prompt. */
    static List<Example> examples(List<String> readme) {
        List<Example> found = new ArrayList<>();
        boolean inBlock = false, sh = false;
        Example open = null;
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.startsWith("```")) {
                if (!inBlock) {
                    String info = line.substring(3).trim();
                    inBlock = info.isEmpty() || info.equals("sh") || info.equals("console");
                    sh = info.equals("sh");
                    if (!inBlock) i = skipBlock(readme, i);
                } else {
                    inBlock = false;
                    open = null;
                }
                continue;
            }
            if (!inBlock) continue;
            if (line.startsWith("$ ./conch ")) {
                open = new Example(i + 1, line.substring(2).trim(), new ArrayList<>());
                found.add(open);
            } else if (line.startsWith("./conch ")) {
                found.add(new Example(i + 1, line.trim(), null));
                open = null;
            } else if (line.startsWith("$ ")) {
                open = null; // another program's prompt: not ours to check
            } else if (open != null && !sh) {
                open.shown().add(line);
            }
        }
        return found;
    }

    private static int skipBlock(List<String> readme, int start) {
        int i = start + 1;
        while (i < readme.size() && !readme.get(i).startsWith("```")) i++;
        return i;
    }

    private static void run(Example e) {
        List<String> args = words(e.command());
        args.remove(0); // ./conch
        String skip = skipReason(args);
        if (skip != null) {
            System.out.println("skipped: " + e + " (" + skip + ")");
            Assumptions.abort(skip);
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (PATH_ARG.matcher(a).matches() && !a.startsWith("/")) args.set(i, work.resolve(a).toString());
        }
        StringWriter printed = new StringWriter();
        PrintWriter both = new PrintWriter(printed, true);
        int exit = CliRun.execute(args.toArray(new String[0]), both, both);
        String actual = printed.toString().replace(work.toString() + "/", "");
        if (e.shown() == null) {
            assertEquals(0, exit, e + "\n" + actual);
            return;
        }
        assertEquals(normalise(String.join("\n", e.shown())), normalise(actual), e + " printed something else");
    }

    /** Why a command cannot run here, or null. */
    private static String skipReason(List<String> args) {
        String command = args.isEmpty() ? "" : args.get(0);
        if (command.equals("edit")) return "the editor needs a display";
        int runner = args.indexOf("--runner");
        if (runner >= 0 && runner + 1 < args.size() && args.get(runner + 1).startsWith("flink")) {
            return "the Flink runners need cluster/target/conch-cluster.jar, which the build makes after the CLI's "
                    + "tests (FlinkProcessTest runs them)";
        }
        if (command.equals("play")) {
            if (args.contains("--midi")) return "MIDI input needs a MIDI device";
            int d = args.indexOf("--driver");
            String driver = d >= 0 && d + 1 < args.size() ? args.get(d + 1) : "javasound";
            if (driver.equals("jack")) return "--driver jack needs a running JACK server and a sound card";
            if (!driver.equals("null")) return "--driver " + driver + " needs a sound card";
        }
        return null;
    }

    /** Words as a POSIX shell splits them (quotes kept together), up to an unquoted |, > or #. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else w.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '|' || c == '>' || c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        return words;
    }

    /**
     * Timings become #, runs of inner spaces one space, trailing spaces and blank lines at the end go. So does the
     * thread count an automatic render chose (", on 2 threads" after the time): it depends on the machine's cores
     * and load as timings do.
     */
    static String normalise(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            line = CHOSEN_THREADS.matcher(line).replaceAll("");
            Matcher m = Pattern.compile("^(\\s*)(.*)$").matcher(TIMING.matcher(line).replaceAll("#"));
            m.matches();
            lines.add((m.group(1) + m.group(2).replaceAll("\\s+", " ")).stripTrailing());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return String.join("\n", lines);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isDirectory(to)) return;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
