package io.tagforge.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** CC3M/CC12M/SBU style: {@code path-or-url<TAB>caption} per line; an image may have several lines. */
final class TsvCaptions implements CaptionSource {

    @Override
    public void read(Path file, InputStream in, IngestSink out, ImagePaths paths) throws IOException {
        // lines are split as bytes and decoded one by one, so a bad byte is blamed on its own line
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        LineBytes bytes = new LineBytes(in);
        long line = 0;
        String previousImage = null;
        while (bytes.next()) {
            if (bytes.tooLong()) {
                throw new IngestException(file, line + 1, "line", "longer than " + LineBytes.MAX_BYTES + " bytes");
            }
            String text;
            try {
                text = decoder.decode(bytes.buffer()).toString();
            } catch (CharacterCodingException e) {
                throw new IngestException(file, line + 1, "line", "invalid UTF-8");
            }
            line++;
            if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            int tab = text.indexOf('\t');
            int fields = tab < 0 ? 1 : (text.indexOf('\t', tab + 1) < 0 ? 2 : 3);
            if (fields != 2) {
                throw new IngestException(file, line, "line", "expected 2 tab-separated fields (image, caption), found "
                        + (fields == 3 ? "more" : "1"));
            }
            String image = text.substring(0, tab).strip();
            String caption = text.substring(tab + 1).strip();
            paths.check(file, line, "field 1 (image)", image);
            if (caption.isEmpty()) {
                throw new IngestException(file, line, "field 2 (caption)", "empty caption");
            }
            if (caption.length() > JsonRecords.MAX_CAPTION_CHARS) {
                throw new IngestException(file, line, "field 2 (caption)",
                        "caption longer than " + JsonRecords.MAX_CAPTION_CHARS + " characters");
            }
            // an image row once per run of lines naming it; the SQL that follows removes repeats further apart
            if (!image.equals(previousImage)) {
                out.image(line, image, image, null, null);
                previousImage = image;
            }
            out.caption(line, image, -1, caption);
        }
    }

    /** The input's lines as bytes, without their line ends; scanned a buffer at a time, not a call per byte. */
    private static final class LineBytes {
        static final int MAX_BYTES = 1 << 20;
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] line = new byte[1024];
        private int length;

        LineBytes(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            length = 0;
            while (true) {
                if (position == limit) {
                    limit = Math.max(0, in.read(buffer));
                    position = 0;
                    if (limit == 0) {
                        return endLine(length > 0);
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                append(start, position - start);
                if (tooLong()) {
                    return true;
                }
                if (position < limit) {
                    position++;
                    return endLine(true);
                }
            }
        }

        private void append(int from, int count) {
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
            }
            System.arraycopy(buffer, from, line, length, count);
            length += count;
        }

        private boolean endLine(boolean found) {
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return found;
        }

        boolean tooLong() {
            return length > MAX_BYTES;
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(line, 0, length);
        }
    }
}
