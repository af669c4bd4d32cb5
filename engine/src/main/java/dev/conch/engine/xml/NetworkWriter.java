package dev.conch.engine.xml;

import dev.conch.engine.model.Automation;
import dev.conch.engine.model.AutomationEvent;
import dev.conch.engine.model.Comment;
import dev.conch.engine.model.Connection;
import dev.conch.engine.model.ControlConnection;
import dev.conch.engine.model.ControlMode;
import dev.conch.engine.model.Endpoint;
import dev.conch.engine.model.MidiBinding;
import dev.conch.engine.model.NetworkSpec;
import dev.conch.engine.model.NodeSpec;
import dev.conch.engine.model.ParamValue;

import java.util.Map;

/**
 * Writes the canonical text of a network: one element per line, attributes in a fixed order, two-space indent,
 * so that a saved file diffs line by line and saving an unchanged network changes no byte. Written by hand
 * rather than through a serializer because the layout is the point.
 */
final class NetworkWriter {
    private static final String INDENT = "  ";

    private final StringBuilder out = new StringBuilder(1024);

    private NetworkWriter() {
    }

    static String write(NetworkSpec spec) {
        NetworkWriter w = new NetworkWriter();
        w.network(spec);
        return w.out.toString();
    }

    private void network(NetworkSpec spec) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append('<').append(Vocabulary.NETWORK);
        attribute("name", spec.name(), "the network name");
        // A file is always written in this Conch's format, whatever version it was read from.
        attribute("version", Integer.toString(NetworkSpec.FORMAT_VERSION), "version");
        attribute("sampleRate", XmlNumbers.format(spec.sampleRate()), "sampleRate");
        if (Double.compare(spec.duration(), 0.0) != 0) {
            attribute("duration", XmlNumbers.format(spec.duration()), "duration");
        }
        out.append(">\n");

        String description = XmlText.trim(spec.description());
        if (!description.isEmpty()) {
            out.append(INDENT).append('<').append(Vocabulary.DESCRIPTION).append('>')
                    .append(XmlText.escapeText(description, "the description"))
                    .append("</").append(Vocabulary.DESCRIPTION).append(">\n");
        }
        for (NodeSpec node : spec.nodes()) node(node);
        for (Connection c : spec.connections()) connection(Vocabulary.CONNECT, c.from(), c.to(), null);
        for (ControlConnection c : spec.controls()) {
            connection(Vocabulary.CONTROL, c.from(), c.to(), c.mode() == ControlMode.REPLACE ? null : c.mode().word());
        }
        for (MidiBinding m : spec.midi()) {
            out.append(INDENT).append('<').append(Vocabulary.MIDI);
            if (m.kind() == MidiBinding.Kind.CC) attribute("cc", Integer.toString(m.cc()), "a midi binding");
            else attribute("note", m.kind().word(), "a midi binding");
            if (m.channel() != 0) attribute("channel", Integer.toString(m.channel()), "a midi binding");
            attribute("to", m.to().toString(), "a midi binding");
            out.append("/>\n");
        }
        for (Comment c : spec.comments()) {
            String where = "a comment at " + XmlNumbers.format(c.x()) + ", " + XmlNumbers.format(c.y());
            out.append(INDENT).append('<').append(Vocabulary.COMMENT);
            attribute("x", coordinate(c.x(), "a comment", "x"), where);
            attribute("y", coordinate(c.y(), "a comment", "y"), where);
            out.append('>').append(XmlText.escapeText(XmlText.trim(c.text()), where))
                    .append("</").append(Vocabulary.COMMENT).append(">\n");
        }
        out.append("</").append(Vocabulary.NETWORK).append(">\n");
    }

    private void node(NodeSpec node) {
        String where = "node '" + node.id() + "'";
        out.append(INDENT).append('<').append(Vocabulary.NODE);
        attribute("id", node.id(), where + ": its id");
        attribute("type", node.type(), where + ": its type");
        attribute("x", coordinate(node.x(), where, "x"), where);
        attribute("y", coordinate(node.y(), where, "y"), where);
        if (node.count() != 1) attribute("count", Integer.toString(node.count()), where + ": its count");
        if (node.params().isEmpty() && node.automations().isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        for (Map.Entry<String, ParamValue> p : node.params().entrySet()) {
            String paramWhere = where + ", param '" + p.getKey() + "'";
            String value = p.getValue() == null ? "" : XmlText.trim(p.getValue().text());
            out.append(INDENT).append(INDENT).append('<').append(Vocabulary.PARAM);
            attribute("name", p.getKey(), paramWhere);
            out.append('>').append(XmlText.escapeText(value, paramWhere))
                    .append("</").append(Vocabulary.PARAM).append(">\n");
        }
        for (Automation a : node.automations()) automation(a, where);
        out.append(INDENT).append("</").append(Vocabulary.NODE).append(">\n");
    }

    private void automation(Automation a, String where) {
        String w = where + ", automation of '" + a.param() + "'";
        out.append(INDENT).append(INDENT).append('<').append(Vocabulary.AUTOMATE);
        attribute("param", a.param(), w);
        out.append(">\n");
        for (AutomationEvent e : a.events()) {
            out.append(INDENT).append(INDENT).append(INDENT).append('<').append(e.kind().element());
            switch (e.kind()) {
                case SET_VALUE -> {
                    attribute("value", number(e.value(), w), w);
                    attribute("startTime", number(e.time(), w), w);
                }
                case LINEAR_RAMP, EXPONENTIAL_RAMP -> {
                    attribute("value", number(e.value(), w), w);
                    attribute("endTime", number(e.time(), w), w);
                }
                case SET_TARGET -> {
                    attribute("target", number(e.value(), w), w);
                    attribute("startTime", number(e.time(), w), w);
                    attribute("timeConstant", number(e.timeConstant(), w), w);
                }
                case VALUE_CURVE -> {
                    StringBuilder values = new StringBuilder();
                    for (double d : e.values()) values.append(values.length() == 0 ? "" : " ").append(number(d, w));
                    attribute("values", values.toString(), w);
                    attribute("startTime", number(e.time(), w), w);
                    attribute("duration", number(e.duration(), w), w);
                }
            }
            out.append("/>\n");
        }
        out.append(INDENT).append(INDENT).append("</").append(Vocabulary.AUTOMATE).append(">\n");
    }

    private static String number(double v, String where) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException(where + " has a value " + v + " that cannot be saved");
        return XmlNumbers.format(v);
    }

    private static String coordinate(double v, String where, String axis) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(where + " has position " + axis + " = " + v + ", which cannot be saved");
        }
        return XmlNumbers.format(v);
    }

    private void connection(String element, Endpoint from, Endpoint to, String mode) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a <" + element + "> has an endpoint that is not node.port");
        }
        out.append(INDENT).append('<').append(element);
        attribute("from", from.toString(), "a " + element + "'s from");
        attribute("to", to.toString(), "a " + element + "'s to");
        if (mode != null) attribute("mode", mode, "a " + element + "'s mode");
        out.append("/>\n");
    }

    private void attribute(String name, String value, String where) {
        out.append(' ').append(name).append("=\"").append(XmlText.escapeAttribute(value, where)).append('"');
    }
}
