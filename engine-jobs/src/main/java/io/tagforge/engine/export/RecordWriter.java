package io.tagforge.engine.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Writes image records to a temporary file beside the target, hashing as it goes; {@link StagedFile#publish}
 * moves it into place. The bytes depend on the records alone: no timestamps, fixed key order, sorted IDs.
 */
final class RecordWriter implements AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final ExportFormat format;
    private final ReleaseIndex release;
    private final StagedFile staged;
    private final MessageDigest digest;
    private final JsonGenerator json;
    private long images;

    RecordWriter(Path target, ExportFormat format, ReleaseIndex release) throws IOException {
        this.format = format;
        this.release = release;
        this.staged = StagedFile.beside(target);
        this.digest = Sha256.digest();
        OutputStream out = new BufferedOutputStream(
                new DigestOutputStream(Files.newOutputStream(staged.temporary()), digest), 1 << 16);
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(new SerializedString(format == ExportFormat.RAM_JSON ? ",\n" : "\n"));
        if (format == ExportFormat.RAM_JSON) {
            json.writeRaw('[');
        }
    }

    void write(ImageRecords r) throws IOException {
        if (images++ == 0 && format == ExportFormat.RAM_JSON) {
            json.writeRaw('\n');
        }
        json.writeStartObject();
        json.writeStringField("image_path", r.exportedPath());
        json.writeArrayFieldStart("caption");
        for (String caption : r.captions()) {
            json.writeString(caption);
        }
        json.writeEndArray();
        json.writeFieldName("union_label_id");
        writeIds(r.union());
        if (format == ExportFormat.JSONL) {
            json.writeFieldName("union_label");
            writeNames(r.union());
        }
        json.writeArrayFieldStart("parse_label_id");
        for (int i = 0; i < r.captions().size(); i++) {
            writeIds(r.parsed(i));
        }
        json.writeEndArray();
        if (format == ExportFormat.JSONL) {
            json.writeArrayFieldStart("parse_label");
            for (int i = 0; i < r.captions().size(); i++) {
                writeNames(r.parsed(i));
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void writeIds(IdList ids) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < ids.size(); i++) {
            json.writeNumber(ids.get(i));
        }
        json.writeEndArray();
    }

    private void writeNames(IdList ids) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < ids.size(); i++) {
            json.writeString(release.entries().get(ids.get(i)).name());
        }
        json.writeEndArray();
    }

    long images() {
        return images;
    }

    /** Ends the file and returns it, staged, with its SHA-256. */
    StagedFile finish() throws IOException {
        if (format == ExportFormat.RAM_JSON) {
            json.writeRaw(images == 0 ? "]\n" : "\n]\n");
        } else if (images > 0) {
            json.writeRaw('\n');
        }
        json.close();
        return staged.withSha256(HexFormat.of().formatHex(digest.digest()));
    }

    /** Closes without publishing; the temporary file goes. */
    @Override
    public void close() throws IOException {
        if (!json.isClosed()) {
            json.close();
            staged.discard();
        }
    }
}
