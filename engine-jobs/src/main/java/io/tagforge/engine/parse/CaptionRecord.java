package io.tagforge.engine.parse;

/**
 * One caption of an input file.
 *
 * @param imageId the input's image id: COCO's number, the TSV's path, the line number of plain text
 * @param caption the caption as read (invalid UTF-8 bytes already replaced by U+FFFD)
 */
record CaptionRecord(Object imageId, String caption) {
}
