package io.drainboard.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a Jackson tree plus the line of every key, so validation can say
 * "demo.yaml:12: …" instead of leaving the operator to hunt for it. Keys given twice are kept aside:
 * Jackson silently keeps the last one, and a second {@code readOnly: false} under a first
 * {@code readOnly: true} must not pass unnoticed.
 */
final class LocatedYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** A key that appears twice in one mapping. */
    record Duplicate(String pointer, int firstLine, int line) {
    }

    final JsonNode root;
    private final Map<String, Integer> lines;
    private final List<Duplicate> duplicates;
    private final Map<String, String> booleanSpellings;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines, List<Duplicate> duplicates,
                        Map<String, String> booleanSpellings) {
        this.root = root;
        this.lines = lines;
        this.duplicates = duplicates;
        this.booleanSpellings = booleanSpellings;
    }

    static LocatedYaml parse(String text) throws IOException {
        JsonNode root = MAPPER.readTree(text);
        Map<String, Integer> lines = new HashMap<>();
        List<Duplicate> duplicates = new ArrayList<>();
        Map<String, String> booleans = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            Deque<Level> stack = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (!stack.isEmpty()) stack.peek().nextElement();
                        stack.push(new Level(t == JsonToken.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (!stack.isEmpty()) stack.pop();
                    }
                    case FIELD_NAME -> {
                        if (stack.isEmpty()) break;
                        String pointer = pointer(stack) + "/" + p.currentName();
                        stack.peek().field = p.currentName();
                        int line = p.currentLocation().getLineNr();
                        Integer first = lines.putIfAbsent(pointer, line);
                        if (first != null) duplicates.add(new Duplicate(pointer, first, line));
                    }
                    default -> {
                        if (stack.isEmpty()) break;
                        stack.peek().nextElement();
                        if ((t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) && !stack.peek().array) {
                            booleans.put(pointer(stack) + "/" + stack.peek().field, p.getText());
                        }
                    }
                }
                if (stack.isEmpty()) break; // the first document only, as readTree does
            }
        }
        return new LocatedYaml(root == null ? MAPPER.createObjectNode() : root, lines, duplicates, booleans);
    }

    /** The path of the value being read, from the root down (the deque's top is the innermost level). */
    private static String pointer(Deque<Level> stack) {
        StringBuilder sb = new StringBuilder();
        Iterator<Level> outerFirst = stack.descendingIterator();
        while (outerFirst.hasNext()) {
            Level l = outerFirst.next();
            if (l == stack.peek()) break;
            sb.append('/').append(l.array ? Integer.toString(l.index) : l.field);
        }
        return sb.toString();
    }

    /** One open mapping (with its current key) or sequence (with its current index). */
    private static final class Level {
        final boolean array;
        int index = -1;
        String field = "";

        Level(boolean array) {
            this.array = array;
        }

        void nextElement() {
            if (array) index++;
        }
    }

    /** Line of the key at a JSON-pointer-like path such as {@code /calls/source}; 0 when unknown. */
    int line(String pointer) {
        return lines.getOrDefault(pointer, 0);
    }

    /**
     * How a boolean at a path was spelled: YAML 1.1 (which the parser follows) also reads {@code yes}, {@code on},
     * {@code no} and {@code off} as booleans, YAML 1.2 reads them as text; a safety switch accepts only
     * {@code true} and {@code false}, which every reader agrees on. Empty when the value is no boolean.
     */
    java.util.Optional<String> booleanSpelling(String pointer) {
        return java.util.Optional.ofNullable(booleanSpellings.get(pointer));
    }

    List<Duplicate> duplicates() {
        return duplicates;
    }
}
