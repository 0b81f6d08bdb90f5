package io.tagforge.engine.evaluate;

import io.tagforge.engine.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

class EvaluateCommandTest {

    private static final Path EVAL = SharedData.dir().resolve("ram/eval");

    @TempDir
    Path dir;

    /** Ranks worked out by hand: cat AP (1 + 2/3)/2, dog 1, bird 1/2; at 0.5 cat P 2/3 R 1, dog 1/1, bird 0/0. */
    @Test
    void scoresGiveHandComputedMapAndPrecisionRecall() throws IOException {
        write("tags.txt", "cat", "dog", "bird");
        write("gt.txt", "img1,cat,dog", "img2,dog", "img3,cat", "img4,bird");
        NpyFile.write(dir.resolve("s.npy"), new ScoreMatrix(4, 3, new float[]{
                0.9f, 0.8f, 0.1f,
                0.3f, 0.7f, 0.2f,
                0.6f, 0.1f, 0.4f,
                0.8f, 0.2f, 0.3f}));

        Result r = run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "s.npy", "--threshold", "0.5",
                "--per-class", "per-class.csv");

        assertThat(r.code).isZero();
        assertThat(r.out).contains("images 4, classes 3 (3 distinct names)")
                .contains("mAP        " + pct((5.0 / 6 + 1 + 0.5) / 3))
                .contains("precision  " + pct((2.0 / 3 + 1 + 0) / 3))
                .contains("recall     " + pct((1 + 1 + 0) / 3.0));
        assertThat(Files.readAllLines(dir.resolve("per-class.csv"))).containsExactly(
                "tag,ap,precision,recall,positives,predicted",
                "cat," + pct(5.0 / 6) + "," + pct(2.0 / 3) + "," + pct(1) + ",2,3",
                "dog," + pct(1) + "," + pct(1) + "," + pct(1) + ",2,2",
                "bird," + pct(0.5) + ",0.0000,0.0000,1,0");
    }

    /**
     * "dog" is entries 0 and 2: each keeps its own scores for AP (col 2 ranks a negative first: (1/2 + 2/3)/2),
     * a "dog" annotation marks both, and a name predicted by either entry counts once for P/R per name.
     */
    @Test
    void repeatedNamesAreOneNameForPrecisionRecallAndSeparateColumnsForAp() throws IOException {
        write("tags.txt", "dog", "cat", "dog");
        write("gt.txt", "img1,dog", "img2,cat", "img3,dog");
        write("s.csv", "image,dog,cat,dog", "img1,0.9,0.2,0.3", "img2,0.4,0.8,0.6", "img3,0.7,0.5,0.1");

        Result r = run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "s.csv", "--threshold", "0.5");

        assertThat(r.code).isZero();
        assertThat(r.out).contains("classes 3 (2 distinct names)")
                .contains("mAP        " + pct((1 + 1 + (0.5 + 2.0 / 3) / 2) / 3))
                .contains("precision  " + pct((2.0 / 3 + 0.5) / 2))
                .contains("recall     " + pct(1));
    }

    @Test
    void equalScoresRankTheLaterImageFirstAsNumpyReversedArgsort() {
        java.util.BitSet first = new java.util.BitSet();
        first.set(0);
        assertThat(RamMetrics.averagePrecision(new float[]{0.5f, 0.5f}, first)).isCloseTo(0.5, within(1e-7));
        assertThat(RamMetrics.averagePrecision(new float[]{0.5f, 0.5f}, new java.util.BitSet())).isZero();
    }

    /** img1: cat TP, dog FP; img2: dog TP, cat FN; img3: nothing predicted, bird FN. */
    @Test
    void listedPredictionsGivePrecisionRecallWithoutMap() throws IOException {
        write("tags.txt", "cat", "dog", "bird");
        write("gt.txt", "img1,cat", "img2,dog,cat", "img3,bird");
        write("pred.txt", "img1,cat,dog", "img2,dog", "img3");

        Result r = run("--gt", "gt.txt", "--taglist", "tags.txt", "--pred", "pred.txt");

        assertThat(r.code).isZero();
        assertThat(r.out).contains("mAP        n/a")
                .contains("precision  " + pct((1 + 0.5 + 0) / 3))
                .contains("recall     " + pct((0.5 + 1 + 0) / 3));
    }

    @Test
    void openImagesCommonAgainstItselfIsPerfect() {
        Result r = runIn(EVAL, "--gt", "openimages_common_214_ram_annots.txt",
                "--taglist", "openimages_common_214_ram_taglist.txt",
                "--pred", "openimages_common_214_ram_annots.txt");

        assertThat(r.code).isZero();
        assertThat(r.out).contains("images 57224, classes 214 (214 distinct names)")
                .contains("precision  100.0000").contains("recall     100.0000");
    }

    @Test
    void unknownTagNamesFileAndLineOrIsSkipped() throws IOException {
        write("tags.txt", "cat", "dog");
        write("gt.txt", "img1,cat", "img2,zebra,dog");
        write("pred.txt", "img1,cat", "img2,dog");

        Result failed = run("--gt", "gt.txt", "--taglist", "tags.txt", "--pred", "pred.txt");
        assertThat(failed.code).isEqualTo(2);
        assertThat(failed.err).contains("gt.txt:2: tag \"zebra\" is not in the taglist");

        Result skipped = run("--gt", "gt.txt", "--taglist", "tags.txt", "--pred", "pred.txt", "--skip-unknown");
        assertThat(skipped.code).isZero();
        assertThat(skipped.out).contains("skipped 1 unknown tags").contains("precision  100.0000");
    }

    @Test
    void imagesOutOfOrderOrMissingNameFileAndLine() throws IOException {
        write("tags.txt", "cat");
        write("gt.txt", "img1,cat", "img2", "img3,cat");
        write("swapped.txt", "img1,cat", "img3,cat", "img2");
        write("short.txt", "img1,cat", "img2");

        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--pred", "swapped.txt").err)
                .contains("swapped.txt:2: image img3 where").contains("gt.txt:2 has img2");
        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--pred", "short.txt").err)
                .contains("short.txt: 2 images").contains("first missing is img3");
        write("s.csv", "img1,0.5", "img3,0.1", "img2,0.2");
        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "s.csv").err)
                .contains("s.csv:2: image img3 where");
    }

    @Test
    void malformedScoresAreRejectedWithPlace() throws IOException {
        write("tags.txt", "cat", "dog");
        write("gt.txt", "img1,cat", "img2,dog");
        NpyFile.write(dir.resolve("wide.npy"), new ScoreMatrix(2, 3, new float[6]));
        write("bad.csv", "img1,0.5,0.1", "img2,high,0.2");
        write("narrow.csv", "img1,0.5,0.1", "img2,0.2");
        write("header.csv", "image,cat,cow", "img1,0.5,0.1", "img2,0.2,0.3");
        Files.write(dir.resolve("text.npy"), "this is plain text, not numpy".getBytes());

        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "wide.npy").err)
                .contains("wide.npy: matrix is 2 x 3, expected 2 images").contains("x 2 tags");
        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "bad.csv").err)
                .contains("bad.csv:2: score for cat is \"high\"");
        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "narrow.csv").err)
                .contains("narrow.csv:2: 1 scores, expected 2");
        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "header.csv").err)
                .contains("header.csv:1: header column 3 is \"cow\"");
        assertThat(run("--gt", "gt.txt", "--taglist", "tags.txt", "--scores", "text.npy").err)
                .contains("text.npy: not a .npy file");
    }

    @Test
    void npyRoundTripsAndReadsFortranOrder() throws IOException {
        ScoreMatrix m = new ScoreMatrix(2, 3, new float[]{1, 2, 3, 4, 5, 6});
        NpyFile.write(dir.resolve("m.npy"), m);
        byte[] bytes = Files.readAllBytes(dir.resolve("m.npy"));
        assertThat(bytes.length % 64).as("header padded to 64 as numpy does").isEqualTo(24 % 64);
        assertThat(NpyFile.read(dir.resolve("m.npy")).values()).containsExactly(1, 2, 3, 4, 5, 6);

        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("'fortran_order': False", "'fortran_order': True ");
        byte[] fortran = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("f.npy"), fortran);
        assertThat(NpyFile.read(dir.resolve("f.npy")).values()).containsExactly(1, 3, 5, 2, 4, 6);
    }

    /** Files that numpy 2.4 wrote with np.save (C order, Fortran order, and a float64 one to refuse). */
    @Test
    void readsWhatNumpyWrites() throws Exception {
        float[] expected = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        assertThat(NpyFile.read(resource("numpy-2x3.npy")).values()).containsExactly(expected);
        assertThat(NpyFile.read(resource("numpy-2x3-fortran.npy")).values()).containsExactly(expected);
        assertThat(NpyFile.read(resource("numpy-2x3.npy")).columns()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NpyFile.read(resource("numpy-float64.npy")))
                .hasMessageContaining("dtype <f8, expected float32");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(EvaluateCommandTest.class.getResource("/evaluate/" + name).toURI());
    }

    private static String pct(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.4f", fraction * 100);
    }

    private void write(String name, String... lines) throws IOException {
        Files.write(dir.resolve(name), List.of(lines));
    }

    private Result run(String... args) {
        return runIn(dir, args);
    }

    private static Result runIn(Path base, String... args) {
        String[] resolved = new String[args.length + 1];
        resolved[0] = "evaluate";
        System.arraycopy(args, 0, resolved, 1, args.length);
        for (int i = 2; i < resolved.length; i++) {
            if (resolved[i - 1].matches("--(gt|taglist|pred|scores|thresholds|per-class)")) {
                resolved[i] = base.resolve(resolved[i]).toString();
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (ConfigurableApplicationContext context = TestCli.context()) {
            CommandLine cli = TagforgeCli.commandLine(context);
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            int code = cli.execute(resolved);
            return new Result(code, out.toString(), err.toString());
        }
    }

    private record Result(int code, String out, String err) {
    }
}
