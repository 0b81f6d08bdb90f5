package io.tagforge.labelsystem.vocabulary;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one spelling every table key and every lookup uses: lower case, single spaces, no underscores. */
public final class SurfaceKey {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SurfaceKey() {
    }

    public static String of(String surface) {
        return isNormal(surface) ? surface : SPACES.matcher(surface.replace('_', ' ').strip().toLowerCase(Locale.ROOT))
                .replaceAll(" ");
    }

    /** the hot path: parsers mostly pass lower-case words, which need no copy */
    private static boolean isNormal(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return n == 0;
        }
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || c == '_' || c > 127 || (c == ' ' && previous == ' ')
                    || (c < ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    static int words(String key) {
        int words = key.isEmpty() ? 0 : 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == ' ') {
                words++;
            }
        }
        return words;
    }
}
