package io.tagforge.parser.service;

import io.tagforge.parser.caption.ParsedCaption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Parse results by normalized caption text (case, spacing and a final full stop do not count), least recently
 * used first out. It holds futures, so a caption repeated while its first copy is still being parsed waits for
 * that parse instead of starting another. Used by the one thread that feeds the service.
 */
final class CaptionCache {

    /** Longer captions are not kept: web corpora repeat short captions, and a key must stay small. */
    static final int MAX_KEY_CHARS = 500;

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern FINAL_STOPS = Pattern.compile("[\\s.]+$");

    private final Map<String, Future<ParsedCaption>> entries;

    CaptionCache(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Future<ParsedCaption>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The caption with runs of white space made one space, trimmed: what is parsed. */
    static String tidy(String caption) {
        return caption == null ? "" : SPACES.matcher(caption).replaceAll(" ").strip();
    }

    /** The cache key of a tidied caption, or null when it is too long to keep. */
    static String key(String tidy) {
        if (tidy.length() > MAX_KEY_CHARS) {
            return null;
        }
        return FINAL_STOPS.matcher(tidy.toLowerCase(Locale.ROOT)).replaceFirst("");
    }

    Future<ParsedCaption> get(String key) {
        return key == null ? null : entries.get(key);
    }

    void put(String key, Future<ParsedCaption> result) {
        if (key != null) {
            entries.put(key, result);
        }
    }
}
