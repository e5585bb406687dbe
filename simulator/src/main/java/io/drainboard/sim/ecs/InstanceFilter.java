package io.drainboard.sim.ecs;

import io.drainboard.sim.http.AwsException;
import io.drainboard.sim.model.ContainerInstanceState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the cluster query language ("Create expressions to define container instances for Amazon
 * ECS tasks") that ListContainerInstances' {@code filter} needs here: {@code attribute:NAME == VALUE},
 * {@code !=}, {@code in [A, B]}, {@code exists}, joined by {@code and}.
 */
final class InstanceFilter {
    private static final Pattern TERM = Pattern.compile(
            "\\s*attribute:([\\w.:-]+)\\s*(?:(==|!=)\\s*([\\w.:-]+)|(not_in|in)\\s*\\[([^]]*)]|(exists|not_exists))\\s*");

    private InstanceFilter() {
    }

    static Predicate<ContainerInstanceState> parse(String expression) {
        if (expression == null || expression.isBlank()) return ci -> true;
        List<Predicate<Map<String, String>>> terms = new ArrayList<>();
        for (String part : expression.split("(?i)\\s+and\\s+")) {
            Matcher m = TERM.matcher(part);
            if (!m.matches()) {
                throw AwsException.invalidParameter("Unsupported or invalid filter expression: " + expression);
            }
            String name = m.group(1);
            if (m.group(2) != null) {
                boolean equal = m.group(2).equals("==");
                String value = m.group(3);
                terms.add(a -> value.equals(a.get(name)) == equal);
            } else if (m.group(4) != null) {
                boolean in = m.group(4).equals("in");
                List<String> values = Arrays.stream(m.group(5).split(",")).map(String::trim).toList();
                terms.add(a -> values.contains(a.get(name)) == in);
            } else {
                boolean exists = m.group(6).equals("exists");
                terms.add(a -> a.containsKey(name) == exists);
            }
        }
        return ci -> {
            Map<String, String> attributes = ContainerInstanceRenderer.attributes(ci);
            return terms.stream().allMatch(t -> t.test(attributes));
        };
    }
}
