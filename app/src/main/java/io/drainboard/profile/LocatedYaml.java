package io.drainboard.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document as a Jackson tree plus the line of every key, so validation can say
 * "demo.yaml:12: …" instead of leaving the operator to hunt for it.
 */
final class LocatedYaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    static LocatedYaml parse(String text) throws IOException {
        JsonNode root = MAPPER.readTree(text);
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> index = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> {
                        String key = join(path) + "/" + p.currentName();
                        lines.put(key, p.currentLocation().getLineNr());
                        path.push("/" + p.currentName());
                        index.push(-2);
                    }
                    case START_ARRAY -> index.push(-1);
                    case START_OBJECT -> {
                        if (!index.isEmpty() && index.peek() >= -1) { // an object inside an array
                            int i = index.pop() + 1;
                            index.push(i);
                            path.push("/" + i);
                            index.push(-3);
                        }
                    }
                    default -> { }
                }
                if (t == JsonToken.END_OBJECT && !index.isEmpty() && index.peek() == -3) {
                    index.pop();
                    path.pop();
                }
                if (t == JsonToken.END_ARRAY && !index.isEmpty()) index.pop();
                if ((t.isScalarValue() || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY)
                        && !index.isEmpty() && index.peek() == -2) {
                    index.pop();
                    path.pop();
                }
            }
        }
        return new LocatedYaml(root == null ? MAPPER.createObjectNode() : root, lines);
    }

    private static String join(Deque<String> path) {
        StringBuilder sb = new StringBuilder();
        path.descendingIterator().forEachRemaining(sb::append);
        return sb.toString();
    }

    /** Line of the key at a JSON-pointer-like path such as {@code /calls/source}; 0 when unknown. */
    int line(String pointer) {
        return lines.getOrDefault(pointer, 0);
    }
}
