package dev.conch.engine.xml;

import com.ctc.wstx.stax.WstxInputFactory;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.io.Reader;

/**
 * The StAX parser behind Jackson XML (Woodstox), locked down for files that come from anywhere: no DTDs, no
 * external entities, and a resolver that refuses anything that slips past. A DOCTYPE still arrives as an event,
 * which the reader turns into a problem instead of silently skipping it.
 */
final class SafeXmlInput {
    /**
     * Woodstox's factory made directly, as Jackson's {@code XmlFactory} would find it: that way of finding it (the
     * JDK's {@code XMLInputFactory.newFactory()}, a service look-up through the whole class path, for its output
     * factory too) was a third of the CPU time of reading a small network cold.
     */
    private static final XMLInputFactory FACTORY = configure(new WstxInputFactory());

    private SafeXmlInput() {
    }

    private static XMLInputFactory configure(XMLInputFactory f) {
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Coalescing gives a param's text (with CDATA and character references) as one piece.
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("network files may not refer to other files (" + systemId + ")");
        });
        return f;
    }

    /** A reader over bytes: the XML declaration (or a byte-order mark) decides the encoding, UTF-8 otherwise. */
    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    static XMLStreamReader open(Reader in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /** The parser's complaint without the location it appends (the problem carries that separately). */
    static String plainMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int at = m.indexOf("\n at [");
        if (at >= 0) m = m.substring(0, at);
        m = m.strip();
        if (m.endsWith(".")) m = m.substring(0, m.length() - 1);
        if (m.isEmpty() && e.getCause() != null && e.getCause().getMessage() != null) m = e.getCause().getMessage();
        if (!m.isEmpty() && Character.isUpperCase(m.charAt(0)) && (m.length() < 2 || !Character.isUpperCase(m.charAt(1)))) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }

    static dev.conch.engine.model.Location locationOf(XMLStreamException e, XMLStreamReader fallback) {
        Location l = e.getLocation();
        if (l == null && fallback != null) {
            try {
                l = fallback.getLocation();
            } catch (RuntimeException ignored) {
                // a reader broken by the error it reported has no location to give
            }
        }
        return toModel(l);
    }

    static dev.conch.engine.model.Location toModel(Location l) {
        if (l == null || l.getLineNumber() <= 0) return dev.conch.engine.model.Location.UNKNOWN;
        return new dev.conch.engine.model.Location(l.getLineNumber(), Math.max(1, l.getColumnNumber()));
    }
}
