package cn.jiesu.channels;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses flat {@code <xml><Name>value</Name>…</xml>} documents (WeChat pushes, and Weibo's WeChat-compatible XML
 * mode) with a hardened JDK parser: any DOCTYPE is refused, so no external entity, external DTD or entity expansion
 * is ever processed (XXE, billion laughs), and XInclude is off. Thread-safe.
 */
public final class FlatXml {
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final DocumentBuilderFactory factory;

    public FlatXml() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            this.factory = f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK XML parser lacks the hardening features", e);
        }
    }

    /** Child element name to text of a document whose root is {@code <xml>}; the first of repeated names wins. */
    public Map<String, String> parse(byte[] xml, String field) throws InputRejected {
        Document doc;
        try {
            DocumentBuilder builder;
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not resolved");
            });
            doc = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new InputRejected(
                    400,
                    "invalid_xml",
                    field,
                    field + ": not a well-formed WeChat XML document " + "(DOCTYPE and entities are refused)");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = doc.getDocumentElement();
        if (!"xml".equals(root.getTagName())) {
            throw new InputRejected(400, "invalid_xml", field, field + ": root element must be <xml>");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                fields.putIfAbsent(e.getTagName(), e.getTextContent());
            }
        }
        return fields;
    }

    /** A parsed field's text, null when absent or blank (an empty {@code <MsgId/>} is absent). */
    public static String text(Map<String, String> fields, String name) {
        return ContentText.blankToNull(fields.get(name));
    }

    /** A field that must be there: 400 naming it when absent or blank. */
    public static String required(Map<String, String> fields, String name) throws InputRejected {
        String v = text(fields, name);
        if (v == null) {
            throw InputRejected.missing(name);
        }
        return v;
    }
}
