package io.tagforge.labelsystem.builder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.ramformat.TagListException;
import io.tagforge.labelsystem.tag.TagKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Counts of parsed candidate tags: from the parser's JSON lines (every mention, in or out of the vocabulary,
 * keyed by lemma and kind; negated mentions say a thing is absent and do not count) or from the database's
 * parsed assignments of a dataset (in-vocabulary tags only: the database keeps no out-of-vocabulary words).
 */
public final class CandidateCounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CandidateCounts() {
    }

    /** Reads parser JSONL; a line that is not such a record fails naming the file and line. */
    public static List<Candidate> fromParsedJsonl(Path file) {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Set<String>> images = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new TagListException(file + " line " + number + ": not JSON: " + e.getOriginalMessage());
                }
                JsonNode mentions = record.get("mentions");
                if (mentions == null || !mentions.isArray()) {
                    throw new TagListException(file + " line " + number + ": no \"mentions\" array");
                }
                String image = record.path("image_id").asText("line" + number);
                for (JsonNode m : mentions) {
                    if (m.path("negated").asBoolean(false)) {
                        continue;
                    }
                    String lemma = m.path("lemma").asText("").strip().toLowerCase(Locale.ROOT);
                    if (lemma.isEmpty()) {
                        throw new TagListException(file + " line " + number + ": a mention without \"lemma\"");
                    }
                    TagKind kind = kind(m.path("kind").asText("OBJECT_SCENE"), file, number);
                    String key = kind.code() + ":" + lemma;
                    counts.computeIfAbsent(key, k -> new long[1])[0]++;
                    images.computeIfAbsent(key, k -> new HashSet<>()).add(image);
                }
            }
        } catch (CharacterCodingException e) {
            throw new TagListException(file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Candidate> result = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> {
            int colon = key.indexOf(':');
            result.add(new Candidate(key.substring(colon + 1), TagKind.ofCode(Integer.parseInt(key.substring(0, colon))),
                    count[0], images.get(key).size(), false));
        });
        result.sort(MOST_FREQUENT_FIRST);
        return result;
    }

    /** Parsed (original and generated caption) assignments of a dataset, per tag. */
    public static List<Candidate> fromDatabase(DataSource dataSource, String dataset) {
        List<Candidate> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT t.name, t.kind, count(*), count(DISTINCT a.image_id)
                FROM tag_assignment a JOIN tag t ON t.id = a.tag_id JOIN dataset d ON d.id = a.dataset_id
                WHERE d.name = ? AND a.source IN (%d, %d) GROUP BY t.name, t.kind"""
                .formatted(AssignmentSource.PARSED_ORIGINAL.code(), AssignmentSource.PARSED_GENERATED.code()))) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Candidate(rs.getString(1).toLowerCase(Locale.ROOT), TagKind.ofCode(rs.getShort(2)),
                            rs.getLong(3), rs.getLong(4), false));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the parsed tags of " + dataset + ": " + e.getMessage(), e);
        }
        result.sort(MOST_FREQUENT_FIRST);
        return result;
    }

    static final Comparator<Candidate> MOST_FREQUENT_FIRST = Comparator.comparingLong(Candidate::mentions).reversed()
            .thenComparing(Candidate::name).thenComparing(Candidate::kind);

    private static TagKind kind(String text, Path file, int line) {
        try {
            return TagKind.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new TagListException(file + " line " + line + ": unknown kind \"" + text + "\"");
        }
    }
}
