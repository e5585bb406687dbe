package io.drainboard.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema moves forward one numbered step at a time and keeps what was recorded. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void aNewStepIsAppliedOnceToAnExistingFileAndKeepsItsRows() throws Exception {
        Path file = dir.resolve("h.db");
        HistorySettings settings = HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO);
        try (HistoryDatabase db = HistoryDatabase.open(file, settings); Statement s = db.writer().createStatement()) {
            assertEquals(Migrations.latest(), Migrations.version(db.writer()));
            s.execute("INSERT INTO services(arn, region, cluster, name) VALUES ('arn:x', 'r', 'c', 'n')");
        }
        List<List<String>> next = new ArrayList<>(Migrations.STEPS);
        next.add(List.of("ALTER TABLE services ADD COLUMN note TEXT", "UPDATE services SET note = 'migrated'"));
        for (int i = 0; i < 2; i++) { // the second open finds nothing to do
            try (HistoryDatabase db = HistoryDatabase.open(file, settings, next);
                 Statement s = db.writer().createStatement(); ResultSet r = s.executeQuery("SELECT name, note FROM services")) {
                assertTrue(r.next());
                assertEquals("n", r.getString(1));
                assertEquals("migrated", r.getString(2));
                assertEquals(next.size(), Migrations.version(db.writer()));
            }
        }
    }

    @Test
    void aFailingStepLeavesTheFileAtTheVersionBefore() throws Exception {
        Path file = dir.resolve("h.db");
        HistorySettings settings = HistorySettings.DEFAULT.withBusyTimeout(Duration.ZERO);
        try (HistoryDatabase db = HistoryDatabase.open(file, settings)) {
            assertEquals(1, Migrations.version(db.writer()));
        }
        List<List<String>> broken = new ArrayList<>(Migrations.STEPS);
        broken.add(List.of("CREATE TABLE extra(x)", "THIS IS NOT SQL"));
        assertThrows(HistoryUnavailable.class, () -> HistoryDatabase.open(file, settings, broken));
        try (HistoryDatabase db = HistoryDatabase.open(file, settings); Statement s = db.writer().createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'extra'")) {
            assertEquals(1, Migrations.version(db.writer()));
            r.next();
            assertEquals(0, r.getInt(1), "the half-applied step was rolled back");
        }
    }
}
