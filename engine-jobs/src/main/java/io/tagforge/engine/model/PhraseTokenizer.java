package io.tagforge.engine.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model folder's {@code tokenizer.json} (HuggingFace tokenizers format, bert-base-uncased WordPiece) read with
 * DJL's HuggingFace tokenizers, whose jar carries the native library (extracted once under {@code DJL_CACHE_DIR},
 * never downloaded). Phrases are tokenized one at a time, without special tokens, so a prompt is assembled from
 * them and every phrase's token span is known exactly.
 */
final class PhraseTokenizer implements AutoCloseable {

    private static final String UNKNOWN = "[UNK]";

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Phrase> phrases = new ConcurrentHashMap<>();
    final long cls;
    final long separator;
    final long sep;

    private PhraseTokenizer(Path file, HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        Encoding dot = tokenizer.encode(".", true, false);
        String[] tokens = dot.getTokens();
        if (tokens.length != 3 || !tokens[0].equals("[CLS]") || !tokens[1].equals(".") || !tokens[2].equals("[SEP]")) {
            throw new TagforgeException(file + ": tokenizes \".\" as " + Arrays.toString(tokens)
                    + ", a bert-base-uncased-style tokenizer gives [[CLS], ., [SEP]]");
        }
        this.cls = dot.getIds()[0];
        this.separator = dot.getIds()[1];
        this.sep = dot.getIds()[2];
    }

    static PhraseTokenizer load(Path file) {
        HuggingFaceTokenizer tokenizer = open(file);
        try {
            return new PhraseTokenizer(file, tokenizer);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** A tokenizer.json as it is: no special tokens added, no truncation, no padding. */
    static HuggingFaceTokenizer open(Path file) {
        try {
            return HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false)
                    .optTruncation(false).optPadding(false).build();
        } catch (IOException | RuntimeException e) {
            throw new TagforgeException(file + ": cannot read as a HuggingFace tokenizer.json: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /** The phrase's token ids, lowercased (Grounding-DINO was trained on lowercase prompts), no special tokens. */
    long[] ids(String phrase) {
        return phrase(phrase).ids();
    }

    /** Whether any token of the phrase is in the vocabulary: a phrase of [UNK]s only names nothing. */
    boolean known(String phrase) {
        return phrase(phrase).known();
    }

    private Phrase phrase(String phrase) {
        return phrases.computeIfAbsent(phrase.toLowerCase(Locale.ROOT).strip(), text -> {
            Encoding encoding = tokenizer.encode(text, false, false);
            boolean known = Arrays.stream(encoding.getTokens()).anyMatch(t -> !t.equals(UNKNOWN));
            return new Phrase(encoding.getIds(), known);
        });
    }

    private record Phrase(long[] ids, boolean known) {
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
