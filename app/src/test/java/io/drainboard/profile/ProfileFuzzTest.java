package io.drainboard.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed profiles, generated deterministically from the valid examples: each one either loads or
 * gives "file:line: message" problems, and nothing but ProfileException ever leaves the loader. A
 * variant with a secret inline must be refused, and no message may quote the secret.
 */
class ProfileFuzzTest {
    private static final String SECRET = "FuzzSecret9c1f7e2bQ";
    private static final String[] WRONG_VALUES = {"[1, 2]", "{a: b}", "true", "42", "-3.5", "~", "\"\"", "null",
            "0x1F", "2026-01-01", "[]", "{}", "'  '", "|\n  multi\n  line", "&a x", "*undefined", "!!binary aGk=",
            "!custom tag", "99999999999999999999999999999999999999", "1e400", "\"\\u0000\""};
    private static final String[] SECRET_LINES = {"apiSecret: " + SECRET, "aws_secret_access_key: " + SECRET,
            "password: " + SECRET, "token: " + SECRET, "description: AKIA" + SECRET.toUpperCase().substring(0, 16),
            "apiSecretEnv: " + SECRET + "/x+y=", "  api_secret: " + SECRET, "    secret: " + SECRET};

    @TempDir
    Path dir;

    @Test
    void everyMalformedVariantLoadsOrSaysFileAndLine() throws IOException {
        List<Variant> variants = variants();
        assertTrue(variants.size() >= 200, "only " + variants.size() + " variants");
        List<String> failures = new ArrayList<>();
        int[] loaded = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (Variant v : variants) {
                Path file = dir.resolve("v" + v.index + ".yaml");
                Files.write(file, v.bytes);
                check(v, file, failures, loaded);
            }
        });
        assertTrue(failures.isEmpty(), failures.size() + " of " + variants.size() + " variants misbehaved:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        System.out.println("profile fuzz: " + variants.size() + " variants, " + loaded[0] + " loaded, "
                + (variants.size() - loaded[0]) + " refused with file:line messages");
    }

    private static void check(Variant v, Path file, List<String> failures, int[] loaded) {
        int lines = new String(v.bytes, StandardCharsets.ISO_8859_1).split("\n", -1).length + 1;
        Pattern located = Pattern.compile(Pattern.quote(file.toString()) + ":(\\d+): \\S.*", Pattern.DOTALL);
        try {
            ProfileLoader.load(file);
            loaded[0]++;
            if (v.secret) failures.add(v + ": a profile with a secret inline loaded");
        } catch (ProfileException e) {
            if (e.problems().isEmpty()) failures.add(v + ": no problems listed");
            if (Boolean.getBoolean("fuzz.print")) System.out.println(v + " -> " + e.problems().get(0).replace(file.toString(), "F"));
            for (String p : e.problems()) {
                var m = located.matcher(p);
                if (!m.matches()) {
                    failures.add(v + ": not 'file:line: message': " + p);
                } else if (Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > lines) {
                    failures.add(v + ": line out of range: " + p);
                }
                if (p.contains(SECRET) || p.contains(SECRET.toUpperCase().substring(0, 16))) {
                    failures.add(v + ": the message quotes the secret: " + p);
                }
            }
        } catch (Throwable t) {
            failures.add(v + ": threw " + t);
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
            add(out, "CRLF line ends", name, text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), false);
            add(out, "byte order mark", name, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8), false);
            add(out, "second document", name, (text + "\n---\nname: other\nreadOnly: maybe\n").getBytes(StandardCharsets.UTF_8), false);
            add(out, "a list, not a mapping", name, ("- " + text.replace("\n", "\n  ")).getBytes(StandardCharsets.UTF_8), false);
        }
        for (String special : specials()) add(out, "special", "-", special.getBytes(StandardCharsets.UTF_8), false);
        return out;
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
                "region: 'us-east-1'''\n");
    }
}
