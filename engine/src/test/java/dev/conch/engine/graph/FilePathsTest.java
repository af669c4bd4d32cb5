package dev.conch.engine.graph;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.PathBase;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.AudioOutput;
import dev.conch.engine.runtime.Output;
import dev.conch.engine.runtime.Param;
import dev.conch.engine.runtime.ParamSpec;
import dev.conch.engine.runtime.ProcessContext;
import dev.conch.engine.runtime.Processor;
import dev.conch.engine.runtime.ProcessorInfo;
import dev.conch.engine.runtime.ProcessorRegistry;
import dev.conch.engine.xml.NetworkXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relative file paths start from the folder of the network file they are written in (a sub-network's own), typed ones
 * from the current folder, and the processor is handed the absolute path: each expected path is built here from the
 * folders, never taken from the code under test. The current folder cannot change inside one JVM, so what must be
 * found "from the current folder" is put under it (target/, where Maven runs the tests).
 */
class FilePathsTest {
    @TempDir
    Path dir;

    /** Keeps the path it is created with, as a file reader would open it. */
    @ProcessorInfo(name = "TestReads", category = "Test", description = "Reads a file.")
    public static final class Reads extends Processor {
        final Param file = param(ParamSpec.fileToRead("file"));
        private final Output out = audioOut("out", "silence");

        @Override
        public void prepare(ProcessContext ctx) {
        }

        @Override
        public void process(int frames) {
            java.util.Arrays.fill(out.buffer(), 0, frames, 0f);
        }
    }

    @ProcessorInfo(name = "TestWrites", category = "Test", description = "Writes a file.")
    public static final class Writes extends Processor {
        final Param file = param(ParamSpec.fileToWrite("file"));

        @Override
        public void prepare(ProcessContext ctx) {
        }

        @Override
        public void process(int frames) {
        }
    }

    private static final ProcessorRegistry REGISTRY = ProcessorRegistry.of(AudioOutput.class, Reads.class, Writes.class,
            dev.conch.engine.runtime.Outlet.class);

    private Path write(Path file, String xml) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml);
        return file;
    }

    private static Path touch(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        return file;
    }

    private static String network(int version, String nodes) {
        return "<network name=\"n\" version=\"" + version + "\" sampleRate=\"48000\">\n" + nodes + "</network>\n";
    }

    private static String node(String id, String type, String file) {
        return "  <node id=\"" + id + "\" type=\"" + type + "\">\n    <param name=\"file\">" + file + "</param>\n  </node>\n";
    }

    private static String given(CompiledNetwork net, String node) {
        return net.processors().get(node).param("file").text();
    }

    private static CompiledNetwork compile(NetworkSpec spec) throws NetworkException {
        return NetworkCompiler.compile(spec, REGISTRY, 64);
    }

    @Test
    void aRelativePathStartsFromTheNetworkFilesFolderForReadingAndWriting() throws Exception {
        Path net = dir.resolve("project/nets");
        Path sound = touch(net.resolve("sounds/a.wav"));
        Files.createDirectories(net.resolve("out"));
        Path file = write(net.resolve("n.xml"), network(4, node("r", "TestReads", "sounds/a.wav")
                + node("w", "TestWrites", "out/b.wav") + node("abs", "TestReads", sound.toString())));
        CompiledNetwork compiled = compile(NetworkXml.read(file));
        assertEquals(sound.toString(), given(compiled, "r"));
        assertEquals(net.resolve("out/b.wav").toString(), given(compiled, "w"));
        assertEquals(sound.toString(), given(compiled, "abs"), "an absolute path is kept");
        assertEquals(List.of(), pathWarnings(compiled));
    }

    /** The warnings about paths (a network of readers alone also hears that they reach no output). */
    private static List<Problem> pathWarnings(CompiledNetwork net) {
        return net.warnings().stream().filter(w -> w.message().contains("version")).toList();
    }

    @Test
    void aSubNetworksPathsStartFromItsOwnFolderAndOnesSetOnItsNodeFromTheIncludingFile() throws Exception {
        Path grain = touch(dir.resolve("voices/grain.wav"));
        Path mine = touch(dir.resolve("mine.wav"));
        write(dir.resolve("voices/v.xml"), network(4, node("r", "TestReads", "grain.wav")));
        Path main = write(dir.resolve("main.xml"), network(4, "  <node id=\"a\" type=\"net:voices/v.xml\"/>\n"
                + "  <node id=\"b\" type=\"net:voices/v.xml\">\n    <param name=\"r.file\">mine.wav</param>\n  </node>\n"));
        CompiledNetwork compiled = compile(NetworkXml.read(main));
        assertEquals(grain.toString(), given(compiled, "a/r"));
        assertEquals(mine.toString(), given(compiled, "b/r"));
    }

    @Test
    void aMissingFileIsNamedWithThePathItCameToAndWhereItStarted() throws Exception {
        Path file = write(dir.resolve("n.xml"), network(4, node("r", "TestReads", "ir/nope.wav")
                + node("w", "TestWrites", "no-such-folder/out.wav")));
        NetworkException e = assertThrows(NetworkException.class, () -> compile(NetworkXml.read(file)));
        List<String> messages = e.problems().stream().map(Problem::message).toList();
        assertEquals(2, messages.size(), messages::toString);
        assertEquals("there is no file " + dir.resolve("ir/nope.wav") + " ('ir/nope.wav' starts from the folder of "
                + "n.xml (" + dir + ")); write the path from there, or an absolute one", messages.get(0));
        assertTrue(messages.get(1).startsWith("cannot write " + dir.resolve("no-such-folder/out.wav") + ": there is no folder "
                + dir.resolve("no-such-folder") + " ('no-such-folder/out.wav' starts from the folder of n.xml"), messages.get(1));
        assertEquals("r", e.problems().get(0).node());
        assertEquals("file", e.problems().get(0).port());
        assertEquals(3, e.problems().get(0).location().line(), "the line of the param");
    }

    @Test
    void aPathTypedOnTheCommandLineStartsFromTheCurrentFolder() throws Exception {
        Path typed = touch(Path.of("target", "file-paths-test", "typed.wav").toAbsolutePath());
        touch(dir.resolve("target/file-paths-test/typed.wav")); // the same text from the network's folder: not taken
        Path file = write(dir.resolve("n.xml"), network(4, node("r", "TestReads", "x.wav")));
        NetworkSpec spec = NetworkXml.read(file).withParam("r", "file", "target/file-paths-test/typed.wav", PathBase.TYPED);
        assertEquals(typed.toString(), given(compile(spec), "r"));
    }

    @Test
    void aFileOlderThanVersion4StillFindsWhatOnlyTheCurrentFolderHasAndSaysHowToUpdateIt() throws Exception {
        Path old = touch(Path.of("target", "file-paths-test", "old.wav").toAbsolutePath());
        Path beside = touch(dir.resolve("beside.wav"));
        Path file = write(dir.resolve("old.xml"), network(3, node("r", "TestReads", "target/file-paths-test/old.wav")
                + node("s", "TestReads", "beside.wav")));
        CompiledNetwork compiled = compile(NetworkXml.read(file));
        assertEquals(old.toString(), given(compiled, "r"));
        assertEquals(beside.toString(), given(compiled, "s"), "its own folder first");
        assertEquals(1, pathWarnings(compiled).size(), compiled.warnings()::toString);
        assertEquals("r", pathWarnings(compiled).get(0).node());
        String warning = pathWarnings(compiled).get(0).message();

        // what the editor saves instead: the same file, named from the network's folder, at version 4
        NetworkSpec upgraded = FilePaths.upgraded(NetworkXml.read(file), REGISTRY);
        assertEquals(4, upgraded.version());
        String rewritten = upgraded.node("r").orElseThrow().params().get("file").text();
        assertEquals(old, dir.resolve(rewritten).normalize(), "names the same file from the network's folder");
        assertTrue(warning.contains("write it as '" + rewritten + "' and set version=\"4\""), warning);
        assertEquals("beside.wav", upgraded.node("s").orElseThrow().params().get("file").text());
        Path saved = dir.resolve("saved.xml");
        NetworkXml.write(upgraded, saved);
        CompiledNetwork again = compile(NetworkXml.read(saved));
        assertEquals(old.toString(), given(again, "r"));
        assertEquals(List.of(), pathWarnings(again));
    }

    @Test
    void movedToAnotherFolderItsRelativePathsAndSubNetworkTypesStillNameTheSameFiles() throws Exception {
        Path sound = touch(dir.resolve("a/s.wav"));
        Path elsewhere = touch(dir.resolve("elsewhere.wav"));
        write(dir.resolve("a/sub.xml"), network(4, node("r", "TestReads", "s.wav")));
        Path file = write(dir.resolve("a/n.xml"), network(4, node("r", "TestReads", "s.wav")
                + node("abs", "TestReads", elsewhere.toString()) + "  <node id=\"v\" type=\"net:sub.xml\"/>\n"));
        Path target = dir.resolve("b/c/n.xml");
        Files.createDirectories(target.getParent());
        FilePaths.Moved moved = FilePaths.moved(NetworkXml.read(file), REGISTRY, target);
        assertEquals("../../a/s.wav", moved.spec().node("r").orElseThrow().params().get("file").text());
        assertEquals(elsewhere.toString(), moved.spec().node("abs").orElseThrow().params().get("file").text());
        assertEquals("net:../../a/sub.xml", moved.spec().node("v").orElseThrow().type());
        assertEquals(2, moved.rewritten().size(), moved.rewritten()::toString);
        NetworkXml.write(moved.spec(), target);
        CompiledNetwork compiled = compile(NetworkXml.read(target));
        assertEquals(sound.toString(), given(compiled, "r"));
        assertEquals(sound.toString(), given(compiled, "v/r"));
    }

    @Test
    void aChosenFileIsWrittenRelativeInsideTheFolderAndAbsoluteOutside() {
        Path folder = dir.resolve("nets");
        assertEquals("ir/hall.wav", FilePaths.written(folder.resolve("ir/hall.wav"), folder, false));
        assertEquals(dir.resolve("other/x.wav").toString(), FilePaths.written(dir.resolve("other/x.wav"), folder, false));
        assertEquals("../other/x.wav", FilePaths.written(dir.resolve("other/x.wav"), folder, true));
    }
}
