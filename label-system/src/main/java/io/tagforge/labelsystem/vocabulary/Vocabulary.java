package io.tagforge.labelsystem.vocabulary;

import java.util.List;

/**
 * Surface form → tag(s). The parser's only view of the label system; implementations are immutable and
 * safe to share between threads.
 */
public interface Vocabulary {

    /**
     * The tags a surface form (a word or a multiword name, any case) stands for, best first, each with the
     * rule that matched; empty when nothing does.
     */
    List<TagMatch> resolve(String surface);

    /** The most words any tag name or synonym has, so that callers know how long an n-gram to try. */
    int maxNameWords();
}
