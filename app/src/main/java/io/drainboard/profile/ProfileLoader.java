package io.drainboard.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and validates a profile YAML file. Every problem is reported at once, each with file, line and
 * the fix, and unknown keys are reported rather than ignored. Whatever the file holds, the only
 * exception that leaves here is {@link ProfileException}.
 */
public final class ProfileLoader {
    /** A profile is a few dozen lines; anything this big is not one (and is not read into memory whole). */
    static final long MAX_BYTES = 256 * 1024;

    private ProfileLoader() {
    }

    /**
     * A headless command's arguments and profile, or the exit code it ends with (the problem already said on
     * {@code err}): both present, or neither.
     */
    public record ForCommand<A>(Optional<A> args, Optional<Profile> profile, ExitCode failure) {
        public boolean failed() {
            return profile.isEmpty();
        }
    }

    /**
     * The start of a headless command (guard, --check, scaling-lab): its arguments parsed — an
     * {@link IllegalArgumentException} from {@code parse} is a usage error: its message and the usage, USAGE (64) —
     * then the profile they name loaded: the problems, one a line, and CONFIG (78) for a file that is there but wrong,
     * NOT_FOUND (66) for one that is not.
     */
    public static <A> ForCommand<A> forCommand(List<String> args, Function<List<String>, A> parse,
                                               Function<A, Path> profile, String usage, PrintStream err) {
        A a;
        try {
            a = parse.apply(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage);
            return new ForCommand<>(Optional.empty(), Optional.empty(), ExitCode.USAGE);
        }
        Path file = profile.apply(a);
        try {
            return new ForCommand<>(Optional.of(a), Optional.of(load(file)), ExitCode.OK);
        } catch (ProfileException e) {
            err.println("error: the profile " + file + " cannot be used:");
            e.problems().forEach(x -> err.println("  " + x));
            return new ForCommand<>(Optional.empty(), Optional.empty(), Files.exists(file) ? ExitCode.CONFIG : ExitCode.NOT_FOUND);
        }
    }

    public static Profile load(Path file) throws ProfileException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ProfileException(file + ":1: the file is " + Files.size(file) / 1024
                        + " KiB; a profile is a small YAML file (see profiles/demo.yaml)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot read the profile (" + e.getMessage()
                    + "). Check the path; example profiles are in profiles/.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProfileException(file + ":" + lineOfFirstBadByte(bytes)
                    + ": not UTF-8 text; save the profile as UTF-8 (is this really a profile?)");
        }
        return parse(file, text);
    }

    public static Profile parse(Path file, String text) throws ProfileException {
        if (text.length() > MAX_BYTES) {
            throw new ProfileException(file + ":1: the text is too long for a profile (see profiles/demo.yaml)");
        }
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.parse(text);
        } catch (JsonProcessingException e) {
            throw new ProfileException(yamlProblem(file, e));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML can still fail outside Jackson's wrapping on hostile input; the message stays short.
            throw new ProfileException(file + ":1: not valid YAML (" + e.getClass().getSimpleName()
                    + "). Compare it with profiles/demo.yaml.");
        }
        try {
            return new ProfileReader(file, yaml).read();
        } catch (RuntimeException e) {
            throw new ProfileException(file + ":1: cannot read this profile (" + e.getClass().getSimpleName()
                    + "). Compare it with profiles/demo.yaml.");
        }
    }

    /**
     * Line and SnakeYAML's one-line problem only: its full message quotes the offending line, which
     * could carry something that should not end up in a log.
     */
    private static String yamlProblem(Path file, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String problem = e.getOriginalMessage();
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m) {
                if (m.getProblemMark() != null) line = m.getProblemMark().getLine() + 1;
                problem = m.getProblem();
                break;
            }
        }
        if (problem == null) problem = "unreadable";
        if (problem.startsWith("Expected a field name")) problem = "a key must be a plain word, not a list or mapping";
        problem = problem.lines().findFirst().orElse(problem);
        if (problem.length() > 160) problem = problem.substring(0, 160) + "…";
        return file + ":" + Math.max(line, 1) + ": not valid YAML (" + problem
                + "). Fix the indentation or quoting on that line.";
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') line++;
            if (bytes[i] < 0) { // a multi-byte sequence: check it decodes on its own
                int len = (bytes[i] & 0xE0) == 0xC0 ? 2 : (bytes[i] & 0xF0) == 0xE0 ? 3 : (bytes[i] & 0xF8) == 0xF0 ? 4 : 1;
                try {
                    decoder.decode(ByteBuffer.wrap(bytes, i, Math.min(len, bytes.length - i)));
                    i += len - 1;
                } catch (CharacterCodingException e) {
                    return line;
                }
            }
        }
        return line;
    }
}
