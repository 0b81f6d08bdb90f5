package io.tagforge.engine.evaluate;

import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Scores as CSV: one row per image, {@code image,score,score,...} with one score per taglist entry, the images in
 * the ground truth's order. An optional first row {@code image,tag,tag,...} must name the taglist's entries.
 */
final class ScoreCsv {

    private ScoreCsv() {
    }

    static ScoreMatrix read(Path file, LabelFile groundTruth, Taglist taglist) {
        int columns = taglist.size();
        float[] values = new float[Math.multiplyExact(groundTruth.size(), columns)];
        int row = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).get().parse(in)) {
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber(); // scores never hold line breaks
                if (record.getRecordNumber() == 1 && isHeader(record)) {
                    requireHeader(record, taglist, file, line);
                    continue;
                }
                if (record.size() != columns + 1) {
                    throw new TagforgeException(file + ":" + line + ": " + (record.size() - 1) + " scores, expected "
                            + columns + " (one per entry of " + taglist.file() + ")");
                }
                groundTruth.requireImageAt(row, record.get(0), file, line);
                for (int c = 0; c < columns; c++) {
                    values[row * columns + c] = parseScore(record.get(c + 1), file, line, taglist.name(c));
                }
                row++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new TagforgeException(file + ": malformed CSV: " + e.getMessage(), e);
        }
        groundTruth.requireCount(row, file);
        return new ScoreMatrix(groundTruth.size(), columns, values);
    }

    private static boolean isHeader(CSVRecord record) {
        return record.size() > 1 && !isNumber(record.get(1));
    }

    private static void requireHeader(CSVRecord record, Taglist taglist, Path file, long line) {
        if (record.size() != taglist.size() + 1) {
            throw new TagforgeException(file + ":" + line + ": header names " + (record.size() - 1)
                    + " tags, the taglist has " + taglist.size());
        }
        for (int c = 0; c < taglist.size(); c++) {
            if (!record.get(c + 1).equals(taglist.name(c))) {
                throw new TagforgeException(file + ":" + line + ": header column " + (c + 2) + " is \""
                        + record.get(c + 1) + "\", taglist entry " + (c + 1) + " is \"" + taglist.name(c) + "\"");
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Float.parseFloat(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static float parseScore(String s, Path file, long line, String tag) {
        try {
            float v = Float.parseFloat(s);
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a non-finite value
        }
        throw new TagforgeException(file + ":" + line + ": score for " + tag + " is \"" + s + "\", not a finite number");
    }
}
