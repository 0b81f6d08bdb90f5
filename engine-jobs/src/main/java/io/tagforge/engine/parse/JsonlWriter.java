package io.tagforge.engine.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.parser.caption.Mention;
import io.tagforge.parser.caption.ParsedCaption;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * One JSON object per caption, the format the vocabulary builder reads:
 * {@code {"image_id", "caption", "tags", "tag_ids", "mentions": [{"surface", "lemma", "kind", "start", "end",
 * "negated", "tag_id", "tag", "rule"}]}}; tag_id, tag and rule are null for an out-of-vocabulary mention.
 */
final class JsonlWriter implements Closeable {

    private final Writer out;
    private final JsonGenerator json;

    JsonlWriter(Writer out) throws IOException {
        this.out = out;
        this.json = new JsonFactory().createGenerator(out);
        json.setRootValueSeparator(null);
    }

    void write(CaptionRecord record, ParsedCaption parsed) throws IOException {
        json.writeStartObject();
        writeId(record.imageId());
        json.writeStringField("caption", record.caption());
        List<TagMatch> tags = parsed.tags();
        json.writeArrayFieldStart("tags");
        for (TagMatch t : tags) {
            json.writeString(t.tagName());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("tag_ids");
        for (TagMatch t : tags) {
            json.writeNumber(t.tagId());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("mentions");
        for (Mention m : parsed.mentions()) {
            writeMention(m);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }

    private void writeId(Object id) throws IOException {
        json.writeFieldName("image_id");
        if (id instanceof Long n) {
            json.writeNumber(n);
        } else if (id == null) {
            json.writeNull();
        } else {
            json.writeString(id.toString());
        }
    }

    private void writeMention(Mention m) throws IOException {
        json.writeStartObject();
        json.writeStringField("surface", m.surface());
        json.writeStringField("lemma", m.lemma());
        json.writeStringField("kind", m.kind().name());
        json.writeNumberField("start", m.start());
        json.writeNumberField("end", m.end());
        json.writeBooleanField("negated", m.negated());
        TagMatch tag = m.tag();
        if (tag == null) {
            json.writeNullField("tag_id");
            json.writeNullField("tag");
            json.writeNullField("rule");
        } else {
            json.writeNumberField("tag_id", tag.tagId());
            json.writeStringField("tag", tag.tagName());
            json.writeStringField("rule", tag.rule().name());
        }
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
