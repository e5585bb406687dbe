package io.drainboard.sim.http;

/** A small streaming XML writer for awsQuery responses: elements in order, text escaped. */
public final class Xml {
    private final StringBuilder sb = new StringBuilder(512);

    public Xml open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    public Xml close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null (the member is absent). */
    public Xml leaf(String name, Object value) {
        if (value == null) return this;
        open(name);
        escape(String.valueOf(value));
        return close(name);
    }

    /** {@code <name/>}: an empty list or structure. */
    public Xml empty(String name) {
        sb.append('<').append(name).append("/>");
        return this;
    }

    public Xml raw(String xml) {
        sb.append(xml);
        return this;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
