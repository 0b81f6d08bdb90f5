package io.tagforge.curation.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.curation.CocoMiniFixture;
import io.tagforge.curation.SpringUiTest;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole app in headless Chromium: sign in, review three items with the keyboard, undo the last, export, and
 * read the exported file. Screenshots go to target/e2e-screenshots.
 */
class ReviewAndExportBrowserTest extends SpringUiTest {

    private static final Path SCREENSHOTS = Path.of("target/e2e-screenshots");

    @LocalServerPort
    int port;

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
        shot("2-first-item");
        WebElement item = browser.findElement(By.id("review-item"));
        item.click();
        List<String> expected = List.of("Accepted", "Rejected", "Accepted");
        String[] keys = {"a", "r", "a"};
        for (int i = 0; i < keys.length; i++) {
            String before = statusText();
            browser.findElement(By.id("review-item")).sendKeys(keys[i]);
            int n = i;
            wait.until(d -> !statusText().equals(before) && statusText().startsWith(expected.get(n)));
            assertThat(statusText()).contains("#" + flagged.get(i));
        }
        waitForImages();
        shot("3-after-three-decisions");
        browser.findElement(By.id("review-item")).sendKeys("u");
        wait.until(d -> statusText().startsWith("Undid"));
        assertThat(statusText()).isEqualTo("Undid the decision on #" + flagged.get(2));
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
        assertThat(browser.findElement(By.id("export-manifest")).getText()).contains("coco-e2e");
        checkExport(exported, flagged);

        // the curator's list of what reached which tag, as a parse records it
        coco.jdbc().sql("""
                INSERT INTO surface_observation (dataset_id, surface, tag_id, rule, mentions, examples)
                SELECT d.id, 'puppy', t.id, 'HYPERNYM', 21, ARRAY['A puppy sleeping on a couch.']
                FROM dataset d, tag t WHERE d.name = 'coco-mini' AND t.name = 'dog'""").update();
        browser.get("http://localhost:" + port + "/ontology/mappings");
        wait.until(d -> d.getPageSource().contains("A puppy sleeping on a couch."));
        shot("6-mappings");
    }

    /** The accepted tag is in its image's labels; the rejected one and the undone (flagged again) one are not. */
    private void checkExport(Path exported, List<Long> flagged) throws Exception {
        JsonNode records = new ObjectMapper().readTree(exported.toFile());
        assertThat(records.isArray()).isTrue();
        assertThat(records.size()).isGreaterThan(50);
        List<String> tagOrder = coco.jdbc().sql("SELECT rt.name FROM release_tag rt JOIN release r ON r.id = rt.release_id "
                + "WHERE r.name = 'coco-e2e' ORDER BY idx").query(String.class).list();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> row = coco.jdbc().sql("""
                    SELECT i.path, t.name FROM tag_assignment ta JOIN image i ON i.id = ta.image_id
                      JOIN tag t ON t.id = ta.tag_id WHERE ta.id = ?""").param(flagged.get(i)).query().singleRow();
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
