package io.tagforge.engine.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RAM's training JSON: a list of {@code {image_path, caption: [..], union_label_id: [..],
 * parse_label_id: [[..] per caption]}}; the label lists are optional.
 */
final class RamTrainingJson implements CaptionSource {

    private final JsonFactory json = new JsonFactory();

    @Override
    public void read(Path file, InputStream in, IngestSink out, ImagePaths paths) throws IOException {
        JsonRecords r = new JsonRecords(file, json.createParser(in));
        r.next();
        r.forEachObject("top level", (i, line) -> readRecord(r, i, line, out, paths));
        r.end();
    }

    private static void readRecord(JsonRecords r, long i, long line, IngestSink out, ImagePaths paths) throws IOException {
        String path = null;
        List<String> captions = null;
        List<Integer> union = List.of();
        List<List<Integer>> parsed = null;
        while (r.next() == JsonToken.FIELD_NAME) {
            String field = r.parser().currentName();
            JsonToken value = r.next();
            String where = "[" + i + "]." + field;
            switch (field) {
                case "image_path" -> path = r.textValue(value, where);
                case "caption" -> captions = captions(r, value, where);
                case "union_label_id" -> union = ids(r, value, where);
                case "parse_label_id" -> parsed = idLists(r, value, where);
                default -> r.parser().skipChildren();
            }
        }
        r.require(path, line, "[" + i + "].image_path");
        r.require(captions, line, "[" + i + "].caption");
        paths.check(r.file(), line, "[" + i + "].image_path", path);
        if (parsed != null && parsed.size() != captions.size()) {
            throw new IngestException(r.file(), line, "[" + i + "].parse_label_id",
                    parsed.size() + " lists for " + captions.size() + " captions");
        }
        out.image(line, path, path, null, null);
        for (int c = 0; c < captions.size(); c++) {
            out.caption(line, path, c, captions.get(c));
            if (parsed != null) {
                for (int label : parsed.get(c)) {
                    out.label(line, path, c, captions.get(c), label);
                }
            }
        }
        for (int label : union) {
            out.label(line, path, -1, null, label);
        }
    }

    private static List<String> captions(JsonRecords r, JsonToken t, String field) throws IOException {
        List<String> list = new ArrayList<>();
        if (t == JsonToken.VALUE_STRING) {
            list.add(r.captionValue(t, field));
            return list;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new IngestException(r.file(), r.line(), field, "expected a list of captions");
        }
        JsonToken e;
        while ((e = r.next()) != JsonToken.END_ARRAY) {
            list.add(r.captionValue(e, field + "[" + list.size() + "]"));
        }
        if (list.isEmpty()) {
            throw new IngestException(r.file(), r.line(), field, "no captions");
        }
        return list;
    }

    private static List<Integer> ids(JsonRecords r, JsonToken t, String field) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new IngestException(r.file(), r.line(), field, "expected a list of tag ids");
        }
        List<Integer> list = new ArrayList<>();
        JsonToken e;
        while ((e = r.next()) != JsonToken.END_ARRAY) {
            list.add(r.nonNegativeInt(e, field + "[" + list.size() + "]"));
        }
        return list;
    }

    private static List<List<Integer>> idLists(JsonRecords r, JsonToken t, String field) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new IngestException(r.file(), r.line(), field, "expected a list of tag-id lists");
        }
        List<List<Integer>> lists = new ArrayList<>();
        JsonToken e;
        while ((e = r.next()) != JsonToken.END_ARRAY) {
            lists.add(ids(r, e, field + "[" + lists.size() + "]"));
        }
        return lists;
    }
}
