package io.tagforge.engine.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Captions to parse, read lazily from a COCO captions JSON (first character '{'), a {@code path<TAB>caption}
 * TSV (the first non-blank line has a TAB) or plain text (one caption per line, image id = line number).
 * <p>
 * Bad records do not stop the file; each gets a warning naming file, line and field:
 * invalid UTF-8 bytes are replaced by U+FFFD and the caption is parsed; a TSV line without a TAB and a COCO
 * annotation without a text caption are skipped; an empty caption is kept (it has no tags). Only a file that
 * is not JSON where JSON was announced is an error: nothing of it is parsed.
 */
public final class CaptionFile implements Iterator<CaptionRecord>, Closeable {

    enum Format { COCO_JSON, TSV, PLAIN_TEXT }

    private static final char REPLACEMENT = '\uFFFD';

    private final Path file;
    private final Format format;
    private final Reader reader;
    private final Consumer<String> warnings;
    private final BufferedReader lines;
    private final JsonParser json;
    private final ObjectMapper mapper = new ObjectMapper();
    private long lineNumber;
    private long annotationIndex;
    private CaptionRecord next;

    private CaptionFile(Path file, Format format, Reader reader, Consumer<String> warnings) throws IOException {
        this.file = file;
        this.format = format;
        this.reader = reader;
        this.warnings = warnings;
        if (format == Format.COCO_JSON) {
            this.lines = null;
            this.json = new JsonFactory().createParser(reader);
            seekAnnotations();
        } else {
            this.lines = new BufferedReader(reader, 1 << 16);
            this.json = null;
        }
        advance();
    }

    /** The first {@code limit} captions' texts (all when null), for timing the parser on them. */
    public static List<String> texts(Path file, Integer limit, Consumer<String> warnings) {
        List<String> texts = new ArrayList<>();
        try (CaptionFile captions = open(file, warnings)) {
            while (captions.hasNext() && (limit == null || texts.size() < limit)) {
                texts.add(captions.next().caption());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** Opens the file; {@code warnings} receives one line per bad record. */
    static CaptionFile open(Path file, Consumer<String> warnings) {
        try {
            Format format = detect(file);
            return new CaptionFile(file, format, utf8(file), warnings);
        } catch (NoSuchFileException e) {
            throw new TagforgeException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    Format format() {
        return format;
    }

    private static Reader utf8(Path file) throws IOException {
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    private static Format detect(Path file) throws IOException {
        try (PushbackReader in = new PushbackReader(utf8(file))) {
            int c;
            do {
                c = in.read();
            } while (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c)));
            if (c == '{') {
                return Format.COCO_JSON;
            }
            if (c >= 0) {
                in.unread(c);
            }
            String first = new BufferedReader(in).readLine();
            return first != null && first.indexOf('\t') >= 0 ? Format.TSV : Format.PLAIN_TEXT;
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public CaptionRecord next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        CaptionRecord current = next;
        try {
            advance();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return current;
    }

    private void advance() throws IOException {
        next = null;
        while (next == null) {
            boolean more = format == Format.COCO_JSON ? nextAnnotation() : nextLine();
            if (!more) {
                return;
            }
        }
    }

    private boolean nextLine() throws IOException {
        String line = lines.readLine();
        if (line == null) {
            return false;
        }
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.indexOf(REPLACEMENT) >= 0) {
            warnings.accept(where() + ": invalid UTF-8, bytes replaced by U+FFFD");
        }
        if (format == Format.PLAIN_TEXT) {
            next = new CaptionRecord(lineNumber, line);
            return true;
        }
        if (line.isBlank()) {
            return true;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
            warnings.accept(where() + ": no TAB between image path and caption, line skipped");
            return true;
        }
        next = new CaptionRecord(line.substring(0, tab).strip(), line.substring(tab + 1));
        return true;
    }

    private void seekAnnotations() throws IOException {
        try {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw notCoco("the top level is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (name.equals("annotations")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw notCoco("field \"annotations\" is not an array");
                    }
                    return;
                }
                json.skipChildren();
            }
            throw notCoco("no field \"annotations\"");
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    private boolean nextAnnotation() throws IOException {
        try {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            long line = json.currentLocation().getLineNr();
            String field = "annotations[" + annotationIndex++ + "]";
            JsonNode annotation = mapper.readTree(json);
            JsonNode caption = annotation.get("caption");
            JsonNode imageId = annotation.get("image_id");
            if (caption == null || !caption.isTextual()) {
                warnings.accept(file + ":" + line + ": " + field + ".caption: not a text, annotation skipped");
                return true;
            }
            if (caption.asText().indexOf(REPLACEMENT) >= 0) {
                warnings.accept(file + ":" + line + ": " + field + ".caption: invalid UTF-8, bytes replaced by U+FFFD");
            }
            Object id = imageId == null || imageId.isNull() ? null
                    : imageId.canConvertToLong() ? (Object) imageId.asLong() : imageId.asText();
            next = new CaptionRecord(id, caption.asText());
            return true;
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    private String where() {
        return file + ":" + lineNumber;
    }

    private TagforgeException notCoco(String problem) {
        return new TagforgeException(file + ":" + json.currentLocation().getLineNr() + ": not a COCO captions file: "
                + problem);
    }

    private TagforgeException notJson(JsonProcessingException e) {
        String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
        return new TagforgeException(file + at + ": not valid JSON: " + e.getOriginalMessage());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
