package io.tagforge.spark.parse;

import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.service.ParseService;
import io.tagforge.spark.database.DatabaseAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The parsers of this executor JVM for one job (the parse stage's captions, the generation stage's generated
 * ones): the database's vocabulary, loaded once as {@code parse --dataset} loads it, and one single-threaded
 * {@link ParseService} per task running at the same time (a service is fed by one thread; Spark runs one task per
 * core), kept between tasks so CoreNLP's pipelines load once per executor.
 */
public final class Parsers {

    private record Key(DatabaseAddress database, long jobId) {
    }

    private static Parsers current;

    private final Key key;
    private final Vocabulary vocabulary;
    private final ConcurrentLinkedQueue<ParseService> idle = new ConcurrentLinkedQueue<>();

    private Parsers(Key key) {
        this.key = key;
        try (WordNet wordNet = WordNet.open()) {
            this.vocabulary = DatabaseVocabulary.load(key.database().pool(), wordNet, LookupOptions.defaults());
        }
    }

    /** The job's parsers; a JVM that runs another job (local mode) drops the previous one's, whose vocabulary may be stale. */
    public static synchronized Parsers of(DatabaseAddress database, long jobId) {
        Key key = new Key(database, jobId);
        if (current == null || !current.key.equals(key)) {
            if (current != null) {
                current.idle.forEach(ParseService::close);
            }
            current = new Parsers(key);
        }
        return current;
    }

    public List<ParsedCaption> parseAll(List<String> captions) {
        ParseService service = idle.poll();
        if (service == null) {
            service = new ParseService(vocabulary, 1);
            service.loadPipelines();
        }
        try {
            return service.parseAll(captions);
        } finally {
            idle.add(service);
        }
    }
}
