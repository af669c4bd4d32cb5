package dev.conch.clam;

import dev.conch.engine.model.Location;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code .clamnetwork} format (FORMAT-NOTES 1.1 to 1.3): {@code <network>} holding an optional
 * {@code <description>}, the {@code <processing>} elements with their config as child elements, then the port and
 * control connections. The parser refuses DTDs and external entities, as Conch's own reader does.
 */
final class ClamXml {
    private static final XMLInputFactory FACTORY = factory();

    private ClamXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("a CLAM network may not refer to other files (" + systemId + ")");
        });
        return f;
    }

    static ClamNetwork read(byte[] bytes) throws ClamFormatException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                if (r.getEventType() == XMLStreamConstants.DTD) {
                    throw new ClamFormatException(here(r), "a CLAM network has no DOCTYPE; this file is something else");
                }
            }
            if (!r.isStartElement()) throw new ClamFormatException(Location.UNKNOWN, "the file holds no XML element");
            if (!r.getLocalName().equals("network")) {
                throw new ClamFormatException(here(r), "the root element is <" + r.getLocalName()
                        + ">, and a CLAM network's is <network>; is this a CLAM .clamnetwork file?");
            }
            return network(r);
        } catch (XMLStreamException e) {
            javax.xml.stream.Location l = e.getLocation();
            Location at = l == null ? Location.UNKNOWN : new Location(l.getLineNumber(), Math.max(1, l.getColumnNumber()));
            String m = e.getMessage() == null ? "" : e.getMessage();
            int cut = m.indexOf("\n at [");
            throw new ClamFormatException(at, "the file is not well-formed XML: " + (cut >= 0 ? m.substring(0, cut) : m).strip());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // the reader reads from memory: nothing to release
                }
            }
        }
    }

    private static ClamNetwork network(XMLStreamReader r) throws XMLStreamException, ClamFormatException {
        String description = "";
        List<ClamNetwork.Processing> processings = new ArrayList<>();
        List<ClamNetwork.Link> links = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            Location at = here(r);
            switch (r.getLocalName()) {
                case "description" -> description = r.getElementText();
                case "processing" -> processings.add(processing(r, at));
                case "port_connection" -> links.add(link(r, at, false));
                case "control_connection" -> links.add(link(r, at, true));
                default -> skip(r); // CLAM's <information> comment boxes, and anything newer
            }
        }
        return new ClamNetwork(description, processings, links);
    }

    private static ClamNetwork.Processing processing(XMLStreamReader r, Location at)
            throws XMLStreamException, ClamFormatException {
        String id = r.getAttributeValue(null, "id");
        String type = r.getAttributeValue(null, "type");
        if (id == null || type == null) {
            throw new ClamFormatException(at, "a <processing> needs both an id and a type attribute, as CLAM itself requires");
        }
        double[] pos = pair(r.getAttributeValue(null, "position"));
        Map<String, String> config = new LinkedHashMap<>();
        leafOrNested(r, "", config);
        return new ClamNetwork.Processing(id, type, pos[0], pos[1], config, at);
    }

    /**
     * The element's own text when it has no child elements; otherwise its leaves go to {@code inner} by path
     * ({@code Outer/Inner}), nested configs flattened.
     */
    private static String leafOrNested(XMLStreamReader r, String prefix, Map<String, String> inner) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String name = prefix + r.getLocalName();
                Map<String, String> deeper = new LinkedHashMap<>();
                String leaf = leafOrNested(r, name + "/", deeper);
                if (deeper.isEmpty()) inner.put(name, leaf);
                else inner.putAll(deeper);
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                return text.toString();
            } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA
                    || e == XMLStreamConstants.SPACE) {
                text.append(r.getText());
            }
        }
        return text.toString();
    }

    private static ClamNetwork.Link link(XMLStreamReader r, Location at, boolean control)
            throws XMLStreamException, ClamFormatException {
        String out = null, in = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = r.getLocalName();
            String text = r.getElementText().strip();
            if (name.equals("out")) out = text;
            else if (name.equals("in")) in = text;
        }
        String what = control ? "<control_connection>" : "<port_connection>";
        if (out == null || in == null) throw new ClamFormatException(at, "a " + what + " needs an <out> and an <in>");
        int o = out.lastIndexOf('.'), i = in.lastIndexOf('.');
        if (o <= 0 || i <= 0) {
            throw new ClamFormatException(at, "a " + what + " names its ends as processing.port, and '"
                    + (o <= 0 ? out : in) + "' has no dot");
        }
        return new ClamNetwork.Link(control, out.substring(0, o), out.substring(o + 1), in.substring(0, i),
                in.substring(i + 1), at);
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) depth++;
            else if (e == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private static double[] pair(String text) {
        if (text == null) return new double[] {0, 0};
        String[] parts = text.split(",");
        try {
            return new double[] {Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip())};
        } catch (RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    private static Location here(XMLStreamReader r) {
        javax.xml.stream.Location l = r.getLocation();
        return l == null || l.getLineNumber() <= 0 ? Location.UNKNOWN : new Location(l.getLineNumber(), Math.max(1, l.getColumnNumber()));
    }
}
