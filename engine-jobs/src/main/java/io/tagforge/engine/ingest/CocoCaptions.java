package io.tagforge.engine.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** COCO captions JSON: {@code images[] {id, file_name, width, height}} and {@code annotations[] {image_id, caption}}. */
final class CocoCaptions implements CaptionSource {

    private final JsonFactory json = new JsonFactory();

    @Override
    public void read(Path file, InputStream in, IngestSink out, ImagePaths paths) throws IOException {
        JsonRecords r = new JsonRecords(file, json.createParser(in));
        r.expect(JsonToken.START_OBJECT, "top level", "a JSON object with images and annotations");
        boolean sawImages = false;
        boolean sawAnnotations = false;
        while (r.next() == JsonToken.FIELD_NAME) {
            String name = r.parser().currentName();
            r.next();
            switch (name) {
                case "images" -> {
                    sawImages = true;
                    readImages(r, out, paths);
                }
                case "annotations" -> {
                    sawAnnotations = true;
                    readAnnotations(r, out);
                }
                default -> r.parser().skipChildren();
            }
        }
        r.end();
        if (!sawImages || !sawAnnotations) {
            throw new IngestException(file, r.line(), sawImages ? "annotations" : "images",
                    "missing: not a COCO captions file");
        }
    }

    private static void readImages(JsonRecords r, IngestSink out, ImagePaths paths) throws IOException {
        r.forEachObject("images", (i, line) -> {
            String[] text = new String[2]; // id, file_name
            Integer[] size = new Integer[2];
            r.forEachField("images[" + i + "]", (field, value, where) -> {
                switch (field) {
                    case "id" -> text[0] = r.idValue(value, where);
                    case "file_name" -> text[1] = r.textValue(value, where);
                    case "width" -> size[0] = r.positiveInt(value, where);
                    case "height" -> size[1] = r.positiveInt(value, where);
                    default -> r.parser().skipChildren();
                }
            });
            r.require(text[0], line, "images[" + i + "].id");
            r.require(text[1], line, "images[" + i + "].file_name");
            paths.check(r.file(), line, "images[" + i + "].file_name", text[1]);
            out.image(line, text[0], text[1], size[0], size[1]);
        });
    }

    private static void readAnnotations(JsonRecords r, IngestSink out) throws IOException {
        r.forEachObject("annotations", (i, line) -> {
            String[] text = new String[2]; // image_id, caption
            r.forEachField("annotations[" + i + "]", (field, value, where) -> {
                switch (field) {
                    case "image_id" -> text[0] = r.idValue(value, where);
                    case "caption" -> text[1] = r.captionValue(value, where);
                    default -> r.parser().skipChildren();
                }
            });
            r.require(text[0], line, "annotations[" + i + "].image_id");
            r.require(text[1], line, "annotations[" + i + "].caption");
            out.caption(line, text[0], -1, text[1]);
        });
    }
}
