package io.tagforge.curation.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.PairReview;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole app in headless Chromium: sign in, see a pair's evidence (boxes on the image), review three pairs with
 * the keyboard, undo the last, export and read the exported file, then review a tag's sample and apply the
 * majority to the rest of it as one bulk decision, and undo that; each role's landing page, a refused page, the
 * dashboard's charts. Screenshots go to target/e2e-screenshots.
 */
class ReviewAndExportBrowserTest extends SpringUiTest {

    private static final Path SCREENSHOTS = Path.of("target/e2e-screenshots");

    @LocalServerPort
    int port;

    @Autowired
    PairReview pairReview;

    WebDriver browser;
    WebDriverWait wait;
    CocoMiniFixture coco;

    @BeforeEach
    void start() throws Exception {
        coco = CocoMiniFixture.load();
        coco.release("coco-e2e");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        // the server re-renders the item after each decision; an element read mid-render is read again
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInReviewThreeItemsUndoOneAndExport() throws Exception {
        List<Long> flagged = coco.flaggedIds();
        browser.get("http://localhost:" + port + "/review");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form")));
        shot("1-login");
        typeInto("#vaadinLoginUsername", "root");
        typeInto("#vaadinLoginPassword", CocoMiniFixture.PASSWORD + "\n");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-tag")));
        waitForImages();
        String firstTag = browser.findElement(By.id("review-tag")).getText();
        List<WebElement> boxes = browser.findElements(By.cssSelector(".region-box"));
        assertThat(boxes).isNotEmpty().allSatisfy(b -> {
            assertThat(b.isDisplayed()).isTrue();
            assertThat(b.getSize().getWidth()).isGreaterThan(5);
            assertThat(b.getText()).startsWith(firstTag + " ");
        });
        assertThat(browser.findElement(By.id("percentile-bar")).getText()).startsWith("outlier percentile ");
        assertThat(browser.findElements(By.cssSelector("#review-crops .crop-tile"))).hasSizeGreaterThan(1);
        shot("2-first-item-evidence");
        WebElement item = browser.findElement(By.id("review-item"));
        item.click();
        List<String> expected = List.of("Accepted", "Rejected", "Accepted");
        String[] keys = {"a", "r", "a"};
        for (int i = 0; i < keys.length; i++) {
            String before = statusText();
            browser.findElement(By.id("review-item")).sendKeys(keys[i]);
            int n = i;
            wait.until(d -> !statusText().equals(before) && statusText().startsWith(expected.get(n)));
            assertThat(statusText()).contains("pair #" + flagged.get(i));
        }
        waitForImages();
        shot("3-after-three-decisions");
        browser.findElement(By.id("review-item")).sendKeys("u");
        wait.until(d -> statusText().startsWith("Undid"));
        assertThat(statusText()).isEqualTo("Undid the decision on pair #" + flagged.get(2));
        waitForImages();
        shot("4-after-undo");

        assertThat(coco.state(flagged.get(0))).isEqualTo((short) 2);
        assertThat(coco.state(flagged.get(1))).isEqualTo((short) 3);
        assertThat(coco.state(flagged.get(2))).isEqualTo((short) 1);

        browser.get("http://localhost:" + port + "/export");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("export-start"))).click();
        WebElement file = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("export-file")));
        shot("5-export-done");
        Path exported = Path.of(file.getText());
        assertThat(exported).startsWith(Path.of("target/test-exports").toAbsolutePath()).exists();
        assertThat(browser.findElement(By.id("export-manifest")).getText()).contains("coco-e2e", "image_root");
        assertThat(browser.findElement(By.id("export-zip")).getText()).contains("folder (zip)");
        checkExport(exported, flagged);

        // the curator's list of what reached which tag, as a parse records it
        coco.jdbc().sql("""
                INSERT INTO surface_observation (dataset_id, surface, tag_id, rule, mentions, examples)
                SELECT d.id, 'puppy', t.id, 'HYPERNYM', 21, ARRAY['A puppy sleeping on a couch.']
                FROM dataset d, tag t WHERE d.name = 'coco-mini' AND t.name = 'dog'""").update();
        browser.get("http://localhost:" + port + "/ontology/mappings");
        wait.until(d -> d.getPageSource().contains("A puppy sleeping on a couch."));
        shot("5-mappings");

        bulkDecision();
    }

    /** Filters the queue to the tag with most flags, decides three, applies the majority to the rest, undoes it. */
    private void bulkDecision() throws Exception {
        Map<String, Object> tag = coco.jdbc().sql("""
                SELECT t.id, t.name FROM tag_pair p JOIN tag t ON t.id = p.tag_id WHERE p.state = 1
                 GROUP BY t.id, t.name ORDER BY count(*) DESC, t.id LIMIT 1""").query().singleRow();
        browser.get("http://localhost:" + port + "/review");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-tag")));
        choose("filter-dataset", "coco-mini");
        choose("filter-tag", (String) tag.get("name"));
        wait.until(d -> browser.findElement(By.id("review-tag")).getText().equals(tag.get("name")));
        String[] keys = {"r", "r", "a"};
        for (String key : keys) {
            String before = statusText();
            browser.findElement(By.id("review-item")).sendKeys(key);
            wait.until(d -> !statusText().equals(before));
        }
        long waiting = coco.jdbc().sql("SELECT count(*) FROM tag_pair WHERE state = 1 AND tag_id = ?")
                .param(tag.get("id")).query(Long.class).single();
        By apply = By.id("bulk-" + tag.get("id") + "-OUTLIER_REGION");
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(apply));
        assertThat(button.getText()).isEqualTo("Reject the remaining " + waiting);
        Map<String, Object> sample = coco.jdbc().sql("""
                SELECT count(*) FILTER (WHERE state = 3) AS rejected, count(*) AS reviewed FROM tag_pair
                 WHERE tag_id = ? AND state <> 1""").param(tag.get("id")).query().singleRow();
        String share = sample.get("rejected") + " of " + sample.get("reviewed");
        assertThat(browser.findElement(By.id("rule-stats")).getText()).contains(share + " (");
        script("arguments[0].scrollIntoView({block: 'center'})", button);
        waitForImages();
        shot("5-before-bulk");
        button.click();
        wait.until(d -> browser.findElement(By.id("decision-history")).getText().contains("(bulk #"));
        assertThat(browser.findElement(By.id("decision-history")).getText())
                .contains("root rejected the remaining " + waiting + " · " + tag.get("name") + " · OUTLIER_REGION")
                .contains(share + " reviewed were rejected, 95% interval ");
        long bulk = coco.jdbc().sql("SELECT id FROM bulk_decision").query(Long.class).single();
        assertThat(coco.jdbc().sql("SELECT count(*) FROM tag_pair WHERE bulk_id = ? AND state = 3").param(bulk)
                .query(Long.class).single()).isEqualTo(waiting);
        shot("6-bulk-applied");
        browser.findElement(By.id("undo-bulk-" + bulk)).click();
        wait.until(d -> coco.jdbc().sql("SELECT count(*) FROM tag_pair WHERE state = 1 AND tag_id = ?")
                .param(tag.get("id")).query(Long.class).single() == waiting);
        assertThat(coco.jdbc().sql("SELECT undone_at IS NOT NULL FROM bulk_decision").query(Boolean.class).single()).isTrue();
    }

    /** Types an item's label into a combo box of the filter bar and takes it with Enter, as a user would. */
    private void choose(String id, String text) {
        WebElement combo = browser.findElement(By.id(id));
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input")));
        input.click();
        input.sendKeys(text);
        // the filtered items have arrived when the box is open and no longer loading
        wait.until(d -> "true".equals(String.valueOf(script("return arguments[0].opened && !arguments[0].loading", combo))));
        input.sendKeys(Keys.ENTER);
        wait.until(d -> text.equals(script("return arguments[0].selectedItem && arguments[0].selectedItem.label", combo)));
    }

    private Object script(String js, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(js, args);
    }

    @Test
    void everyRoleLandsOnTheDashboardAndAnAnnotatorSentToAnAdminPageIsToldWhatTheyMayOpen() throws Exception {
        Map<String, String> menuEntryOfRole = Map.of("anna", "Gallery", "cora", "Releases", "root", "Users");
        for (String user : List.of("anna", "cora", "root")) {
            browser.manage().deleteAllCookies();
            browser.get("http://localhost:" + port + "/");
            signIn(user);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard-report")));
            assertThat(browser.getCurrentUrl()).contains("/dashboard");
            String menu = browser.findElement(By.tagName("vaadin-side-nav")).getText();
            assertThat(menu).contains("Dashboard", menuEntryOfRole.get(user));
            if (!user.equals("root")) {
                assertThat(menu).doesNotContain("Users");
            }
            shot("6-landing-" + user);
        }
        // root, still signed in: a user whose role boxes are all left empty is refused
        browser.get("http://localhost:" + port + "/users");
        typeInto("vaadin-text-field", "nora");
        typeInto("vaadin-password-field", "nora-secret-1");
        browser.findElement(By.cssSelector("vaadin-checkbox-group vaadin-checkbox[checked]")).click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-checkbox-group vaadin-checkbox[checked]")).isEmpty());
        browser.findElement(By.id("create-user")).click();
        WebElement notice = wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-notification-card")));
        assertThat(notice.getText()).contains("at least one role");
        shot("6-user-without-role-refused");
        assertThat(coco.jdbc().sql("SELECT count(*) FROM app_user WHERE username = 'nora'").query(Long.class).single())
                .isZero();
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/users");
        signIn("anna");
        WebElement refused = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-allowed")));
        assertThat(refused.getText()).contains("You may not open this page",
                "The page \"users\" is for ADMIN; anna has the role ANNOTATOR.", "Dashboard", "Review");
        assertThat(browser.findElement(By.tagName("vaadin-app-layout")).isDisplayed()).isTrue();
        assertThat(browser.getPageSource()).doesNotContain("Could not navigate");
        shot("7-annotator-sent-to-users");
    }

    @Test
    void theDashboardDrawsTheReportsChartsAsSvg() throws Exception {
        // two people's decisions, so the flag outcomes and the progress chart have something to draw
        List<Long> flagged = coco.flaggedIds();
        for (int i = 0; i < 6; i++) {
            int user = coco.jdbc().sql("SELECT id FROM app_user WHERE username = ?").param(i < 4 ? "anna" : "ben")
                    .query(Integer.class).single();
            pairReview.decide(user, flagged.get(i), i % 3 == 0 ? Decision.ACCEPT : Decision.REJECT);
        }
        browser.manage().window().setSize(new Dimension(1400, 3300));
        browser.get("http://localhost:" + port + "/");
        signIn("root");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("chart-progress")));
        long pairs = coco.jdbc().sql("SELECT count(DISTINCT (image_id, tag_id)) FROM tag_assignment WHERE dataset_id = ?")
                .param(coco.datasetId).query(Long.class).single();
        Map<String, List<String>> series = Map.of(
                "chart-stages", List.of("(original)", "(generated)", "after review", String.valueOf(pairs)),
                "chart-flags", List.of("rejected", "accepted", "not reviewed yet", "OUTLIER_REGION"),
                "chart-frequency", List.of("tags", "tag rank"),
                "chart-kinds", List.of("OBJECT_SCENE"),
                "chart-gained", List.of("Top tags gained by generation"),
                "chart-lost", List.of("Top tags lost by cleaning"),
                "chart-progress", List.of("anna", "ben", "day (UTC)"));
        for (Map.Entry<String, List<String>> chart : series.entrySet()) {
            WebElement svg = browser.findElement(By.id(chart.getKey()));
            assertThat(svg.getTagName()).isEqualTo("svg");
            assertThat(svg.getSize().getWidth()).as(chart.getKey()).isBetween(540, 542);
            assertThat(svg.findElements(By.cssSelector("path, rect, line, polyline"))).as(chart.getKey())
                    .hasSizeGreaterThan(10);
            String text = String.join("|", svg.findElements(By.tagName("text")).stream().map(WebElement::getText)
                    .toList());
            assertThat(text).as(chart.getKey()).contains(chart.getValue());
        }
        assertThat(browser.findElement(By.id("report-stages")).getText()).contains("After review");
        shot("8-dashboard");
    }

    private void signIn(String user) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form")));
        typeInto("#vaadinLoginUsername", user);
        typeInto("#vaadinLoginPassword", CocoMiniFixture.PASSWORD + "\n");
    }

    /** The accepted tag is in its image's labels; the rejected one and the undone (flagged again) one are not. */
    private void checkExport(Path exported, List<Long> flagged) throws Exception {
        JsonNode records = new ObjectMapper().readTree(exported.toFile());
        assertThat(records.isArray()).isTrue();
        assertThat(records.size()).isGreaterThan(50);
        List<String> tagOrder = coco.jdbc().sql("SELECT rt.name FROM release_tag rt JOIN release r ON r.id = rt.release_id "
                + "WHERE r.name = 'coco-e2e' ORDER BY idx").query(String.class).list();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> row = coco.pair(flagged.get(i));
            JsonNode record = recordOf(records, (String) row.get("path"));
            List<Integer> labels = new ArrayList<>();
            record.get("union_label_id").forEach(n -> labels.add(n.asInt()));
            int index = tagOrder.indexOf((String) row.get("name"));
            if (i == 0) {
                assertThat(labels).as("accepted " + row).contains(index);
            } else {
                assertThat(labels).as((i == 1 ? "rejected " : "undone ") + row).doesNotContain(index);
            }
        }
    }

    private static JsonNode recordOf(JsonNode records, String path) {
        for (JsonNode r : records) {
            if (r.get("image_path").asText().endsWith(path)) {
                return r;
            }
        }
        throw new AssertionError("no record for " + path);
    }

    private void typeInto(String fieldSelector, String text) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(fieldSelector + " input"))).sendKeys(text);
    }

    private String statusText() {
        return browser.findElement(By.id("review-status")).getText();
    }

    private void waitForImages() {
        wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"));
    }

    private void shot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
