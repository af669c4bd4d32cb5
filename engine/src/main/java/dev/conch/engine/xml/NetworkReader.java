package dev.conch.engine.xml;

import dev.conch.engine.model.Connection;
import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.Comment;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Diagnostics;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.Location;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkException;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;
import dev.conch.engine.model.Problem;
import dev.conch.engine.runtime.Text;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one network file by walking the parser's events. Jackson's data binding would lose where each element
 * was written, and the compiler needs that to point at the line with the mistake; the event walk keeps the
 * start-tag location of every node, param and connection. Problems are collected, not thrown one at a time:
 * only broken XML (or a DOCTYPE, or a newer format) stops the walk early.
 */
final class NetworkReader {
    private static final double DEFAULT_SAMPLE_RATE = 48000;

    /** Ends the walk when the file cannot be read further; the reason is already among the problems. */
    private static final class Stop extends Exception {
        Stop() {
            super(null, null, false, false);
        }
    }

    private final XMLStreamReader xml;
    private final List<Problem> problems = new ArrayList<>();

    private NetworkReader(XMLStreamReader xml) {
        this.xml = xml;
    }

    static NetworkSpec read(byte[] bytes, String source) throws NetworkException {
        boolean blank = true;
        for (byte b : bytes) blank &= XmlText.isXmlSpace((char) b);
        if (blank) throw empty(source);
        XMLStreamReader xml;
        try {
            xml = SafeXmlInput.open(new ByteArrayInputStream(bytes));
        } catch (XMLStreamException | RuntimeException e) {
            throw unreadable(source, e);
        }
        return read(xml, source);
    }

    static NetworkSpec read(String text, String source) throws NetworkException {
        if (XmlText.isBlank(text)) throw empty(source);
        XMLStreamReader xml;
        try {
            xml = SafeXmlInput.open(new StringReader(text));
        } catch (XMLStreamException | RuntimeException e) {
            throw unreadable(source, e);
        }
        return read(xml, source);
    }

    /** The parser would say "unexpected EOF in prolog"; a person understands this better. */
    private static NetworkException empty(String source) {
        return new NetworkException(source, List.of(new Problem(Location.UNKNOWN, null, null,
                "the file is empty; a network file starts with <network name=\"...\" version=\""
                        + NetworkSpec.FORMAT_VERSION + "\">")));
    }

    private static NetworkException unreadable(String source, Exception e) {
        String why = e instanceof XMLStreamException x ? SafeXmlInput.plainMessage(x) : String.valueOf(e.getMessage());
        return new NetworkException(source, List.of(new Problem(Location.UNKNOWN, null, null,
                "the file cannot be read as XML: " + why)));
    }

    private static NetworkSpec read(XMLStreamReader xml, String source) throws NetworkException {
        NetworkReader r = new NetworkReader(xml);
        NetworkSpec spec = null;
        try {
            spec = r.document();
        } catch (Stop stop) {
            // the reason is in r.problems
        } finally {
            try {
                xml.close();
            } catch (XMLStreamException | RuntimeException ignored) {
                // nothing is held open: the input is in memory
            }
        }
        if (spec == null || !r.problems.isEmpty()) throw new NetworkException(source, r.problems);
        return spec;
    }

    // ---- the document ---------------------------------------------------------------------------------------

    private NetworkSpec document() throws Stop {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) break;
            if (event == XMLStreamConstants.DTD) {
                problem(here(), null, null, "network files may not contain a DOCTYPE or entities; "
                        + "remove the <!DOCTYPE ...> declaration");
                throw new Stop();
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                problem(here(), null, null, "the file has no elements; a network file starts with "
                        + "<network name=\"...\" version=\"" + NetworkSpec.FORMAT_VERSION + "\">");
                throw new Stop();
            }
            if (event == XMLStreamConstants.CHARACTERS && !XmlText.isBlank(text())) {
                problem(here(), null, null, "there is text before the <network> element");
                throw new Stop();
            }
        }
        if (!isElement(Vocabulary.NETWORK)) {
            problem(here(), null, null, "the top element is <" + elementName() + ">, but a Conch network file "
                    + "starts with <" + Vocabulary.NETWORK + ">");
            throw new Stop();
        }
        NetworkSpec spec = network();
        while (next() != XMLStreamConstants.END_DOCUMENT) {
            // only comments and whitespace may follow; the parser itself refuses a second root element
        }
        return spec;
    }

    private NetworkSpec network() throws Stop {
        Location at = here();
        int version = version(at); // first: a newer format stops here, before its new attributes add noise
        checkAttributes(Vocabulary.NETWORK, at, null);
        String name = attribute("name");
        double sampleRate = decimal("sampleRate", DEFAULT_SAMPLE_RATE, at, null);
        if (!(sampleRate > 0)) {
            problem(at, null, null, "sampleRate=\"" + Text.clip(attribute("sampleRate")) + "\" on <network> must be a "
                    + "positive number of samples per second, such as 48000");
        }
        double duration = decimal("duration", 0, at, null);
        String durationText = attribute("duration");
        if (durationText != null && !Double.isNaN(XmlNumbers.parseDecimal(durationText))
                && !(duration > 0 && duration <= NetworkSpec.MAX_DURATION)) {
            // 0 stands for "not given" inside a spec, so a written 0 would silently become "give --seconds"
            String max = XmlNumbers.format(NetworkSpec.MAX_DURATION);
            problem(at, null, null, "duration=\"" + Text.clip(durationText) + "\" on <network> " + (duration > 0
                    ? "is longer than the longest render, " + max + " seconds (24 hours); give at most " + max
                    : (duration == 0 ? "renders nothing" : "is negative") + "; give a number of seconds above 0 "
                    + "(at most " + max + ")") + ", or leave it out and give --seconds");
            duration = 0;
        }

        String description = null;
        List<NodeSpec> nodes = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        List<ControlConnection> controls = new ArrayList<>();
        List<MidiBinding> midi = new ArrayList<>();
        List<Comment> comments = new ArrayList<>();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) break;
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (isElement(Vocabulary.DESCRIPTION)) {
                    Location d = here();
                    checkAttributes(Vocabulary.DESCRIPTION, d, null);
                    String text = textOnly(Vocabulary.DESCRIPTION, null, null);
                    if (description != null) {
                        problem(d, null, null, "<network> has more than one <description>; keep one");
                    } else {
                        description = XmlText.trim(text);
                    }
                } else if (isElement(Vocabulary.NODE)) {
                    nodes.add(node());
                } else if (isElement(Vocabulary.CONNECT)) {
                    Ends ends = connection(Vocabulary.CONNECT, "node.port", "out.in1");
                    if (ends != null) connections.add(new Connection(ends.from(), ends.to(), ends.at()));
                } else if (isElement(Vocabulary.MIDI)) {
                    MidiBinding b = midi();
                    if (b != null) midi.add(b);
                } else if (isElement(Vocabulary.COMMENT)) {
                    Location c = here();
                    checkAttributes(Vocabulary.COMMENT, c, null);
                    double x = decimal("x", 0, c, null), y = decimal("y", 0, c, null);
                    comments.add(new Comment(x, y, XmlText.trim(textOnly(Vocabulary.COMMENT, null, null))));
                } else if (isElement(Vocabulary.CONTROL)) {
                    String modeText = attribute("mode");
                    Location controlAt = here();
                    Ends ends = connection(Vocabulary.CONTROL, "node.param", "filter.frequency");
                    ControlMode mode = modeText == null ? ControlMode.REPLACE : ControlMode.of(modeText.trim());
                    if (mode == null) {
                        problem(controlAt, null, null, "mode=\"" + Text.clip(modeText) + "\" on <control> is not replace, add or "
                                + "multiply");
                    } else if (ends != null) {
                        controls.add(new ControlConnection(ends.from(), ends.to(), mode, ends.at()));
                    }
                } else {
                    unknownElement(Vocabulary.NETWORK, null);
                }
            } else {
                strayText(Vocabulary.NETWORK, null);
            }
        }
        return new NetworkSpec(name == null ? "" : name, version, sampleRate, duration, description, nodes,
                connections, controls, midi, null, comments);
    }

    /** A {@code <midi cc="74" to="filter.frequency"/>} or {@code <midi note="pitch" to="osc.frequency"/>}. */
    private MidiBinding midi() throws Stop {
        Location at = here();
        checkAttributes(Vocabulary.MIDI, at, null);
        String cc = attribute("cc");
        String note = attribute("note");
        String channel = attribute("channel");
        String to = attribute("to");
        textOnlyEmpty(Vocabulary.MIDI);
        Endpoint target = endpoint(Vocabulary.MIDI, "to", to, "the param it sets", "node.param", "filter.frequency", at);
        int ch = 0;
        if (channel != null) {
            Integer c = XmlNumbers.parseInteger(channel);
            if (c == null || c < 1 || c > 16) {
                problem(at, null, null, "channel=\"" + Text.clip(channel) + "\" on <midi> must be a MIDI channel from 1 to 16 "
                        + "(leave it out for any channel)");
                return null;
            }
            ch = c;
        }
        if ((cc == null) == (note == null)) {
            problem(at, null, null, "<midi> takes either cc=\"NUMBER\" (a controller) or note=\"pitch|gate|velocity\"");
            return null;
        }
        if (cc != null) {
            Integer n = XmlNumbers.parseInteger(cc);
            if (n == null || n < 0 || n > 127) {
                problem(at, null, null, "cc=\"" + Text.clip(cc) + "\" on <midi> must be a controller number from 0 to 127");
                return null;
            }
            return target == null ? null : new MidiBinding(MidiBinding.Kind.CC, ch, n, target, at);
        }
        MidiBinding.Kind kind = switch (note.trim()) {
            case "pitch" -> MidiBinding.Kind.PITCH;
            case "gate" -> MidiBinding.Kind.GATE;
            case "velocity" -> MidiBinding.Kind.VELOCITY;
            default -> null;
        };
        if (kind == null) {
            problem(at, null, null, "note=\"" + Text.clip(note) + "\" on <midi> is not pitch, gate or velocity");
            return null;
        }
        return target == null ? null : new MidiBinding(kind, ch, -1, target, at);
    }

    /** The format version; a newer one stops the walk, since its other differences would only add noise. */
    private int version(Location at) throws Stop {
        String text = attribute("version");
        int current = NetworkSpec.FORMAT_VERSION;
        if (text == null) {
            problem(at, null, null, "<network> has no version attribute; add version=\"" + current + "\"");
            return current;
        }
        Integer v = XmlNumbers.parseInteger(text);
        if (v == null) {
            problem(at, null, null, "version=\"" + Text.clip(text) + "\" on <network> is not a whole number; this Conch "
                    + "writes version=\"" + current + "\"");
            return current;
        }
        if (v > current) {
            problem(at, null, null, "this network was written by a newer Conch (file format version " + v
                    + "); this Conch reads format versions up to " + current + ": update Conch to open it");
            throw new Stop();
        }
        if (v < 1) {
            problem(at, null, null, "version=\"" + Text.clip(text) + "\" on <network> is not a Conch format version; "
                    + "versions start at 1");
            return current;
        }
        return v;
    }

    private NodeSpec node() throws Stop {
        Location at = here();
        String id = attribute("id");
        String type = attribute("type");
        String nodeId = XmlText.isBlank(id) ? null : id;
        checkAttributes(Vocabulary.NODE, at, nodeId);
        if (nodeId == null) {
            problem(at, null, null, "<node" + (type != null ? " type=\"" + Text.clip(type) + "\"" : "") + "> "
                    + (id == null ? "has no" : "has an empty") + " id attribute; every node needs a name "
                    + "that connections use, such as id=\"osc\"");
        }
        if (XmlText.isBlank(type)) {
            problem(at, nodeId, null, "<node> " + (type == null ? "has no" : "has an empty") + " type "
                    + "attribute; it says which processor to create, such as type=\"Oscillator\"");
        }
        double x = decimal("x", 0, at, nodeId);
        double y = decimal("y", 0, at, nodeId);
        int count = count(type, at, nodeId);

        Map<String, ParamValue> params = new LinkedHashMap<>();
        List<Automation> automations = new ArrayList<>();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) break;
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (isElement(Vocabulary.PARAM)) {
                    param(nodeId, params);
                } else if (isElement(Vocabulary.AUTOMATE)) {
                    Automation a = automate(nodeId);
                    if (a == null) continue;
                    if (automations.stream().anyMatch(other -> other.param().equals(a.param()))) {
                        problem(a.location(), nodeId, a.param(), "this param has two <automate> timelines; "
                                + "put all its events in one");
                    } else {
                        automations.add(a);
                    }
                } else {
                    unknownElement(Vocabulary.NODE, nodeId);
                }
            } else {
                strayText(Vocabulary.NODE, nodeId);
            }
        }
        return new NodeSpec(id == null ? "" : id, type == null ? "" : type, params, x, y, at, automations, count);
    }

    /** An {@code <automate param="...">} timeline; null when a problem was recorded instead. */
    private Automation automate(String nodeId) throws Stop {
        Location at = here();
        String param = attribute("param");
        checkAttributes(Vocabulary.AUTOMATE, at, nodeId);
        List<AutomationEvent> events = new ArrayList<>();
        double last = 0;
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) break;
            if (event != XMLStreamConstants.START_ELEMENT) {
                strayText(Vocabulary.AUTOMATE, nodeId);
                continue;
            }
            AutomationEvent.Kind kind = AutomationEvent.Kind.ofElement(elementName());
            if (kind == null) {
                unknownElement(Vocabulary.AUTOMATE, nodeId);
                continue;
            }
            AutomationEvent e = automationEvent(kind, nodeId, param);
            if (e == null) continue;
            // a curve's end is startTime + duration in doubles: an event written at that end may lie an ulp or two
            // before it, and is in order all the same
            if (e.time() < last - 1e-12 * Math.max(1, Math.abs(last))) {
                problem(e.location(), nodeId, param, "<" + kind.element() + "> at " + XmlNumbers.format(e.time())
                        + " s comes before the previous event (" + XmlNumbers.format(last) + " s); write the events of a "
                        + "timeline in time order");
            }
            last = Math.max(last, kind == AutomationEvent.Kind.VALUE_CURVE ? e.time() + e.duration() : e.time());
            events.add(e);
        }
        if (XmlText.isBlank(param)) {
            problem(at, nodeId, null, "<automate> has no param attribute; name the param it drives, such as "
                    + "<automate param=\"frequency\">");
            return null;
        }
        if (events.isEmpty()) {
            problem(at, nodeId, param, "<automate> has no events; add e.g. <setValueAtTime value=\"200\" startTime=\"0\"/>");
            return null;
        }
        return new Automation(param, events, at);
    }

    private AutomationEvent automationEvent(AutomationEvent.Kind kind, String nodeId, String param) throws Stop {
        Location at = here();
        String element = kind.element();
        checkAttributes(element, at, nodeId);
        List<String> names = Vocabulary.attributes(element);
        double[] v = new double[names.size()];
        List<Double> curve = List.of();
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String text = attribute(name);
            if (text == null) {
                problem(at, nodeId, param, "<" + element + "> needs a " + name + " attribute (" + Vocabulary.attributes(element)
                        .stream().map(a -> a + "=\"...\"").reduce((a, b) -> a + " " + b).orElse("") + ")");
                ok = false;
                continue;
            }
            if (name.equals("values")) {
                List<Double> list = new ArrayList<>();
                for (String word : text.trim().split("[\\s,]+")) {
                    double d = XmlNumbers.parseDecimal(word);
                    if (Double.isNaN(d)) {
                        problem(at, nodeId, param, "values=\"" + Text.clip(text) + "\" on <" + element + "> must be numbers "
                                + "separated by spaces, such as values=\"0 0.5 1\"");
                        ok = false;
                        break;
                    }
                    list.add(d);
                }
                if (ok && list.size() < 2) {
                    problem(at, nodeId, param, "<" + element + "> needs at least two values");
                    ok = false;
                }
                curve = list;
                continue;
            }
            double d = XmlNumbers.parseDecimal(text);
            if (Double.isNaN(d)) {
                problem(at, nodeId, param, name + "=\"" + Text.clip(text) + "\" on <" + element + "> is not a number");
                ok = false;
            } else if ((name.endsWith("Time") || name.equals("duration")) && d < 0
                    || (name.equals("timeConstant") || name.equals("duration")) && d <= 0) {
                problem(at, nodeId, param, name + "=\"" + Text.clip(text) + "\" on <" + element + "> must be "
                        + (name.endsWith("Time") ? "0 or more seconds" : "more than 0 seconds"));
                ok = false;
            }
            v[i] = d;
        }
        textOnlyEmpty(element);
        if (!ok) return null;
        return switch (kind) {
            case SET_VALUE, LINEAR_RAMP, EXPONENTIAL_RAMP -> new AutomationEvent(kind, v[1], v[0], 0, 0, List.of(), at);
            case SET_TARGET -> new AutomationEvent(kind, v[1], v[0], v[2], 0, List.of(), at);
            case VALUE_CURVE -> new AutomationEvent(kind, v[1], 0, 0, v[2], curve, at);
        };
    }

    /** A sub-network node's {@code count="8"}: how many copies (clones) of it to make. */
    private int count(String type, Location at, String nodeId) {
        String text = attribute("count");
        if (text == null) return 1;
        Integer n = XmlNumbers.parseInteger(text);
        if (type != null && !type.startsWith(NodeSpec.SUBNETWORK)) {
            problem(at, nodeId, null, "count=\"" + Text.clip(text) + "\" makes copies of a sub-network (type=\""
                    + NodeSpec.SUBNETWORK + "file.xml\"), not of a processor; remove it, or use a Mixer of copies");
            return 1;
        }
        if (n == null || n < 1 || n > NodeSpec.MAX_COUNT) {
            problem(at, nodeId, null, "count=\"" + Text.clip(text) + "\" on <node> must be a whole number of copies "
                    + "from 1 to " + NodeSpec.MAX_COUNT);
            return 1;
        }
        return n;
    }

    private void param(String nodeId, Map<String, ParamValue> params) throws Stop {
        Location at = here();
        String name = attribute("name");
        checkAttributes(Vocabulary.PARAM, at, nodeId);
        String value = XmlText.trim(textOnly(Vocabulary.PARAM, nodeId, name));
        if (XmlText.isBlank(name)) {
            problem(at, nodeId, null, "<param> " + (name == null ? "has no" : "has an empty") + " name "
                    + "attribute; write it as <param name=\"frequency\">" + (value.isEmpty() ? "55" : value)
                    + "</param>");
        } else if (params.containsKey(name)) {
            problem(at, nodeId, name, "this param is set twice in the same node; keep one");
        } else {
            params.put(name, new ParamValue(value, at));
        }
    }

    /** A connect or control element as read: both endpoints parsed, and where it was written. */
    private record Ends(Endpoint from, Endpoint to, Location at) {
    }

    /** A connect or control element; null when a problem was recorded instead. */
    private Ends connection(String element, String targetForm, String targetExample) throws Stop {
        Location at = here();
        checkAttributes(element, at, null);
        String from = attribute("from");
        String to = attribute("to");
        textOnlyEmpty(element);
        Endpoint f = endpoint(element, "from", from, "the output it comes from", "node.port", "osc.out", at);
        Endpoint t = endpoint(element, "to", to, "where it goes", targetForm, targetExample, at);
        return f != null && t != null ? new Ends(f, t, at) : null;
    }

    private Endpoint endpoint(String element, String attr, String text, String meaning, String form,
                              String example, Location at) {
        if (text == null) {
            problem(at, null, null, "<" + element + "> has no " + attr + " attribute; it names " + meaning
                    + " as " + form + ", such as " + attr + "=\"" + example + "\"");
            return null;
        }
        Endpoint e = Endpoint.parse(text);
        if (e == null || e.node().isEmpty() || e.port().isEmpty()) {
            problem(at, null, null, attr + "=\"" + Text.clip(text) + "\" on <" + element + "> is not of the form " + form
                    + ": write the node id, a dot and the name, such as \"" + example + "\"");
            return null;
        }
        return e;
    }

    // ---- element helpers -------------------------------------------------------------------------------------

    /** Reads to the end of a text-only element; elements inside it are reported and skipped. */
    private String textOnly(String element, String nodeId, String port) throws Stop {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) return sb.toString();
            if (event == XMLStreamConstants.START_ELEMENT) {
                Location at = here();
                problem(at, nodeId, port, "<" + element + "> holds only text; <" + elementName()
                        + "> is not allowed inside it");
                skipElement();
            } else if (isText(event)) {
                sb.append(text());
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                entityReference(nodeId, port);
            }
        }
    }

    /** Reads to the end of an element that must be empty (connect, control). */
    private void textOnlyEmpty(String element) throws Stop {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.END_ELEMENT) return;
            if (event == XMLStreamConstants.START_ELEMENT) {
                problem(here(), null, null, "<" + element + "> has nothing inside it; <" + elementName()
                        + "> is not allowed there");
                skipElement();
            } else {
                strayText(element, null);
            }
        }
    }

    private void unknownElement(String parent, String nodeId) throws Stop {
        String name = elementName();
        List<String> allowed = Vocabulary.children(parent);
        String near = Text.closest(name, allowed);
        problem(here(), nodeId, null, "unknown element <" + name + "> inside <" + parent + ">"
                + Diagnostics.didYouMeanElement(near)
                + "; allowed there: " + list(allowed, "<", ">"));
        skipElement();
    }

    /** Text between elements is a mistake (a value outside its param, say); whitespace and comments are fine. */
    private void strayText(String parent, String nodeId) throws Stop {
        int event = xml.getEventType();
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            entityReference(nodeId, null);
            return;
        }
        if (!isText(event)) return;
        String t = text();
        int first = 0;
        while (first < t.length() && XmlText.isXmlSpace(t.charAt(first))) first++;
        if (first == t.length()) return;
        String shown = XmlText.trim(t);
        if (shown.length() > 30) shown = shown.substring(0, 30) + "...";
        problem(offset(here(), t, first), nodeId, null, "text \"" + shown + "\" is not allowed directly inside <"
                + parent + ">" + (parent.equals(Vocabulary.NODE) ? "; values go in <param name=\"...\">" : ""));
    }

    private void entityReference(String nodeId, String port) {
        problem(here(), nodeId, port, "network files may not contain a DOCTYPE or entities; &" + xml.getLocalName()
                + "; is not allowed");
    }

    private void checkAttributes(String element, Location at, String nodeId) {
        List<String> allowed = Vocabulary.attributes(element);
        if (xml.getNamespaceCount() > 0) {
            problem(at, nodeId, null, "<" + element + "> declares an XML namespace; network files use none, "
                    + "remove the xmlns attribute");
        }
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String prefix = xml.getAttributePrefix(i);
            String name = (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + xml.getAttributeLocalName(i);
            if (allowed.contains(name)) continue;
            String near = Text.closest(name, allowed);
            problem(at, nodeId, null, "unknown attribute '" + name + "' on <" + element + ">"
                    + Diagnostics.didYouMean(near)
                    + (allowed.isEmpty() ? "; <" + element + "> takes no attributes"
                    : "; allowed there: " + list(allowed, "", "")));
        }
    }

    /** A plain (unprefixed) attribute's value, or null when absent. */
    private String attribute(String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String prefix = xml.getAttributePrefix(i);
            if ((prefix == null || prefix.isEmpty()) && name.equals(xml.getAttributeLocalName(i))) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    private double decimal(String name, double absent, Location at, String nodeId) {
        String text = attribute(name);
        if (text == null) return absent;
        double v = XmlNumbers.parseDecimal(text);
        if (Double.isNaN(v)) {
            String element = xml.getLocalName();
            problem(at, nodeId, null, name + "=\"" + Text.clip(text) + "\" on <" + element + "> is not a number; write it "
                    + "with digits and an optional decimal point, such as " + name + "=\""
                    + (name.equals("sampleRate") ? "48000" : name.equals("duration") ? "30" : "40") + "\"");
            return absent;
        }
        return v;
    }

    private boolean isElement(String name) {
        String prefix = xml.getPrefix();
        return (prefix == null || prefix.isEmpty()) && name.equals(xml.getLocalName());
    }

    private String elementName() {
        String prefix = xml.getPrefix();
        return (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + xml.getLocalName();
    }

    private void skipElement() throws Stop {
        int depth = 1;
        while (depth > 0) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) depth++;
            else if (event == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private static boolean isText(int event) {
        return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                || event == XMLStreamConstants.SPACE;
    }

    private static String list(List<String> names, String before, String after) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(before).append(n).append(after);
        }
        return sb.toString();
    }

    // ---- the parser, guarded ----------------------------------------------------------------------------------

    /** The next event; broken XML becomes the last problem and stops the walk. */
    private int next() throws Stop {
        try {
            return xml.next();
        } catch (XMLStreamException e) {
            throw broken(e);
        } catch (RuntimeException e) {
            throw broken(e);
        }
    }

    /** The current text; Woodstox parses text lazily and reports its errors unchecked from here. */
    private String text() throws Stop {
        try {
            return xml.getText();
        } catch (RuntimeException e) {
            throw broken(e);
        }
    }

    private Stop broken(Exception e) {
        XMLStreamException x = e instanceof XMLStreamException s ? s
                : e.getCause() instanceof XMLStreamException s ? s : null;
        if (x != null) {
            problem(SafeXmlInput.locationOf(x, xml), null, null, "this is not well-formed XML: "
                    + SafeXmlInput.plainMessage(x));
        } else {
            // Anything else the parser throws on garbage is still the file's fault, not a crash.
            problem(Location.UNKNOWN, null, null, "the file cannot be read as XML: " + e.getMessage());
        }
        return new Stop();
    }

    private Location here() {
        try {
            return SafeXmlInput.toModel(xml.getLocation());
        } catch (RuntimeException e) {
            return Location.UNKNOWN;
        }
    }

    /** The location {@code index} characters into {@code text}, which starts at {@code start}. */
    private static Location offset(Location start, String text, int index) {
        if (!start.known()) return start;
        int line = start.line();
        int column = start.column();
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(line, column);
    }

    private void problem(Location at, String node, String port, String message) {
        problems.add(new Problem(at, node, port, message));
    }
}
