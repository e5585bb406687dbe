package io.drainboard.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the tar format (POSIX ustar, with GNU long names and PAX path records) to read an image archive
 * and its layers in a test, without a library for it.
 */
final class Tar {
    record Entry(String name, char type, int mode, String link, byte[] data) {
        boolean file() {
            return type == '0' || type == 0;
        }
    }

    private Tar() {
    }

    static List<Entry> read(InputStream in) throws IOException {
        List<Entry> out = new ArrayList<>();
        String longName = null;
        while (true) {
            byte[] h = in.readNBytes(512);
            if (h.length < 512 || isZero(h)) break;
            String name = text(h, 0, 100);
            String prefix = text(h, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            int mode = (int) octal(h, 100, 8);
            long size = octal(h, 124, 12);
            char type = (char) h[156];
            String link = text(h, 157, 100);
            byte[] data = in.readNBytes((int) size);
            in.readNBytes((int) ((512 - size % 512) % 512));
            if (type == 'L') {
                longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (type == 'x') {
                for (String rec : new String(data, StandardCharsets.UTF_8).split("\n")) {
                    int sp = rec.indexOf(' ');
                    if (sp > 0 && rec.substring(sp + 1).startsWith("path=")) longName = rec.substring(sp + 6);
                }
                continue;
            }
            if (type == 'g') continue;
            if (longName != null) {
                name = longName;
                longName = null;
            }
            out.add(new Entry(name, type, mode, link, data));
        }
        return out;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) {
        String s = text(b, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
