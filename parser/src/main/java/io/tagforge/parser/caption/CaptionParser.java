package io.tagforge.parser.caption;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Caption → {@link Mention}s with Stanford CoreNLP (tokenize, ssplit, pos, lemma, depparse), each mapped to a
 * tag of the {@link Vocabulary} with the rule used; {@link MentionRules} lists the rules.
 * <p>
 * Not thread-safe: one parser per thread (it holds its pipeline handle and a lookup memo). The CoreNLP models
 * are loaded once per JVM and shared by every pipeline.
 * <p>
 * Bad input: an empty or blank caption has no mentions; a caption longer than {@link #MAX_CHARS} characters is
 * read up to the last space before that limit (a caption is a sentence or two; a longer text is not one, and
 * parsing time grows with it); words with no Latin letter (emoji, numbers, other scripts) are skipped; a caption
 * written all in capitals is read in lower case.
 */
public final class CaptionParser {

    /** Characters of a caption that are read. */
    public static final int MAX_CHARS = 2_000;

    private final StanfordCoreNLP pipeline;
    private final MentionRules rules;

    public CaptionParser(Vocabulary vocabulary) {
        this.pipeline = newPipeline();
        this.rules = new MentionRules(new TagLookup(vocabulary));
    }

    /**
     * The CoreNLP pipeline the parser runs; the benchmark times a bare one against it. Built one at a time: the
     * pipelines of a JVM share CoreNLP's annotator pool, which loads each model once.
     */
    public static synchronized StanfordCoreNLP newPipeline() {
        return new StanfordCoreNLP(pipelineProperties());
    }

    static Properties pipelineProperties() {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,pos,lemma,depparse");
        props.setProperty("tokenize.language", "en");
        return props;
    }

    public ParsedCaption parse(String caption) {
        String text = readablePart(caption);
        if (text.isBlank()) {
            return ParsedCaption.EMPTY;
        }
        if (text.equals(text.toUpperCase(Locale.ROOT))) {
            // THE TAGGER READS AN ALL-CAPITALS CAPTION AS PROPER NOUNS; lower case is closer to what it was trained on
            text = text.toLowerCase(Locale.ROOT);
        }
        Annotation document = new Annotation(text);
        pipeline.annotate(document);
        List<Mention> mentions = new ArrayList<>();
        int offset = 0;
        for (CoreMap sentence : document.get(CoreAnnotations.SentencesAnnotation.class)) {
            SentenceGraph graph = new SentenceGraph(sentence);
            rules.extract(graph, text, offset, mentions);
            offset += graph.size;
        }
        return new ParsedCaption(mentions);
    }

    static String readablePart(String caption) {
        if (caption == null) {
            return "";
        }
        if (caption.length() <= MAX_CHARS) {
            return caption;
        }
        int cut = caption.lastIndexOf(' ', MAX_CHARS);
        if (cut <= 0) {
            cut = Character.isHighSurrogate(caption.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        }
        return caption.substring(0, cut);
    }
}
