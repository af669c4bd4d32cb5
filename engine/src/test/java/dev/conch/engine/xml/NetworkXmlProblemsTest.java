package dev.conch.engine.xml;

import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every class of mistake a network file can hold, each reported at its line:column with a readable sentence. */
class NetworkXmlProblemsTest {

    private static List<Problem> problems(String xml) {
        NetworkException e = assertThrows(NetworkException.class, () -> NetworkXml.read(xml, "test.xml"));
        assertEquals("test.xml", e.source());
        assertFalse(e.problems().isEmpty());
        return e.problems();
    }

    private static Problem onlyProblem(String xml) {
        List<Problem> ps = problems(xml);
        assertEquals(1, ps.size(), ps.toString());
        return ps.get(0);
    }

    /** The problem is at line:column and its message holds every key word (case-insensitive). */
    private static void assertAt(Problem p, int line, int column, String... words) {
        assertEquals(line + ":" + column, p.location().line() + ":" + p.location().column(), p.toString());
        String m = p.message().toLowerCase(Locale.ROOT);
        for (String w : words) assertTrue(m.contains(w.toLowerCase(Locale.ROOT)), "'" + w + "' missing in: " + p);
    }

    // ---- malformed XML ---------------------------------------------------------------------------------------

    @Test
    void unclosedTag() {
        Problem p = onlyProblem("""
                <network version="2">
                  <node id="osc" type="Oscillator">
                    <param name="frequency">55</param>
                </network>
                """);
        // the parser's own position: just inside the close tag it did not expect
        assertAt(p, 4, 9, "not well-formed", "</network>", "</node>");
    }

    @Test
    void attributeWithoutQuotes() {
        Problem p = onlyProblem("""
                <network version="2">
                  <node id=osc type="Oscillator"/>
                </network>
                """);
        assertAt(p, 2, 12, "not well-formed", "quote");
    }

    @Test
    void fileEndsInsideAnElement() {
        Problem p = onlyProblem("<network version=\"2\">\n  <node id=\"osc\" type=\"Oscillator\">\n");
        assertTrue(p.location().known(), p.toString());
        assertTrue(p.message().contains("not well-formed"), p.toString());
    }

    @Test
    void emptyFile() {
        assertTrue(onlyProblem("").message().contains("empty"));
        assertTrue(onlyProblem("  \n ").message().contains("empty"));
    }

    // ---- DOCTYPE and entities ----------------------------------------------------------------------------------

    @Test
    void doctypeIsRefused() {
        Problem p = onlyProblem("""
                <?xml version="1.0"?>
                <!DOCTYPE network>
                <network version="2"/>
                """);
        assertAt(p, 2, 1, "may not contain a doctype or entities");
    }

    /** The classic XXE: the secret file must not be read into the network (or into the error message). */
    @Test
    void externalFileEntityIsNotRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-4711");
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE network [ <!ENTITY xxe SYSTEM "%s"> ]>
                <network version="2" name="&xxe;"><description>&xxe;</description></network>
                """.formatted(secret.toUri());
        NetworkException e = assertThrows(NetworkException.class, () -> NetworkXml.read(xml, "xxe.xml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertAt(e.problems().get(0), 2, 1, "doctype or entities");
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        // the same through the file-reading path
        Path file = dir.resolve("xxe.xml");
        Files.writeString(file, xml);
        NetworkException fromFile = assertThrows(NetworkException.class, () -> NetworkXml.read(file));
        assertFalse(fromFile.getMessage().contains("TOP-SECRET"), fromFile.getMessage());
    }

    /** An external DTD or entity over the network must not even be fetched: a local server sees no connection. */
    @Test
    void externalDtdAndEntitiesAreNotFetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil";
            String xml = """
                    <?xml version="1.0"?>
                    <!DOCTYPE network SYSTEM "%s.dtd" [ <!ENTITY e SYSTEM "%s.txt"> <!ENTITY %% p SYSTEM "%s.ent"> %%p; ]>
                    <network version="2"><description>&e;</description></network>
                    """.formatted(url, url, url);
            assertAt(onlyProblem(xml), 2, 1, "doctype");
            server.setSoTimeout(300);
            try (Socket s = server.accept()) {
                fail("the reader connected to " + url + " from " + s.getRemoteSocketAddress());
            } catch (SocketTimeoutException expected) {
                // nobody came: nothing was fetched
            }
        }
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE network [ <!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>\n");
        Problem p = onlyProblem(dtd + "<network version=\"2\"><description>&l9;</description></network>");
        assertAt(p, 1, 1, "doctype");
    }

    @Test
    void entityWithoutDoctypeIsRefused() {
        Problem p = onlyProblem("""
                <network version="2">
                  <description>a &bogus; b</description>
                </network>
                """);
        assertAt(p, 2, 18, "entities", "&bogus;");
    }

    // ---- root and version --------------------------------------------------------------------------------------

    @Test
    void rootIsNotNetwork() {
        Problem p = onlyProblem("""
                <?xml version="1.0"?>
                  <patch version="2"><node id="a" type="T"/></patch>
                """);
        assertAt(p, 2, 3, "<patch>", "<network>");
    }

    @Test
    void newerVersion() {
        Problem p = onlyProblem("""
                <network name="future" version="7" tempo="120">
                  <hologram/>
                </network>
                """);
        // only this problem: a newer format's other differences would be noise
        assertAt(p, 1, 1, "newer conch", "version 7", "update");
    }

    @Test
    void missingVersion() {
        Problem p = onlyProblem("""

                <network name="n">
                  <node id="a" type="T"/>
                </network>
                """);
        assertAt(p, 2, 1, "no version", "version=\"" + NetworkSpec.FORMAT_VERSION + "\"");
    }

    @Test
    void versionThatIsNotAWholeNumber() {
        assertAt(onlyProblem("<network version=\"1.5\"/>"), 1, 1, "version=\"1.5\"", "whole number");
        assertAt(onlyProblem("<network version=\"one\"/>"), 1, 1, "version=\"one\"", "whole number");
        assertAt(onlyProblem("<network version=\"0\"/>"), 1, 1, "version=\"0\"", "start at 1");
    }

    // ---- unknown elements and attributes -----------------------------------------------------------------------

    @Test
    void unknownElementInNetwork() {
        Problem p = onlyProblem("""
                <network version="2">
                  <nod id="a" type="T"/>
                </network>
                """);
        assertAt(p, 2, 3, "unknown element <nod>", "inside <network>", "did you mean <node>",
                "<description>, <node>, <connect>, <control>");
    }

    @Test
    void unknownElementInNode() {
        Problem p = onlyProblem("""
                <network version="2">
                  <node id="osc" type="Oscillator">
                    <parameter name="frequency">55</parameter>
                  </node>
                </network>
                """);
        assertAt(p, 3, 5, "unknown element <parameter>", "inside <node>", "<param>");
        assertEquals("osc", p.node());
    }

    @Test
    void elementInsideTextOnlyElements() {
        List<Problem> ps = problems("""
                <network version="2">
                  <description>hi <b>there</b></description>
                  <node id="osc" type="Oscillator">
                    <param name="frequency"><value>55</value></param>
                  </node>
                  <connect from="a.out" to="b.in"><via/></connect>
                </network>
                """);
        assertEquals(3, ps.size(), ps.toString());
        assertAt(ps.get(0), 2, 19, "<description> holds only text", "<b>");
        assertAt(ps.get(1), 4, 29, "<param> holds only text", "<value>");
        assertEquals("osc", ps.get(1).node());
        assertEquals("frequency", ps.get(1).port());
        assertAt(ps.get(2), 6, 35, "<connect>", "<via>");
    }

    @Test
    void unknownAttribute() {
        Problem p = onlyProblem("""
                <network version="2">
                  <node id="osc" type="Oscillator" colour="red"/>
                </network>
                """);
        assertAt(p, 2, 3, "unknown attribute 'colour'", "<node>", "id, type, x, y");
        assertEquals("osc", p.node());
        assertAt(onlyProblem("<network version=\"2\" samplerate=\"44100\"/>"), 1, 1,
                "'samplerate'", "did you mean 'sampleRate'", "name, version, sampleRate, duration");
        assertAt(onlyProblem("<network version=\"2\"><description lang=\"en\">x</description></network>"), 1, 22,
                "'lang'", "takes no attributes");
    }

    @Test
    void namespacesAreNotPartOfTheFormat() {
        List<Problem> ps = problems("<network xmlns=\"urn:x\" version=\"2\"><x:node xmlns:x=\"urn:y\"/></network>");
        assertTrue(ps.get(0).message().contains("namespace"), ps.toString());
        assertTrue(ps.stream().anyMatch(p -> p.message().contains("unknown element <x:node>")), ps.toString());
    }

    @Test
    void textOutsideParams() {
        Problem p = onlyProblem("""
                <network version="2">
                  <node id="osc" type="Oscillator">
                    frequency 55
                  </node>
                </network>
                """);
        assertAt(p, 3, 5, "text \"frequency 55\"", "not allowed", "<param name=");
        assertEquals("osc", p.node());
    }

    // ---- missing required attributes ---------------------------------------------------------------------------

    @Test
    void nodeWithoutIdOrType() {
        List<Problem> ps = problems("""
                <network version="2">
                  <node type="Oscillator"/>
                  <node id="out"/>
                  <node id="" type=""/>
                </network>
                """);
        assertEquals(4, ps.size(), ps.toString());
        assertAt(ps.get(0), 2, 3, "no id attribute", "type=\"Oscillator\"");
        assertNull(ps.get(0).node());
        assertAt(ps.get(1), 3, 3, "no type attribute", "processor");
        assertEquals("out", ps.get(1).node());
        assertAt(ps.get(2), 4, 3, "empty id");
        assertAt(ps.get(3), 4, 3, "empty type");
    }

    @Test
    void paramWithoutName() {
        Problem p = onlyProblem("""
                <network version="2">
                  <node id="osc" type="Oscillator">
                    <param>55</param>
                  </node>
                </network>
                """);
        assertAt(p, 3, 5, "<param> has no name", "<param name=\"frequency\">55</param>");
        assertEquals("osc", p.node());
    }

    @Test
    void paramSetTwice() {
        Problem p = onlyProblem("""
                <network version="2">
                  <node id="osc" type="Oscillator">
                    <param name="frequency">55</param>
                    <param name="frequency">110</param>
                  </node>
                </network>
                """);
        assertAt(p, 4, 5, "set twice");
        assertEquals("osc", p.node());
        assertEquals("frequency", p.port());
    }

    @Test
    void twoDescriptions() {
        assertAt(onlyProblem("<network version=\"2\">\n<description>a</description>\n<description>b</description>\n</network>"),
                3, 1, "more than one <description>");
    }

    @Test
    void connectionsWithoutEnds() {
        List<Problem> ps = problems("""
                <network version="2">
                  <connect to="out.in1"/>
                  <connect from="osc.out"/>
                  <control from="lfo.out"/>
                </network>
                """);
        assertEquals(3, ps.size(), ps.toString());
        assertAt(ps.get(0), 2, 3, "<connect> has no from", "node.port");
        assertAt(ps.get(1), 3, 3, "<connect> has no to", "node.port");
        assertAt(ps.get(2), 4, 3, "<control> has no to", "node.param", "filter.frequency");
    }

    // ---- endpoints and numbers ---------------------------------------------------------------------------------

    @Test
    void endpointThatIsNotNodeDotPort() {
        List<Problem> ps = problems("""
                <network version="2">
                  <connect from="osc" to="out.in1"/>
                  <connect from="osc." to=".in1"/>
                  <control from="lfo.out" to="cutoff"/>
                </network>
                """);
        assertEquals(4, ps.size(), ps.toString());
        assertAt(ps.get(0), 2, 3, "from=\"osc\"", "not of the form node.port");
        assertAt(ps.get(1), 3, 3, "from=\"osc.\"", "node.port");
        assertAt(ps.get(2), 3, 3, "to=\".in1\"", "node.port");
        assertAt(ps.get(3), 4, 3, "to=\"cutoff\"", "<control>", "node.param");
    }

    @Test
    void nonNumericNumbers() {
        List<Problem> ps = problems("""
                <network version="2" sampleRate="48k" duration="long">
                  <node id="osc" type="Oscillator" x="forty" y="0x50"/>
                  <node id="b" type="T" x="NaN" y="1e999"/>
                </network>
                """);
        assertEquals(6, ps.size(), ps.toString());
        assertAt(ps.get(0), 1, 1, "sampleRate=\"48k\"", "not a number");
        assertAt(ps.get(1), 1, 1, "duration=\"long\"", "not a number");
        assertAt(ps.get(2), 2, 3, "x=\"forty\"", "<node>", "not a number");
        assertEquals("osc", ps.get(2).node());
        assertAt(ps.get(3), 2, 3, "y=\"0x50\"", "not a number");
        assertAt(ps.get(4), 3, 3, "x=\"NaN\"", "not a number");
        assertAt(ps.get(5), 3, 3, "y=\"1e999\"", "not a number");
    }

    @Test
    void sampleRateAndDurationRanges() {
        List<Problem> ps = problems("<network version=\"2\" sampleRate=\"0\" duration=\"-1\"/>");
        assertEquals(2, ps.size(), ps.toString());
        assertAt(ps.get(0), 1, 1, "sampleRate=\"0\"", "positive");
        assertAt(ps.get(1), 1, 1, "duration=\"-1\"", "is negative", "above 0");
    }

    @Test
    void aDurationBeyondTheLongestRenderOrOfZeroIsRefusedSayingWhy() {
        List<Problem> ps = problems("<network version=\"1\"\n duration=\"1e12\"/>");
        assertEquals(1, ps.size(), ps.toString());
        assertAt(ps.get(0), 1, 1, "duration=\"1e12\"", "longer than the longest render", "86400");
        ps = problems("<network version=\"1\" duration=\"86400.5\"/>");
        assertEquals(1, ps.size(), ps.toString());
        assertAt(ps.get(0), 1, 1, "duration=\"86400.5\"", "86400 seconds (24 hours)");
        ps = problems("<network version=\"1\" duration=\"0\"/>");
        assertEquals(1, ps.size(), ps.toString());
        assertAt(ps.get(0), 1, 1, "duration=\"0\"", "renders nothing", "above 0");
        assertFalse(ps.get(0).message().contains("missing"), ps.get(0).message());
        assertDoesNotThrow(() -> NetworkXml.read("<network version=\"1\" duration=\"86400\"/>", "test.xml"),
                "the cap itself is allowed");
    }

    // ---- several problems at once ------------------------------------------------------------------------------

    @Test
    void threeDifferentProblemsAreAllReported() throws Exception {
        NetworkException e = assertThrows(NetworkException.class,
                () -> NetworkXml.read(NetworkXmlTest.resource("three-problems.xml")));
        List<Problem> ps = e.problems();
        assertEquals(3, ps.size(), e.getMessage());
        assertAt(ps.get(0), 3, 3, "y=\"eighty\"", "not a number");
        assertEquals("osc", ps.get(0).node());
        assertAt(ps.get(1), 6, 3, "no id attribute");
        assertAt(ps.get(2), 7, 3, "from=\"osc\"", "node.port");
        assertTrue(e.getMessage().startsWith("3 problems in three-problems.xml"), e.getMessage());
        assertTrue(e.getMessage().contains("three-problems.xml:3:3: node 'osc': y=\"eighty\""), e.getMessage());
    }

    // ---- garbage ---------------------------------------------------------------------------------------------

    @Test
    void oneMegabyteOfRandomBytesIsAProblemNotACrash(@TempDir Path dir) throws IOException {
        Random rnd = new Random(1);
        for (int round = 0; round < 4; round++) {
            byte[] garbage = new byte[1 << 20];
            rnd.nextBytes(garbage);
            if (round == 1) garbage[0] = '<'; // looks like a tag at first
            if (round == 2) start(garbage, "<network version=\"2\">");
            if (round == 3) start(garbage, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>");
            Path file = dir.resolve("garbage" + round + ".xml");
            Files.write(file, garbage);
            NetworkException e = assertThrows(NetworkException.class, () -> NetworkXml.read(file));
            assertFalse(e.problems().isEmpty());
        }
    }

    private static void start(byte[] garbage, String head) {
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, garbage, 0, h.length);
    }

    @Test
    void oneMegabyteOfRandomTextIsAProblemNotACrash() {
        Random rnd = new Random(2);
        String pieces = "<>/=\"'&;!?[]-network node param version=\"2\" \n\t abc é";
        StringBuilder sb = new StringBuilder(1 << 20);
        while (sb.length() < (1 << 20)) sb.append(pieces.charAt(rnd.nextInt(pieces.length())));
        assertFalse(problems(sb.toString()).isEmpty());
        assertFalse(problems("<network version=\"2\">" + sb).isEmpty());
    }

    /** Small random edits of a valid file: each either reads or gives problems, never another exception. */
    @Test
    void mutatedFilesNeverCrash() throws Exception {
        String valid = Files.readString(NetworkXmlTest.resource("complete.xml"));
        Random rnd = new Random(3);
        String inserts = "<>/=\"'&;!? .\n-xyz0";
        int read = 0;
        int refused = 0;
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(valid);
            for (int edits = 1 + rnd.nextInt(3); edits > 0; edits--) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, inserts.charAt(rnd.nextInt(inserts.length())));
                    default -> sb.setCharAt(at, inserts.charAt(rnd.nextInt(inserts.length())));
                }
            }
            try {
                NetworkSpec spec = NetworkXml.read(sb.toString(), "mutant.xml");
                // whatever was read must also write and read back the same
                assertEquals(spec, NetworkXml.read(NetworkXml.write(spec), "again.xml"));
                read++;
            } catch (NetworkException e) {
                assertFalse(e.problems().isEmpty());
                for (Problem p : e.problems()) assertFalse(p.message().isBlank(), e.getMessage());
                refused++;
            }
        }
        assertTrue(read > 0 && refused > 0, read + " read, " + refused + " refused");
    }

    /**
     * An event written at the end of a value curve is in time order, although startTime + duration in doubles
     * (0.0079 + 0.001 = 0.008900000000000002) lies one ulp past the written 0.0089. Found by the property tests
     * (cli/.../properties): the generated timeline was refused when read back.
     */
    @Test
    void anEventAtTheEndOfACurveIsInTimeOrder() throws NetworkException {
        NetworkSpec spec = NetworkXml.read(curveThen("0.0089"), "curve.xml");
        assertEquals(2, spec.node("lfo").orElseThrow().automations().get(0).events().size());
    }

    /** The tolerance is for rounding only: an event really before the curve's end is still refused. */
    @Test
    void anEventInsideACurveIsStillRefused() {
        NetworkException e = assertThrows(NetworkException.class, () -> NetworkXml.read(curveThen("0.0088"), "curve.xml"));
        assertTrue(e.getMessage().contains("comes before the previous event"), e.getMessage());
    }

    private static String curveThen(String time) {
        return "<network name=\"n\" version=\"1\" sampleRate=\"48000\"><node id=\"lfo\" type=\"LFO\">"
                + "<automate param=\"depth\"><setValueCurveAtTime values=\"1 2\" startTime=\"0.0079\" duration=\"0.001\"/>"
                + "<setValueAtTime value=\"1\" startTime=\"" + time + "\"/></automate></node></network>";
    }
}
