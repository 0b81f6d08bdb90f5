package io.tagforge.engine.vocab;

import io.tagforge.engine.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.labelsystem.curation.Curation;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

class VocabCommandTest {

    static final Path RAM = SharedData.dir().resolve("ram");

    @TempDir
    Path dir;

    @BeforeEach
    void empty() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void importRamThenLookupAndExportByteForByte() throws IOException {
        Result imported = run("vocab", "import-ram", RAM.toString());
        assertThat(imported.code).isZero();
        assertThat(imported.out).contains("release ram-4585: 4585 tags (4585 new, 0 existing)");

        Result lookup = run("vocab", "lookup", "sofa", "airplane", "sidewalk", "refrigerator", "mice", "puppy",
                "couch", "Teddy Bears", "xyzzy");
        assertThat(lookup.code).isZero();
        assertThat(lookup.out.lines()).containsExactly(
                "sofa\tcouch\tWORDNET_SYNONYM",
                "airplane\tplane\tWORDNET_SYNONYM",
                "sidewalk\tpavement\tWORDNET_SYNONYM",
                "refrigerator\tfridge\tHYPONYM",
                "mice\tmouse\tBASE_FORM",
                "puppy\tdog\tHYPERNYM",
                "couch\tcouch\tEXACT",
                "Teddy Bears\tteddy\tWORDNET_SYNONYM",
                "xyzzy\t-\t-");

        Path out = dir.resolve("out");
        assertThat(run("vocab", "export", "--release", "ram-4585", "--out", out.toString()).code).isZero();
        for (String file : new String[] {"ram_tag_list.txt", "ram_tag_list_chinese.txt", "ram_tag_list_threshold.txt"}) {
            assertThat(out.resolve(file)).hasSameBinaryContentAs(RAM.resolve(file));
        }
    }

    @Test
    void badInputIsAOneLineErrorAndImportsNothing() throws IOException {
        Files.writeString(dir.resolve("ram_tag_list.txt"), "dog\ncat");
        Files.writeString(dir.resolve("ram_tag_list_chinese.txt"), "狗\n猫\n");
        Files.writeString(dir.resolve("ram_tag_list_threshold.txt"), "0.5\nabc\n");
        Result r = run("vocab", "import-ram", dir.toString());
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("error: " + dir.resolve("ram_tag_list_threshold.txt")
                + " line 2: threshold \"abc\" is not a number");
        assertThat(run("vocab", "export", "--release", "ram-2", "--out", dir.resolve("o").toString()).err)
                .contains("error: no release named \"ram-2\"");
    }

    @Test
    void tag2textKindsShowInLookups() {
        assertThat(run("vocab", "import-tag2text", RAM.resolve("tag2text_ori_tag_list.txt").toString()).out)
                .contains("release tag2text-3429: 3429 tags (3429 new, 0 existing)");
        assertThat(run("vocab", "lookup", "clean").out.strip())
                .isEqualTo("clean\tclean[ACTION]|clean[ATTRIBUTE]\tEXACT");
    }

    @Test
    void releaseAndDiff() {
        run("vocab", "import-tag2text", RAM.resolve("tag2text_ori_tag_list.txt").toString());
        Result release = run("vocab", "release", "t2t-v2", "--parent", "tag2text-3429");
        assertThat(release.out.strip()).isEqualTo("release t2t-v2: 3429 tags (parent tag2text-3429)");
        Result diff = run("vocab", "diff", "tag2text-3429", "t2t-v2");
        assertThat(diff.out.strip()).isEqualTo("tag2text-3429 (3429 tags) → t2t-v2 (3429 tags): 0 added, 0 removed, "
                + "0 merged, 0 moved, 0 renamed, 0 translated, 0 threshold");
        assertThat(run("vocab", "release", "t2t-v2").err).contains("error: release \"t2t-v2\" already exists");
        assertThat(run("vocab", "diff", "t2t-v2", "nope").err).contains("error: no release named \"nope\"");
    }

    @Test
    void buildFromParsedLinesWithCocoNames() throws IOException {
        Path parsed = dir.resolve("parsed.jsonl");
        String mention = "{\"surface\":\"%s\",\"lemma\":\"%s\",\"kind\":\"OBJECT_SCENE\",\"start\":1,\"end\":2,"
                + "\"negated\":false,\"tag_id\":null,\"tag\":null,\"rule\":null}";
        Files.writeString(parsed, "{\"image_id\":1,\"caption\":\"a sofa\",\"tags\":[],\"tag_ids\":[],\"mentions\":["
                + mention.formatted("sofa", "sofa") + "," + mention.formatted("couches", "couch") + "]}\n");
        Path plan = dir.resolve("plan.tsv");
        Result r = run("vocab", "build", "--parsed", parsed.toString(), "--coco", "--out", plan.toString(), "--apply");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("2 candidates, 80 listed names → 80 tags (1 merging synonyms)")
                .contains("database: 80 tags created, 0 extended, 1 names added");
        assertThat(Files.readAllLines(plan)).anyMatch(l -> l.startsWith("tag\tcouch\tOBJECT_SCENE\t2\t1\ttrue\tcouch|sofa\t"));
        assertThat(run("vocab", "build", "--parsed", dir.resolve("missing.jsonl").toString()).code).isEqualTo(2);
    }

    @Test
    void lookupFallsBackToRamsListWhenTheDatabaseHasNoTags() {
        Result r = run("vocab", "lookup", "couch");
        assertThat(r.out.strip()).isEqualTo("couch\tcouch\tEXACT");
        assertThat(r.err).contains("no tags in the database yet");
    }

    /**
     * A curator changes tag dog in the UI after the CLI user read it: the CLI's change of the version it read is
     * refused, saying what happened, and writes nothing.
     */
    @Test
    void aChangeOverSomeoneElsesChangeIsRefusedAndWritesNothing() {
        JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
        int dog = jdbc.sql("INSERT INTO tag (name, threshold) VALUES ('dog', 0.8) RETURNING id").query(Integer.class)
                .single();
        jdbc.sql("INSERT INTO tag_name (tag_id, form, language, source) VALUES (?, 'dog', 'en', 0)").param(dog).update();
        assertThat(run("vocab", "tag", "dog").out).startsWith("tag " + dog + " dog (OBJECT_SCENE) version 0 threshold 0.8\n")
                .contains("names: dog (en, primary)");

        try (ConfigurableApplicationContext ui = TestCli.context()) {
            ui.getBean(Curation.class).setThreshold("cora", dog, 0, 0.5f);
        }
        Result refused = run("vocab", "tag", "dog", "--rename", "hound", "--seen-version", "0");
        assertThat(refused.code).isEqualTo(4);
        assertThat(refused.err.strip()).isEqualTo("error: tag " + dog + " (dog) was changed by someone else since you "
                + "read it (now version 1, you had 0): nothing was saved; reload and retry");
        assertThat(jdbc.sql("SELECT name || ' ' || version || ' ' || threshold FROM tag").query(String.class).single())
                .isEqualTo("dog 1 0.5");
        assertThat(jdbc.sql("SELECT string_agg(actor || ' ' || action, ',') FROM audit_log").query(String.class)
                .single()).isEqualTo("cora set-threshold");

        Result renamed = run("vocab", "tag", String.valueOf(dog), "--rename", "hound", "--seen-version", "1");
        assertThat(renamed.code).isZero();
        assertThat(renamed.out).startsWith("tag " + dog + " hound (OBJECT_SCENE) version 2 threshold 0.5\n");
        assertThat(run("vocab", "tag", "hound", "--threshold", "0.7").err)
                .contains("error: a change needs --seen-version");
    }

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try (ConfigurableApplicationContext context = TestCli.context(RAM.getParent())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = TagforgeCli.commandLine(context);
            cli.setErr(new PrintWriter(cliErr, true));
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
