package io.drainboard.rollout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static io.drainboard.rollout.Snapshots.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a rollout keeps, at the edges the mutation run found unpinned: the journal a resumed console trusts and an
 * operator reads with {@code tail}, its claim on the service, and the lock tag at ECS's length limit
 * (docs/benchmarks.md, test strength).
 */
class RolloutRecordsEdgesTest {
    @TempDir
    Path dir;


    @Test
    void aDrainHasEndedOnlyOnceItsEndIsRecorded() {
        DrainMemo d = new DrainMemo("t1", null, NOW);
        assertFalse(d.ended());
        d.endedAt = NOW.plusSeconds(30);
        assertTrue(d.ended());
    }

    @Test
    void theJournalOnDiskIsOneRecordPerLineWithNoEmptyLines() throws Exception {
        RolloutJournal j = new RolloutJournal(dir);
        RolloutMemory m = Snapshots.memory("r1");
        j.record(m, NOW, "start");
        j.record(m, NOW.plusSeconds(1), "locked");
        j.record(m, NOW.plusSeconds(2), "protected");
        List<String> raw = Files.readAllLines(j.file("r1"), StandardCharsets.UTF_8);
        assertEquals(3, raw.size(), String.join("\n", raw));
        assertTrue(raw.stream().noneMatch(String::isBlank));
    }

    @Test
    void anEmptyJournalFileOrOneWithBlankLinesKeepsTheNumbering() throws Exception {
        RolloutJournal j = new RolloutJournal(dir);
        Files.createDirectories(dir);
        Files.createFile(j.file("r1"));
        RolloutMemory m = Snapshots.memory("r1");
        j.record(m, NOW, "start");
        Files.writeString(j.file("r1"), "\n\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        j.record(m, NOW.plusSeconds(1), "locked");
        assertEquals(List.of(1L, 2L), j.lines("r1").stream().map(RolloutJournal.Line::seq).toList());
    }

    @Test
    void aJournalThatCannotBeWrittenIsSaidBeforeTheRolloutStarts() throws Exception {
        assertEquals(java.util.Optional.empty(), new RolloutJournal(dir.resolve("ok")).writable());
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        java.util.Optional<String> why = new RolloutJournal(file.resolve("rollouts")).writable();
        assertTrue(why.isPresent());
        assertTrue(why.get().contains("cannot be written"), why.get());
        assertTrue(why.get().startsWith(file.resolve("rollouts").toString()), why.get());
        assertEquals(dir.resolve("ok"), new RolloutJournal(dir.resolve("ok")).directory());
    }

    @Test
    void aJournaledRolloutsSpecIsReadBackAndAMissingOneIsNamed() {
        RolloutJournal j = new RolloutJournal(dir);
        RolloutMemory m = Snapshots.memory("r1");
        j.record(m, NOW, "start");
        assertEquals(m.spec, j.spec("r1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> j.spec("r9"));
        assertTrue(e.getMessage().contains("no rollout journal r9 in " + dir), e.getMessage());
    }

    @Test
    void aClosedJournalReleasesItsClaimsSoTheNextEngineMayDrive() {
        RolloutJournal first = new RolloutJournal(dir);
        JournalClaim c = first.claim("voice/agent", "p1", "alice");
        assertNotNull(c);
        RolloutJournal second = new RolloutJournal(dir);
        assertThrows(RolloutRefused.class, () -> second.claim("voice/agent", "p2", "bob"));
        first.close();
        second.claim("voice/agent", "p2", "bob");
        second.close();
        first.claim("voice/agent", "p3", "alice");
        first.close();
    }

    @Test
    void unfinishedRolloutsAreTheJournalsNewestFirst() {
        RolloutJournal j = new RolloutJournal(dir);
        j.record(Snapshots.memory("20261201-a"), NOW, "start");
        j.record(Snapshots.memory("20261203-b"), NOW, "start");
        assertEquals(List.of("20261203-b", "20261201-a"), j.unfinished());
    }

    @Test
    void aLockTagOfExactlyEcssLimitIsKeptWhole() {
        Instant until = Instant.parse("2026-12-07T03:40:00Z");
        String base = new LockHolder("alice", "laptop", until, "l1", "", "p", 7).tagValue();
        int room = 256 - base.length() + 1; // "rollout=?" becomes "rollout=" + room characters
        String value = new LockHolder("alice", "laptop", until, "l1", "r".repeat(room), "p", 7).tagValue();
        assertEquals(256, value.length());
        assertTrue(value.endsWith("r"), value);
        assertEquals("r".repeat(room), LockHolder.parse(value).orElseThrow().rollout());
    }

}
