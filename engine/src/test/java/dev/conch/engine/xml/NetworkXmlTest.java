package dev.conch.engine.xml;

import dev.conch.engine.model.Comment;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading, writing and round trips of well-formed networks. */
class NetworkXmlTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(NetworkXmlTest.class.getResource("/xml/" + name).toURI());
    }

    private static Map<String, ParamValue> params(String... nameValue) {
        Map<String, ParamValue> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) m.put(nameValue[i], new ParamValue(nameValue[i + 1]));
        return m;
    }

    /** complete.xml, built by hand rather than by the reader. */
    private static NetworkSpec completeByHand() {
        return new NetworkSpec("glass-drone", NetworkSpec.FORMAT_VERSION, 44100, 30.5,
                "A glassy drone: saw & sine through a swept filter.\nSecond line, with \"quotes\" <and> brackets.",
                List.of(new NodeSpec("osc", "Oscillator", params("waveform", "saw", "frequency", "55"), 40, 80,
                                Location.UNKNOWN),
                        new NodeSpec("lfo", "LFO", params("rate", "0.1", "label", "slow <sweep> & co"), 40.25, -12,
                                Location.UNKNOWN),
                        new NodeSpec("filter", "Biquad", params("frequency", "800"), 220, 80, Location.UNKNOWN),
                        new NodeSpec("tap.left", "Gain", Map.of()),
                        new NodeSpec("out", "AudioOutput", params("channels", "2"), 600, 80, Location.UNKNOWN)),
                List.of(new Connection("osc.out", "filter.in"), new Connection("filter.out", "tap.left.in"),
                        new Connection("tap.left.out", "out.in1")),
                List.of(new ControlConnection("lfo.out", "filter.frequency")))
                .withComments(List.of(new Comment(300, -20, "Two lines & a <bracket>:\nthe second starts at the margin.")));
    }

    private static final String COMPLETE_CANONICAL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <network name="glass-drone" version="4" sampleRate="44100" duration="30.5">
              <description>A glassy drone: saw &amp; sine through a swept filter.
            Second line, with "quotes" &lt;and&gt; brackets.</description>
              <node id="osc" type="Oscillator" x="40" y="80">
                <param name="waveform">saw</param>
                <param name="frequency">55</param>
              </node>
              <node id="lfo" type="LFO" x="40.25" y="-12">
                <param name="rate">0.1</param>
                <param name="label">slow &lt;sweep&gt; &amp; co</param>
              </node>
              <node id="filter" type="Biquad" x="220" y="80">
                <param name="frequency">800</param>
              </node>
              <node id="tap.left" type="Gain" x="0" y="0"/>
              <node id="out" type="AudioOutput" x="600" y="80">
                <param name="channels">2</param>
              </node>
              <connect from="osc.out" to="filter.in"/>
              <connect from="filter.out" to="tap.left.in"/>
              <connect from="tap.left.out" to="out.in1"/>
              <control from="lfo.out" to="filter.frequency"/>
              <comment x="300" y="-20">Two lines &amp; a &lt;bracket&gt;:
            the second starts at the margin.</comment>
            </network>
            """;

    @Test
    void readsEveryElementAndAttributeOfTheCompleteExample() throws Exception {
        NetworkSpec spec = NetworkXml.read(resource("complete.xml"));
        assertEquals(completeByHand(), spec);
        // NetworkSpec equality ignores locations, so check the ones the compiler will point at one by one.
        assertEquals(new Loc(6, 3), Loc.of(spec.node("osc").orElseThrow().location()));
        assertEquals(new Loc(7, 5), Loc.of(spec.node("osc").orElseThrow().params().get("waveform").location()));
        assertEquals(new Loc(11, 5), Loc.of(spec.node("lfo").orElseThrow().params().get("rate").location()));
        assertEquals(new Loc(19, 3), Loc.of(spec.node("tap.left").orElseThrow().location()));
        assertEquals(new Loc(20, 52), Loc.of(spec.node("out").orElseThrow().params().get("channels").location()));
        assertEquals(new Loc(21, 3), Loc.of(spec.connections().get(0).location()));
        assertEquals(new Loc(23, 3), Loc.of(spec.connections().get(2).location()));
        assertEquals(new Loc(24, 3), Loc.of(spec.controls().get(0).location()));
        // an endpoint splits at the last dot, so node ids may hold dots
        assertEquals("tap.left", spec.connections().get(1).to().node());
        assertEquals("in", spec.connections().get(1).to().port());
    }

    /** Line and column, compared for real (Location itself ignores them in equals by design). */
    record Loc(int line, int column) {
        static Loc of(Location l) {
            return new Loc(l.line(), l.column());
        }
    }

    @Test
    void writesTheCanonicalText() throws Exception {
        assertEquals(COMPLETE_CANONICAL, NetworkXml.write(NetworkXml.read(resource("complete.xml"))));
        assertEquals(COMPLETE_CANONICAL, NetworkXml.write(completeByHand()));
    }

    @Test
    void aVersion1FileIsReadAsVersion1AndWrittenAsTheCurrentVersion() throws Exception {
        String v2 = Files.readString(resource("complete.xml"));
        NetworkSpec old = NetworkXml.read(v2.replace("version=\"4\" sampleRate", "version=\"1\" sampleRate"), "old.xml");
        assertEquals(1, old.version());
        assertEquals(4, NetworkSpec.FORMAT_VERSION);
        assertEquals(COMPLETE_CANONICAL, NetworkXml.write(old));
    }

    /**
     * Format version 3's comments: read, written, read again and written again, nothing changes; and what is written
     * is what another XML parser (the JDK's DOM) reads as the same position and text, awkward characters included.
     */
    @Test
    void commentsOnTheCanvasRoundTripLosslessly() throws Exception {
        String awkward = "Feedback  \"loop\" ahead:\n\tkeep the delay ≥ 1 block & the gain < 0 dB ]]>\r\n  end";
        NetworkSpec spec = completeByHand().withComments(List.of(new Comment(12.5, -3, awkward), new Comment(0, 0, "")));
        String text = NetworkXml.write(spec);
        NetworkSpec back = NetworkXml.read(text, "comments.xml");
        assertEquals(spec.comments(), back.comments());
        assertEquals(spec, back);
        assertEquals(text, NetworkXml.write(back), "written again, the same text");

        Document dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        NodeList comments = dom.getElementsByTagName("comment");
        assertEquals(2, comments.getLength(), text);
        Element first = (Element) comments.item(0);
        assertEquals(List.of("12.5", "-3", awkward), List.of(first.getAttribute("x"), first.getAttribute("y"), first.getTextContent()));
        assertEquals(Integer.toString(NetworkSpec.FORMAT_VERSION), dom.getDocumentElement().getAttribute("version"));
    }

    /** The version is where a spec came from, as its origin is: a version-2 network saved (as 4) is still equal. */
    @Test
    void aNetworkReadFromAnOlderVersionEqualsItSavedInTheCurrentOne() throws Exception {
        NetworkSpec v2 = NetworkXml.read(Files.readString(resource("complete.xml"))
                .replace("version=\"4\" sampleRate", "version=\"2\" sampleRate").replaceAll("(?s)  <comment x=.*?</comment>\\n", ""), "v2.xml");
        NetworkSpec saved = NetworkXml.read(NetworkXml.write(v2), "saved.xml");
        assertEquals(List.of(2, 4), List.of(v2.version(), saved.version()));
        assertEquals(v2, saved);
        assertEquals(v2.hashCode(), saved.hashCode());
        assertTrue(!v2.equals(saved.withComments(List.of(new Comment(0, 0, "a note")))), "comments do count");
    }

    @Test
    void roundTripOfTheCompleteExample() throws Exception {
        NetworkSpec spec = NetworkXml.read(resource("complete.xml"));
        String text = NetworkXml.write(spec);
        NetworkSpec again = NetworkXml.read(text, "again.xml");
        assertEquals(spec, again);
        assertEquals(text, NetworkXml.write(again));
    }

    @Test
    void defaultsForOptionalAttributes() throws Exception {
        NetworkSpec spec = NetworkXml.read("""
                <network version="4">
                  <node id="a" type="T"/>
                </network>
                """, "defaults.xml");
        assertEquals("", spec.name());
        assertEquals(48000.0, spec.sampleRate());
        assertEquals(0.0, spec.duration());
        assertEquals("", spec.description());
        assertEquals(0.0, spec.nodes().get(0).x());
        assertEquals(0.0, spec.nodes().get(0).y());
        assertEquals(NetworkSpec.FORMAT_VERSION, spec.version());
    }

    @Test
    void numbersAreWrittenWithoutNeedlessDecimals() {
        NetworkSpec spec = new NetworkSpec("n", NetworkSpec.FORMAT_VERSION, 96000, 2, "",
                List.of(new NodeSpec("a", "T", Map.of(), 40, -3, Location.UNKNOWN),
                        new NodeSpec("b", "T", Map.of(), 0.1, 1e20, Location.UNKNOWN),
                        new NodeSpec("c", "T", Map.of(), -0.0, 1.0 / 3, Location.UNKNOWN)),
                List.of(), List.of());
        String text = NetworkXml.write(spec);
        assertTrue(text.contains("sampleRate=\"96000\" duration=\"2\">"), text);
        assertTrue(text.contains("<node id=\"a\" type=\"T\" x=\"40\" y=\"-3\"/>"), text);
        assertTrue(text.contains("<node id=\"b\" type=\"T\" x=\"0.1\" y=\"1E20\"/>"), text);
        assertTrue(text.contains("<node id=\"c\" type=\"T\" x=\"-0\" y=\"0.3333333333333333\"/>"), text);
        String body = text.substring(text.indexOf('\n')); // the declaration's version="1.0" is not a number
        assertTrue(!body.contains(".0\"") && !body.contains(".0E"), text);
    }

    /** Java's built-in DOM parser (not the Woodstox parser we read with) must see exactly the original texts. */
    @Test
    void escapingIsUnderstoodByAnIndependentParser() throws Exception {
        String nasty = "a \"quoted\" <tag> & 'apostrophe'\ttab\nnewline\r\nCRLF ]]> é 𝄞";
        NetworkSpec spec = new NetworkSpec(nasty, NetworkSpec.FORMAT_VERSION, 48000, 0, nasty,
                List.of(new NodeSpec(nasty, nasty, params(nasty, nasty), 1.5, 2, Location.UNKNOWN)),
                List.of(), List.of());
        String text = NetworkXml.write(spec);
        var factory = DocumentBuilderFactory.newInstance();
        Document dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        Element root = dom.getDocumentElement();
        assertEquals(nasty, root.getAttribute("name"));
        assertEquals(nasty, root.getElementsByTagName("description").item(0).getTextContent());
        Element node = (Element) root.getElementsByTagName("node").item(0);
        assertEquals(nasty, node.getAttribute("id"));
        assertEquals(nasty, node.getAttribute("type"));
        Element param = (Element) node.getElementsByTagName("param").item(0);
        assertEquals(nasty, param.getAttribute("name"));
        assertEquals(nasty, param.getTextContent());
        // and our own reader agrees
        assertEquals(spec, NetworkXml.read(text, "nasty.xml"));
    }

    @Test
    void oneElementPerLineWithTwoSpaceIndent() throws Exception {
        String text = NetworkXml.write(NetworkXml.read(resource("complete.xml")));
        var dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        NodeList all = dom.getElementsByTagName("*");
        // 1 network + 1 description + 5 nodes + 6 params + 3 connects + 1 control + 1 comment; the description and
        // the comment span 2 lines each
        assertEquals(18, all.getLength());
        String[] lines = text.split("\n");
        assertEquals(1 + 1 + 1 + 18 + 1 + 4, lines.length, text); // declaration, 2nd lines, 4 closing </node>
        for (String line : lines) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') indent++;
            assertEquals(0, indent % 2, line);
        }
    }

    @Test
    void surroundingWhitespaceOfValuesIsIgnored() throws Exception {
        NetworkSpec spec = new NetworkSpec("n", NetworkSpec.FORMAT_VERSION, 48000, 0, "\n  text  \n",
                List.of(new NodeSpec("a", "T", params("p", "  5 ", "q", ""))), List.of(), List.of());
        String text = NetworkXml.write(spec);
        NetworkSpec back = NetworkXml.read(text, "ws.xml");
        assertEquals("text", back.description());
        assertEquals("5", back.nodes().get(0).params().get("p").text());
        assertEquals("", back.nodes().get(0).params().get("q").text());
        assertEquals(text, NetworkXml.write(back));
    }

    /** Many random networks with awkward texts and numbers: read(write(s)) == s and write is a fixed point. */
    @Test
    void aSubNetworksCountIsReadWrittenAndRefusedOnAProcessor() throws Exception {
        String text = """
                <network version="3">
                  <node id="bells" type="net:library/bell-voice.xml" count="8"/>
                  <node id="osc" type="Oscillator"/>
                </network>
                """;
        NetworkSpec spec = NetworkXml.read(text, "n.xml");
        assertEquals(8, spec.nodes().get(0).count());
        assertEquals(1, spec.nodes().get(1).count());
        String written = NetworkXml.write(spec);
        assertTrue(written.contains("<node id=\"bells\" type=\"net:library/bell-voice.xml\" x=\"0\" y=\"0\" count=\"8\"/>"),
                written);
        assertEquals(spec, NetworkXml.read(written, "again.xml"));

        NetworkException e = assertThrows(NetworkException.class, () -> NetworkXml.read(text.replace("<node id=\"osc\" "
                + "type=\"Oscillator\"/>", "<node id=\"osc\" type=\"Oscillator\" count=\"2\"/>")
                .replace("count=\"8\"", "count=\"0\""), "n.xml"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("must be a whole number of copies from 1 to 128"), e.getMessage());
        assertTrue(e.problems().get(1).message().contains("makes copies of a sub-network"), e.getMessage());
    }

    @Test
    void randomNetworksRoundTrip() throws NetworkException {
        Random rnd = new Random(20240601);
        for (int round = 0; round < 300; round++) {
            NetworkSpec spec = randomSpec(rnd);
            String text = NetworkXml.write(spec);
            NetworkSpec back = NetworkXml.read(text, "random-" + round + ".xml");
            assertEquals(spec, back, text);
            assertEquals(text, NetworkXml.write(back));
        }
    }

    private static NetworkSpec randomSpec(Random rnd) {
        List<NodeSpec> nodes = new ArrayList<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            Map<String, ParamValue> ps = new LinkedHashMap<>();
            int p = rnd.nextInt(5);
            for (int j = 0; j < p; j++) ps.put("p" + j + randomText(rnd), new ParamValue(randomText(rnd)));
            nodes.add(new NodeSpec("n" + i + randomText(rnd), "T" + randomText(rnd), ps, randomNumber(rnd),
                    randomNumber(rnd), Location.UNKNOWN));
        }
        List<Connection> cs = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) cs.add(new Connection("a" + randomText(rnd) + ".o", "b.i" + i));
        List<ControlConnection> ctl = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) ctl.add(new ControlConnection("l.out", "f.p" + randomText(rnd)));
        double duration = rnd.nextBoolean() ? 0 : Math.min(Math.abs(randomNumber(rnd)), NetworkSpec.MAX_DURATION);
        return new NetworkSpec(randomText(rnd), NetworkSpec.FORMAT_VERSION, 1 + rnd.nextInt(192000) + (rnd.nextBoolean() ? 0.5 : 0),
                duration, randomText(rnd), nodes, cs, ctl);
    }

    private static final String ALPHABET = "abcXYZ019 .-_&<>\"'\t\n\r;=/!?é€𝄞]]";

    /** Text without surrounding whitespace (the format trims it) and without a dot in endpoint parts. */
    private static String randomText(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(12);
        for (int i = 0; i < len; i++) {
            int k = rnd.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(k);
            if (Character.isSurrogate(c)) {
                sb.append("𝄞");
            } else if (c != '.') {
                sb.append(c);
            }
        }
        return XmlText.trim(sb.toString());
    }

    private static double randomNumber(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(2000) - 1000;
            case 1 -> (rnd.nextDouble() - 0.5) * 2000;
            case 2 -> rnd.nextGaussian() * 1e-7;
            default -> Math.scalb(rnd.nextDouble(), rnd.nextInt(120) - 60);
        };
    }

    @Test
    void writingRefusesWhatXmlCannotHold() {
        NetworkSpec control = new NetworkSpec("n", NetworkSpec.FORMAT_VERSION, 48000, 0, "",
                List.of(new NodeSpec("a", "T", params("p", "bell\u0007"))), List.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkXml.write(control));
        assertTrue(e.getMessage().contains("node 'a', param 'p'"), e.getMessage());
        NetworkSpec nan = new NetworkSpec("n", NetworkSpec.FORMAT_VERSION, 48000, 0, "",
                List.of(new NodeSpec("a", "T", Map.of(), Double.NaN, 0, Location.UNKNOWN)), List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> NetworkXml.write(nan));
    }

    @Test
    void savingReplacesTheFileWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("drone.xml");
        Files.writeString(file, "old contents");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        NetworkSpec spec = completeByHand();
        NetworkXml.write(spec, file);
        assertEquals(COMPLETE_CANONICAL, Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(spec, NetworkXml.read(file));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        // a new file is readable by others, like any file the user saves
        Path fresh = dir.resolve("fresh.xml");
        NetworkXml.write(spec, fresh);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void problemsNameTheFileByItsFileName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.xml");
        Files.writeString(file, "<network version=\"2\"><bogus/></network>");
        NetworkException e = assertThrows(NetworkException.class, () -> NetworkXml.read(file));
        assertEquals("broken.xml", e.source());
        assertTrue(e.getMessage().contains("broken.xml:1:22:"), e.getMessage());
    }
}
