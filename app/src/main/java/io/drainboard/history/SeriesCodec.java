package io.drainboard.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One hour of a series as bytes: per point the time since the previous point (or the hour's start) in
 * tenths of a second, then the value, both as varints (value zig-zag, so -1 "unknown" is one byte). A
 * point every 5 s with small counts costs about 2 bytes.
 */
final class SeriesCodec {
    static final long HOUR_MILLIS = 3_600_000L;
    private static final long UNIT_MILLIS = 100;

    private SeriesCodec() {
    }

    static long hourOf(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), HOUR_MILLIS);
    }

    static Instant hourStart(long hour) {
        return Instant.ofEpochMilli(hour * HOUR_MILLIS);
    }

    /** Units since the hour's start; every point of a blob lies inside its hour. */
    static long unitOf(long hour, Instant t) {
        return (t.toEpochMilli() - hour * HOUR_MILLIS) / UNIT_MILLIS;
    }

    static List<SeriesPoint> decode(long hour, byte[] data) {
        List<SeriesPoint> out = new ArrayList<>();
        int[] pos = {0};
        long unit = 0;
        while (pos[0] < data.length) {
            unit += readVarint(data, pos);
            long z = readVarint(data, pos);
            int value = (int) ((z >>> 1) ^ -(z & 1));
            out.add(new SeriesPoint(Instant.ofEpochMilli(hour * HOUR_MILLIS + unit * UNIT_MILLIS), value));
        }
        return out;
    }

    /** Every point, in time order, all inside {@code hour}. */
    static byte[] encode(long hour, List<SeriesPoint> points) {
        Appender a = new Appender(hour, new byte[0]);
        for (SeriesPoint p : points) a.append(p.at(), p.calls(), true);
        return a.bytes();
    }

    /** A growing blob for the current hour of one series, appending only changes. */
    static final class Appender {
        final long hour;
        private byte[] buf;
        private int size;
        private long lastUnit;
        private int lastValue = Integer.MIN_VALUE; // forces the first point (of the hour or of the session)

        Appender(long hour, byte[] existing) {
            this.hour = hour;
            this.buf = Arrays.copyOf(existing, Math.max(16, existing.length * 2));
            this.size = existing.length;
            List<SeriesPoint> old = decode(hour, existing);
            if (!old.isEmpty()) lastUnit = unitOf(hour, old.get(old.size() - 1).at());
        }

        /** Adds a point if the value changed (or {@code always}); false if it was not added. */
        boolean append(Instant at, int value, boolean always) {
            long unit = unitOf(hour, at);
            if (unit < lastUnit || (!always && value == lastValue)) return false;
            writeVarint(unit - lastUnit);
            writeVarint(((long) value << 1) ^ (value >> 31));
            lastUnit = unit;
            lastValue = value;
            return true;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }

        private void writeVarint(long v) {
            if (size + 10 > buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }
    }

    private static long readVarint(byte[] data, int[] pos) {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = data[pos[0]++];
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
            shift += 7;
        }
    }
}
