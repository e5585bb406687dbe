package io.drainboard.sim.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drainboard.sim.http.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * List* paging as ECS does it (ECS API Reference, ListTasks/ListServices/…: "maxResults" and
 * "nextToken"): at most maxResults items, an opaque nextToken while more remain, none on the last page.
 * The token carries a hash of the request's filters, the offset reached and the key of the last item
 * returned; the next page resumes after that item even if items before it have gone (a task whose
 * desired status turned STOPPED), so a walk through the pages neither repeats nor skips what stayed.
 */
final class Pagination {
    private static final String VERSION = "db1";

    record Page<T>(List<T> items, String nextToken) {
    }

    private Pagination() {
    }

    /**
     * One page of {@code matches} (already filtered, in a stable order).
     *
     * @param filters the request's filters as one string; a token is only valid for the same filters
     */
    static <T> Page<T> page(List<T> matches, Function<T, String> key, String filters, String token, int max) {
        int start = token == null || token.isEmpty() ? 0 : resume(matches, key, filters, token);
        int end = Math.min(matches.size(), start + max);
        String next = end < matches.size() ? encode(filters, end, key.apply(matches.get(end - 1))) : null;
        return new Page<>(matches.subList(start, end), next);
    }

    /**
     * A List* answer: one page of {@code matches}' ARNs under {@code field}, and the request's nextToken read and the
     * next one written while more remain.
     */
    static <T> ObjectNode arns(String field, List<T> matches, Function<T, String> arn, String filters, JsonNode request, int max) {
        Page<T> page = page(matches, arn, filters, Params.string(request, "nextToken"), max);
        ObjectNode out = Json.object();
        ArrayNode arns = out.putArray(field);
        for (T item : page.items()) arns.add(arn.apply(item));
        Json.putIfSet(out, "nextToken", page.nextToken());
        return out;
    }

    private static <T> int resume(List<T> matches, Function<T, String> key, String filters, String token) {
        String[] parts = decode(token);
        if (!parts[1].equals(Long.toHexString(Ids.hash(filters)))) throw invalid(token);
        int offset;
        try {
            offset = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw invalid(token);
        }
        if (offset < 1) throw invalid(token);
        String lastKey = parts[3];
        if (offset <= matches.size() && key.apply(matches.get(offset - 1)).equals(lastKey)) return offset;
        for (int i = 0; i < matches.size(); i++) {
            if (key.apply(matches.get(i)).equals(lastKey)) return i + 1;
        }
        return Math.min(offset, matches.size()); // the last item itself is gone: best effort by position
    }

    private static String encode(String filters, int offset, String lastKey) {
        String raw = VERSION + "\n" + Long.toHexString(Ids.hash(filters)) + "\n" + offset + "\n" + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION)) throw invalid(token);
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
    }

    private static AwsException invalid(String token) {
        return AwsException.invalidParameter("Invalid token " + token);
    }
}
