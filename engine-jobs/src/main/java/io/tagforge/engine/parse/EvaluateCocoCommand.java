package io.tagforge.engine.parse;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.engine.app.SharedFolder;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.vocabulary.RamVocabulary;
import io.tagforge.parser.evaluation.CaptionTagEvaluation;
import io.tagforge.parser.evaluation.CocoCategoryMap;
import io.tagforge.parser.evaluation.CocoImage;
import io.tagforge.parser.evaluation.CocoImages;
import io.tagforge.parser.evaluation.NaiveTagMatcher;
import io.tagforge.parser.service.ParseService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge parse evaluate-coco}: how well the parser finds COCO's categories from captions, beside a
 * naive word matcher over the same tag names; prints the table the README shows.
 */
@Command(name = "evaluate-coco", mixinStandardHelpOptions = true,
        description = {"Parser vs naive word matching on COCO-MINI train2017: each image's caption tags, mapped to "
                + "COCO's 80 categories, against the categories with instances in the image.",
                "Only train2017 has instance annotations, so images sorted by id are split in halves: the first "
                        + "for development, the second held out."})
class EvaluateCocoCommand implements Runnable {

    private final SharedFolder shared;
    private final DataSource dataSource;

    @Mixin
    ParserOptions parser;

    @Option(names = "--coco", paramLabel = "DIR",
            description = "Folder with annotations/captions_train2017.json and instances_train2017.json "
                    + "(default: ../shared/datasets/coco-mini).")
    Path coco;

    EvaluateCocoCommand(SharedFolder shared, DataSource dataSource) {
        this.shared = shared;
        this.dataSource = dataSource;
    }

    @Override
    public void run() {
        Path dir = coco != null ? coco : shared.resolve("datasets/coco-mini");
        Path captions = dir.resolve("annotations/captions_train2017.json");
        Path instances = dir.resolve("annotations/instances_train2017.json");
        if (!Files.isRegularFile(captions) || !Files.isRegularFile(instances)) {
            throw new TagforgeException("--coco " + dir + ": needs annotations/captions_train2017.json and "
                    + "annotations/instances_train2017.json");
        }
        Path vocabDir = parser.vocabularyDir(shared);
        try {
            List<CocoImage> images = CocoImages.read(captions, instances);
            List<String> names = Files.readAllLines(vocabDir.resolve(RamVocabulary.TAG_LIST));
            Map<String, List<String>> parsed;
            try (ParseService service = new ParseService(parser.vocabulary(shared, dataSource), parser.threads())) {
                parsed = CaptionTagEvaluation.objectTags(service, images);
            }
            Map<String, Function<String, ? extends Collection<String>>> taggers = new LinkedHashMap<>();
            taggers.put("naive word match", NaiveTagMatcher.wordBoundaries(names)::tags);
            taggers.put("naive word match + plurals", NaiveTagMatcher.withPlurals(names)::tags);
            taggers.put("parser", parsed::get);
            List<CaptionTagEvaluation.Row> rows = new CaptionTagEvaluation(CocoCategoryMap.load()).compare(images, taggers);
            System.out.println("| split | images | tagger | precision | recall | F1 | TP | FP | FN |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (CaptionTagEvaluation.Row r : rows) {
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %.3f | %.3f | %.3f | %d | %d | %d |%n",
                        r.split().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.images(), r.tagger(),
                        r.score().precision(), r.score().recall(), r.score().f1(), r.score().truePositives(),
                        r.score().falsePositives(), r.score().falseNegatives());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }
}
