-- What a release needs so that exporting it reproduces the RAM tag-list files it was imported from byte for
-- byte: a threshold's own spelling ("1", "0.65"; the real column cannot tell "1" from "1.0"), and per file
-- the line separator and whether the last line ends with one (ram_tag_list.txt does not, the others do).
-- release_tag.name and name_zh already hold each line exactly (Chinese lines keep their trailing spaces).

ALTER TABLE release_tag
    ADD COLUMN threshold_text text CHECK (threshold_text IS NULL OR length(threshold_text) BETWEEN 1 AND 40);

CREATE TABLE release_file_format (
    release_id     int     NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    file           text    NOT NULL
        CHECK (file IN ('ram_tag_list.txt', 'ram_tag_list_chinese.txt', 'ram_tag_list_threshold.txt')),
    line_separator text    NOT NULL CHECK (line_separator IN (E'\n', E'\r\n')),
    final_newline  boolean NOT NULL,
    PRIMARY KEY (release_id, file)
);
