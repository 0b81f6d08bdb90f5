package io.tagforge.labelsystem.ramformat;

import io.tagforge.labelsystem.tag.TagKind;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RAM's three tag-list files, read and checked together: {@code ram_tag_list.txt} (English names),
 * {@code ram_tag_list_chinese.txt} and {@code ram_tag_list_threshold.txt}, one line per tag in the same order.
 */
public record RamTagList(TextLines names, TextLines chineseNames, TextLines thresholds) {

    public static final String NAMES_FILE = "ram_tag_list.txt";
    public static final String CHINESE_FILE = "ram_tag_list_chinese.txt";
    public static final String THRESHOLDS_FILE = "ram_tag_list_threshold.txt";
    /** what RAM's own files do, for releases that were never imported */
    public static final LineFormat NAMES_FORMAT = LineFormat.LF_NO_FINAL_NEWLINE;
    public static final LineFormat CHINESE_FORMAT = LineFormat.LF_FINAL_NEWLINE;
    public static final LineFormat THRESHOLDS_FORMAT = LineFormat.LF_FINAL_NEWLINE;

    /** a plain decimal: Float.parseFloat would also take "NaN", "1e3f" and " 0.5" */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");

    /** Reads and checks the three files of a RAM tag-list folder; any problem names its file and line. */
    public static RamTagList read(Path dir) {
        TextLines names = readNames(dir);
        TextLines chinese = TextLines.read(dir.resolve(CHINESE_FILE)).requireNoBlankLines().requireSameLength(names);
        for (int i = 0; i < chinese.lines().size(); i++) {
            String zh = chinese.lines().get(i);
            if (zh.indexOf('\t') >= 0 || zh.strip().length() > TagNames.MAX_LENGTH) {
                throw TagListException.at(chinese.file(), i + 1, "a name has no tab and at most "
                        + TagNames.MAX_LENGTH + " characters");
            }
        }
        TextLines thresholds = TextLines.read(dir.resolve(THRESHOLDS_FILE)).requireNoBlankLines()
                .requireSameLength(names);
        for (int i = 0; i < thresholds.lines().size(); i++) {
            threshold(thresholds, i);
        }
        return new RamTagList(names, chinese, thresholds);
    }

    /** Reads and checks only the English names, {@code dir}/ram_tag_list.txt. */
    public static TextLines readNames(Path dir) {
        TextLines names = TextLines.read(dir.resolve(NAMES_FILE));
        TagNames.check(names, Collections.nCopies(names.lines().size(), TagKind.OBJECT_SCENE));
        return names;
    }

    public int size() {
        return names.lines().size();
    }

    public float threshold(int index) {
        return threshold(thresholds, index);
    }

    private static float threshold(TextLines thresholds, int index) {
        String text = thresholds.lines().get(index);
        if (!DECIMAL.matcher(text).matches()) {
            throw TagListException.at(thresholds.file(), index + 1, "threshold \"" + text + "\" is not a number");
        }
        float value = Float.parseFloat(text);
        if (value > 1) {
            throw TagListException.at(thresholds.file(), index + 1, "threshold " + text + " is above 1");
        }
        return value;
    }

    public List<String> chinese() {
        return chineseNames.lines();
    }
}
