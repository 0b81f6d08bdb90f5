package io.tagforge.labelsystem.ramformat;

/**
 * How a text file's lines are laid out, beyond their text: the separator and whether the last line has one.
 * RAM's {@code ram_tag_list.txt} ends without a newline, its other two files with one.
 */
public record LineFormat(String lineSeparator, boolean finalNewline) {

    public static final LineFormat LF_FINAL_NEWLINE = new LineFormat("\n", true);
    public static final LineFormat LF_NO_FINAL_NEWLINE = new LineFormat("\n", false);

    public LineFormat {
        if (!lineSeparator.equals("\n") && !lineSeparator.equals("\r\n")) {
            throw new IllegalArgumentException("line separator must be LF or CRLF");
        }
    }
}
