package io.tagforge.labelsystem.ramformat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A text file as its exact lines and {@link LineFormat}, read as strict UTF-8, so that {@link #bytes} gives the
 * file back byte for byte.
 */
public record TextLines(Path file, List<String> lines, LineFormat format) {

    public static TextLines read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw TagListException.in(file, "no such file");
        } catch (IOException e) {
            throw TagListException.in(file, "cannot read: " + e.getMessage());
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw TagListException.at(file, 1, "starts with a UTF-8 byte-order mark; save the file without it");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        Boolean crlf = null;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int lineNumber = lines.size() + 1;
            int textEnd = end;
            if (end < bytes.length) {
                boolean thisCrlf = end > start && bytes[end - 1] == '\r';
                if (crlf != null && crlf != thisCrlf) {
                    throw TagListException.at(file, lineNumber, "mixes CRLF and LF line endings");
                }
                crlf = thisCrlf;
                textEnd = thisCrlf ? end - 1 : end;
            }
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, textEnd - start)).toString();
            } catch (CharacterCodingException e) {
                throw TagListException.at(file, lineNumber, "not valid UTF-8");
            }
            if (line.indexOf('\r') >= 0) {
                throw TagListException.at(file, lineNumber, "stray carriage return");
            }
            lines.add(line);
            start = end + 1;
        }
        boolean finalNewline = bytes.length > 0 && bytes[bytes.length - 1] == '\n';
        return new TextLines(file, List.copyOf(lines),
                new LineFormat(Boolean.TRUE.equals(crlf) ? "\r\n" : "\n", finalNewline));
    }

    /** The file's bytes: each line, the separator between lines, and one after the last if the format says. */
    public static byte[] bytes(List<String> lines, LineFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] separator = format.lineSeparator().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
            if (i < lines.size() - 1 || format.finalNewline()) {
                out.writeBytes(separator);
            }
        }
        return out.toByteArray();
    }

    /** Rejects an empty file and blank lines, naming the first. */
    TextLines requireNoBlankLines() {
        if (lines.isEmpty()) {
            throw TagListException.in(file, "is empty");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw TagListException.at(file, i + 1, "blank line");
            }
        }
        return this;
    }

    /** Rejects a file whose line count differs from {@code other}'s. */
    TextLines requireSameLength(TextLines other) {
        if (lines.size() != other.lines().size()) {
            throw TagListException.in(file, "has " + lines.size() + " lines but " + other.file().getFileName()
                    + " has " + other.lines().size() + ": the files must have one line per tag");
        }
        return this;
    }
}
