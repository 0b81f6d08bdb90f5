package io.tagforge.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;

/** Streaming JSON with errors that name file, line and field (Jackson's own ones included). */
final class JsonRecords {

    static final int MAX_CAPTION_CHARS = 100_000;

    private final Path file;
    private final JsonParser parser;

    JsonRecords(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    Path file() {
        return file;
    }

    JsonParser parser() {
        return parser;
    }

    long line() {
        return parser.currentLocation().getLineNr();
    }

    JsonToken next() throws IOException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw new IngestException(file, line(), "JSON", "unexpected end of file (truncated?)");
            }
            return t;
        } catch (JsonProcessingException e) {
            throw error(file, e);
        } catch (CharConversionException e) {
            throw new IngestException(file, line(), "JSON", e.getMessage());
        }
    }

    static IngestException error(Path file, JsonProcessingException e) {
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String message = e instanceof JsonEOFException ? "unexpected end of file (truncated?)" : e.getOriginalMessage();
        return new IngestException(file, line, "JSON", message.lines().findFirst().orElse(message));
    }

    void expect(JsonToken expected, String field, String what) throws IOException {
        if (next() != expected) {
            throw new IngestException(file, line(), field, "expected " + what);
        }
    }

    /** After the top-level value: nothing but white space may follow. */
    void end() throws IOException {
        try {
            if (parser.nextToken() != null) {
                throw new IngestException(file, line(), "JSON", "unexpected content after the end of the document");
            }
        } catch (JsonProcessingException e) {
            throw error(file, e);
        }
    }

    interface FieldReader {
        void read(String field, JsonToken value, String where) throws IOException;
    }

    /** Inside an object: calls {@code reader} for each field, {@code where} being {@code prefix.field}. */
    void forEachField(String prefix, FieldReader reader) throws IOException {
        while (next() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = next();
            reader.read(field, value, prefix + "." + field);
        }
    }

    interface RecordReader {
        void read(long index, long line) throws IOException;
    }

    /** The current token opens an array of objects; calls {@code reader} positioned inside each object. */
    void forEachObject(String field, RecordReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IngestException(file, line(), field, "expected an array");
        }
        long i = 0;
        JsonToken t;
        while ((t = next()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new IngestException(file, line(), field + "[" + i + "]", "expected an object");
            }
            reader.read(i++, line());
        }
    }

    String idValue(JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_STRING) {
            String s = parser.getText();
            if (!s.isBlank()) {
                return s;
            }
        }
        throw new IngestException(file, line(), field, "expected an id (number or string)");
    }

    String textValue(JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new IngestException(file, line(), field, "expected a string");
        }
        return parser.getText();
    }

    String captionValue(JsonToken t, String field) throws IOException {
        String caption = textValue(t, field).strip();
        if (caption.isEmpty()) {
            throw new IngestException(file, line(), field, "empty caption");
        }
        if (caption.length() > MAX_CAPTION_CHARS) {
            throw new IngestException(file, line(), field, "caption longer than " + MAX_CAPTION_CHARS + " characters");
        }
        return caption;
    }

    Integer positiveInt(JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() <= 0 || parser.getLongValue() > Integer.MAX_VALUE) {
            throw new IngestException(file, line(), field, "expected a positive integer");
        }
        return parser.getIntValue();
    }

    int nonNegativeInt(JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0 || parser.getLongValue() > Integer.MAX_VALUE) {
            throw new IngestException(file, line(), field, "expected a non-negative integer");
        }
        return parser.getIntValue();
    }

    void require(Object value, long line, String field) {
        if (value == null) {
            throw new IngestException(file, line, field, "missing");
        }
    }
}
