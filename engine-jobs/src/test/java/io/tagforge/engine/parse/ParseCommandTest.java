package io.tagforge.engine.parse;

import io.tagforge.engine.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** {@code ./tagforge parse} on the three input formats, with the bad input a real corpus has. */
class ParseCommandTest {

    private static final Path RAM = SharedData.dir().resolve("ram");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConfigurableApplicationContext context;

    @TempDir
    Path dir;

    @BeforeAll
    static void openContext() {
        context = TestCli.context();
    }

    @AfterAll
    static void closeContext() {
        context.close();
    }

    @Test
    void plainTextGivesOneObjectPerLineAndSurvivesBadLines() throws IOException {
        Path in = dir.resolve("captions.txt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("A group of people standing next to a hot dog stand.\n\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'A', ' ', 'c', 'a', 't', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'o', 'n', ' ', 'a',
                ' ', 'b', 'e', 'd', '.', '\n'});
        bytes.writeBytes(("A dog 🐶 on a couch with no people around, 沙发.\n" + "A horse. ".repeat(1200) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.write(in, bytes.toByteArray());
        Path out = dir.resolve("out.jsonl");

        Run run = run("parse", "--vocab", RAM.toString(), "--captions", in.toString(), "--out", out.toString(),
                "--threads", "2");

        assertThat(run.code).isZero();
        assertThat(run.err).contains(in + ":3: invalid UTF-8");
        List<JsonNode> lines = read(out);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).get("image_id").asLong()).isEqualTo(1);
        assertThat(names(lines.get(0).get("tags"))).contains("person", "hot dog").doesNotContain("group");
        assertThat(lines.get(1).get("caption").asText()).isEmpty();
        assertThat(lines.get(1).get("tags")).isEmpty();
        assertThat(names(lines.get(2).get("tags"))).contains("cat", "bed");
        assertThat(names(lines.get(3).get("tags"))).contains("dog", "couch").doesNotContain("person");
        JsonNode negated = lines.get(3).get("mentions").get(2);
        assertThat(negated.get("surface").asText()).isEqualTo("people");
        assertThat(negated.get("negated").asBoolean()).isTrue();
        assertThat(negated.get("tag").asText()).isEqualTo("person");
        assertThat(lines.get(4).get("caption").asText()).hasSizeGreaterThan(10_000);
        assertThat(names(lines.get(4).get("tags"))).containsExactly("horse");
        JsonNode mention = lines.get(0).get("mentions").get(0);
        assertThat(iterable(mention.fieldNames())).containsExactly("surface", "lemma", "kind", "start", "end",
                "negated", "tag_id", "tag", "rule");
        assertThat(iterable(lines.get(0).fieldNames())).containsExactly("image_id", "caption", "tags", "tag_ids",
                "mentions");
        assertThat(lines.get(0).get("tag_ids").size()).isEqualTo(lines.get(0).get("tags").size());
    }

    @Test
    void tsvAndCocoJsonKeepTheirImageIds() throws IOException {
        Path tsv = dir.resolve("captions.tsv");
        Files.writeString(tsv, "img/1.jpg\tTwo dogs playing with a frisbee.\nno tab on this line\nimg/2.jpg\t\n");
        Path coco = dir.resolve("captions.json");
        Files.writeString(coco, "{\"info\": {}, \"annotations\": [{\"image_id\": 7, \"id\": 1, \"caption\": "
                + "\"An orange cat on a sofa.\"}, {\"image_id\": 8, \"caption\": 5}, {\"image_id\": 9, \"caption\": "
                + "\"Bananas and an orange.\"}]}");
        Path out = dir.resolve("out.jsonl");

        Run tsvRun = run("parse", "--vocab", RAM.toString(), "--captions", tsv.toString(), "--out", out.toString());
        assertThat(tsvRun.err).contains(tsv + ":2: no TAB");
        List<JsonNode> tsvLines = read(out);
        assertThat(tsvLines).extracting(l -> l.get("image_id").asText()).containsExactly("img/1.jpg", "img/2.jpg");

        Run cocoRun = run("parse", "--vocab", RAM.toString(), "--captions", coco.toString(), "--out", out.toString());
        assertThat(cocoRun.err).contains("annotations[1].caption: not a text");
        List<JsonNode> cocoLines = read(out);
        assertThat(cocoLines).extracting(l -> l.get("image_id").asLong()).containsExactly(7L, 9L);
        assertThat(cocoLines.get(0).get("mentions").get(0).get("kind").asText()).isEqualTo("ATTRIBUTE");
        assertThat(cocoLines.get(1).get("mentions").get(1).get("kind").asText()).isEqualTo("OBJECT_SCENE");
    }

    @Test
    void brokenJsonIsAnErrorAndWritesNothing() throws IOException {
        Path coco = dir.resolve("broken.json");
        Files.writeString(coco, "{\"annotations\": [{\"image_id\": 7, \"caption\": \"A dog.\"},\n {\"image_id\": 8,, }]}");
        Path out = dir.resolve("out.jsonl");

        Run run = run("parse", "--vocab", RAM.toString(), "--captions", coco.toString(), "--out", out.toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("error: " + coco + ":2:").contains("not valid JSON");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("out.jsonl.part")).doesNotExist();
    }

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = TagforgeCli.commandLine(context);
            cli.setErr(new PrintWriter(err));
            int code = cli.execute(args);
            return new Run(code, warnings.toString(StandardCharsets.UTF_8) + err);
        } finally {
            System.setErr(systemErr);
        }
    }

    private static List<JsonNode> read(Path jsonl) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
