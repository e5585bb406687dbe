package io.drainboard.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile profiles, generated deterministically from the valid examples: each one either loads
 * or gives "file:line: message" problems, and nothing but ProfileException ever leaves the loader. A variant
 * with a secret inline must be refused, and no message may quote the secret. A variant that loads must hold
 * every safety rail exactly as written ({@link WrittenRails}): a key written as {@code ~}, empty or
 * {@code null} that loads is fail-open. Every variant also goes through {@code --iam-policy --operator}, which
 * must print the mutating actions only for a writable profile, and never a stack trace. The summary line
 * ("reliability: …") is the count docs/benchmarks.md reports.
 */
class ProfileFuzzTest {
    private static final String SECRET = "FuzzSecret9c1f7e2bQ";
    private static final String[] WRONG_VALUES = {"[1, 2]", "{a: b}", "true", "42", "-3.5", "~", "\"\"", "null",
            "0x1F", "2026-01-01", "[]", "{}", "'  '", "|\n  multi\n  line", "&a x", "*undefined", "!!binary aGk=",
            "!custom tag", "99999999999999999999999999999999999999", "1e400", "\"\\u0000\""};
    private static final String[] SECRET_LINES = {"apiSecret: " + SECRET, "aws_secret_access_key: " + SECRET,
            "password: " + SECRET, "token: " + SECRET, "description: AKIA" + SECRET.toUpperCase().substring(0, 16),
            "apiSecretEnv: " + SECRET + "/x+y=", "  api_secret: " + SECRET, "    secret: " + SECRET};

    /** Values that are no explicit setting, written over each safety-relevant key in turn. */
    private static final String[] NO_VALUE = {"~", "", "null", "Null", "NULL", "''", "\"\"", "yes", "no", "on", "off",
            "[]", "{}", "'true'", "maybe"};
    /** The safety-relevant keys (docs/profiles.md, "Safety settings"), wherever they stand. */
    private static final Pattern SAFETY_KEY = Pattern.compile("\\b(readOnly|production|maxConcurrency|refresh|clusters"
            + "|serviceFilter|simulator|cordon|method|command|container|drainUrl|drain|deadline|budget|survivalBar|guard"
            + "|lease|renewBefore|idleHysteresis):[ \\t]*(\\{[^}\\n]*}|\\[[^\\]\\n]*\\]|[^,{}\\[\\]#\\n]*?)[ \\t]*(?=[,}#\\n]|$)");
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error)\\b");

    @TempDir
    Path dir;

    @Test
    void everyMalformedVariantLoadsOrSaysFileAndLine() throws IOException {
        List<Variant> variants = variants();
        assertTrue(variants.size() >= 200, "only " + variants.size() + " variants");
        assertTrue(variants.stream().anyMatch(v -> v.kind.startsWith("no value (~) for readOnly")
                && v.source.equals("incident-readonly.yaml")), "the read-only example's readOnly: ~ is among the variants");
        List<String> failures = new ArrayList<>();
        Counts counts = new Counts();
        assertTimeoutPreemptively(Duration.ofSeconds(240), () -> {
            for (Variant v : variants) {
                Path file = dir.resolve("v" + v.index + ".yaml");
                Files.write(file, v.bytes);
                Boolean writable = check(v, file, failures, counts);
                iamPolicy(v, file, writable, failures, counts);
            }
        });
        System.out.println("reliability: " + variants.size() + " hostile profiles tried, " + counts.loaded
                + " loaded with every rail as written, " + counts.refused + " refused with file:line, " + counts.crashed
                + " crashed, " + counts.stackTraces + " stack traces, " + counts.failOpen + " fail-open");
        assertTrue(failures.isEmpty(), failures.size() + " of " + variants.size() + " variants misbehaved:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertTrue(counts.noValueVariants >= 300, "only " + counts.noValueVariants + " no-value variants");
    }

    private static final class Counts {
        int loaded, refused, crashed, stackTraces, failOpen, noValueVariants;
    }

    /** Loads the variant and checks what it says; whether it loaded writable, null when refused. */
    private static Boolean check(Variant v, Path file, List<String> failures, Counts counts) {
        int lines = new String(v.bytes, StandardCharsets.ISO_8859_1).split("\n", -1).length + 1;
        Pattern located = Pattern.compile(Pattern.quote(file.toString()) + ":(\\d+): \\S.*", Pattern.DOTALL);
        if (v.kind.startsWith("no value")) counts.noValueVariants++;
        try {
            Profile p = ProfileLoader.load(file);
            if (v.secret) failures.add(v + ": a profile with a secret inline loaded");
            List<String> open = WrittenRails.check(new String(v.bytes, StandardCharsets.UTF_8), p);
            open.forEach(o -> failures.add(v + ": " + o));
            if (open.isEmpty()) counts.loaded++;
            else counts.failOpen++;
            return !p.readOnly();
        } catch (ProfileException e) {
            counts.refused++;
            if (e.problems().isEmpty()) failures.add(v + ": no problems listed");
            if (STACK_TRACE.matcher(e.getMessage()).find()) {
                counts.stackTraces++;
                failures.add(v + ": a stack trace in the message: " + e.getMessage());
            }
            if (Boolean.getBoolean("fuzz.print")) System.out.println(v + " -> " + e.problems().get(0).replace(file.toString(), "F"));
            for (String p : e.problems()) {
                var m = located.matcher(p);
                if (!m.matches()) {
                    failures.add(v + ": not 'file:line: message': " + p);
                } else if (Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > lines) {
                    failures.add(v + ": line out of range: " + p);
                }
                if (p.contains("root:x:") || p.contains("PATH=")) failures.add(v + ": the message quotes a file's content: " + p);
                if (p.contains(SECRET) || p.contains(SECRET.toUpperCase().substring(0, 16))) {
                    failures.add(v + ": the message quotes the secret: " + p);
                }
            }
        } catch (Throwable t) {
            counts.crashed++;
            failures.add(v + ": threw " + t);
        }
        return null;
    }

    /**
     * The same file through {@code --iam-policy FILE --operator}: the mutating actions only for a profile that
     * loads writable, a non-zero exit with file:line otherwise, and never a stack trace.
     */
    private static void iamPolicy(Variant v, Path file, Boolean writable, List<String> failures, Counts counts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            code = IamPolicyGenerator.run(new String[] {"--iam-policy", file.toString(), "--operator"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (Throwable t) {
            counts.crashed++;
            failures.add(v + ": --iam-policy threw " + t);
            return;
        }
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        if (STACK_TRACE.matcher(printed).find()) {
            counts.stackTraces++;
            failures.add(v + ": --iam-policy printed a stack trace");
        }
        boolean mutating = out.toString(StandardCharsets.UTF_8).contains("ecs:UpdateTaskProtection");
        if (writable == null && (code == 0 || !err.toString(StandardCharsets.UTF_8).contains(file + ":"))) {
            failures.add(v + ": --iam-policy on a refused profile exited " + code + " without file:line");
        } else if (writable != null && mutating != writable) {
            failures.add(v + ": --iam-policy --operator printed " + (mutating ? "" : "no ") + "mutating actions for a "
                    + (writable ? "writable" : "read-only") + " profile");
        }
    }

    private record Variant(int index, String kind, String source, byte[] bytes, boolean secret) {
        @Override
        public String toString() {
            return "#" + index + " " + kind + " of " + source;
        }
    }

    private static List<Variant> variants() throws IOException {
        List<Variant> out = new ArrayList<>();
        Random random = new Random(20261123);
        for (String name : new String[] {"demo.yaml", "aws-example.yaml", "incident-readonly.yaml"}) {
            String text = Files.readString(Path.of("..", "profiles", name));
            List<String> lines = Arrays.asList(text.split("\n", -1));
            for (int round = 0; round < 8; round++) {
                int i = random.nextInt(lines.size());
                add(out, "delete line " + (i + 1), name, edit(lines, i, null), false);
                add(out, "duplicate line " + (i + 1), name, edit(lines, i, lines.get(i) + "\n" + lines.get(i)), false);
                add(out, "wrong type on line " + (i + 1), name, edit(lines, i, wrongType(lines.get(i), random)), false);
                int shift = random.nextInt(5) - 2;
                add(out, "indent " + shift + " on line " + (i + 1), name, edit(lines, i, indent(lines.get(i), shift)), false);
                add(out, "tab indent on line " + (i + 1), name, edit(lines, i, "\t" + lines.get(i)), false);
                add(out, "unknown key at line " + (i + 1), name, edit(lines, i, lines.get(i) + "\n"
                        + " ".repeat(2 * random.nextInt(3)) + "fuzzKey" + round + ": 1"), false);
                add(out, "secret inline at line " + (i + 1), name, edit(lines, i, lines.get(i) + "\n"
                        + SECRET_LINES[random.nextInt(SECRET_LINES.length)]), true);
                add(out, "truncated", name, text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8), false);
                out.add(new Variant(out.size(), "random bytes", name, randomBytes(text, random), false));
                add(out, "huge value on line " + (i + 1), name, edit(lines, i, huge(lines.get(i), random)), false);
            }
            noValueVariants(out, name, lines);
            add(out, "CRLF line ends", name, text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), false);
            add(out, "byte order mark", name, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8), false);
            add(out, "second document", name, (text + "\n---\nname: other\nreadOnly: maybe\n").getBytes(StandardCharsets.UTF_8), false);
            add(out, "a list, not a mapping", name, ("- " + text.replace("\n", "\n  ")).getBytes(StandardCharsets.UTF_8), false);
        }
        for (String special : specials()) add(out, "special", "-", special.getBytes(StandardCharsets.UTF_8), false);
        return out;
    }

    /** Each safety-relevant key of the example, in turn, written with each value that is no explicit setting. */
    private static void noValueVariants(List<Variant> out, String name, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("#")) continue;
            Matcher m = SAFETY_KEY.matcher(line);
            for (int from = 0; from < line.length() && m.find(from); from = m.start(1) + 1) {
                for (String nothing : NO_VALUE) {
                    String edited = line.substring(0, m.start(2)) + nothing + line.substring(m.end(2));
                    add(out, "no value (" + nothing + ") for " + m.group(1) + " on line " + (i + 1), name,
                            edit(lines, i, edited), false);
                }
            }
        }
    }

    private static void add(List<Variant> out, String kind, String source, byte[] bytes, boolean secret) {
        out.add(new Variant(out.size(), kind, source, bytes, secret));
    }

    private static byte[] edit(List<String> lines, int i, String replacement) {
        List<String> copy = new ArrayList<>(lines);
        if (replacement == null) copy.remove(i);
        else copy.set(i, replacement);
        return String.join("\n", copy).getBytes(StandardCharsets.UTF_8);
    }

    private static String wrongType(String line, Random random) {
        int colon = line.indexOf(':');
        String value = WRONG_VALUES[random.nextInt(WRONG_VALUES.length)];
        return colon < 0 ? line + " " + value : line.substring(0, colon + 1) + " " + value;
    }

    private static String indent(String line, int shift) {
        if (shift >= 0) return " ".repeat(shift) + line;
        int strip = Math.min(-shift, line.length() - line.stripLeading().length());
        return line.substring(strip);
    }

    private static String huge(String line, Random random) {
        int colon = line.indexOf(':');
        String key = colon < 0 ? "description" : line.substring(0, colon);
        return switch (random.nextInt(4)) {
            case 0 -> key + ": " + "x".repeat(300_000);
            case 1 -> key + ": " + "9".repeat(2000);
            case 2 -> key + ": " + "[".repeat(5000) + "]".repeat(5000);
            default -> key + ": \"" + "\\u00e9".repeat(50_000) + "\"";
        };
    }

    private static byte[] randomBytes(String text, Random random) {
        byte[] base = text.getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[1 + random.nextInt(64)];
        random.nextBytes(noise);
        int at = random.nextInt(base.length);
        byte[] out = new byte[base.length + noise.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(noise, 0, out, at, noise.length);
        System.arraycopy(base, at, out, at + noise.length, base.length - at);
        return out;
    }

    /** Hand-picked hostile YAML: alias bombs, deep nesting, odd keys, empty and binary files. */
    private static List<String> specials() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        return List.of("", "\n\n\n", "---\n", "~\n", "[]\n", "42\n", "\"just a string\"\n", bomb + "region: us-east-1\n",
                "region: us-east-1\nsimulator: {}\n? [complex, key]\n: value\n",
                "region: us-east-1\nsimulator: {}\n1: number key\n",
                "region: us-east-1\nsimulator: {}\nservices:\n  a/b/c: {}\n  'x y': {}\n  agent: [1]\n",
                "region: us-east-1\nsimulator: {}\nservices: [a, b]\n",
                "region: us-east-1\nsimulator: {}\nclusters: [[a], {b: c}]\n",
                "region: !!binary aGVsbG8=\nsimulator: {}\n",
                "region: us-east-1\nsimulator: {}\nrefresh: 0s\ndrain: {budget: 0, deadline: 10s, survivalBar: 1.5}\n",
                "region: us-east-1\nsimulator: {}\nguard: {lease: 90s, renewBefore: 1m, idleHysteresis: 2h}\n",
                "region: us-east-1\naws: {profile: x}\nsimulator: {}\nlivekit: {}\n",
                "region: us-east-1\nlivekit: {url: ftp://x, apiKeyEnv: 'A B', apiSecretEnv: '1X'}\n",
                "%YAML 1.2\n---\nregion: us-east-1\nsimulator: {}\n",
                "region: us-east-1\nsimulator: {}\n" + "k: v\n".repeat(20_000),
                "region: us-east-1\nsimulator: {}\nname: \"\\x00\\x01\"\n",
                "region: \"us-east-1\nsimulator: {}\n",
                "region: 'us-east-1'''\n",
                "region: us-east-1\nsimulator: {scenario: ../../../../../../../../etc/passwd}\n",
                "region: us-east-1\nsimulator: {scenario: /etc/shadow}\n",
                "region: us-east-1\nsimulator: {scenario: /proc/self/environ}\n",
                "region: us-east-1\nsimulator: {scenario: /dev/zero}\n",
                "region: us-east-1\nsimulator: {scenario: /}\n",
                "region: us-east-1\nsimulator: {scenario: ../profiles/demo.yaml}\n",
                "region: us-east-1\nsimulator: {scenario: \"../scenarios/demo\"}\n");
    }
}
