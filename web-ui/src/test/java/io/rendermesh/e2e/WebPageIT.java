package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web page in a real headless Chromium against two real node processes: node "a" requires a
 * web token, node "b" does not. Screenshots of the main views go to target/screenshots.
 */
@Tag("e2e")
@Tag("browser")
class WebPageIT {
    static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime());
    static final List<NodeProcess> nodes = new ArrayList<>();
    static String urlA;
    static String urlB;
    static Browser browser;

    @BeforeAll
    static void startMesh() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e", "web-" + System.nanoTime())).toAbsolutePath();
        Path tokenFile = Files.writeString(dir.resolve("web-token"), TOKEN + "\n");
        NodeProcess.startPair(dir, List.of("--web-token-file", tokenFile.toString()), nodes);
        urlA = nodes.get(0).webUrl();
        urlB = nodes.get(1).webUrl();
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        for (NodeProcess p : nodes) p.close();
    }

    @Test
    void pageWithTokenListsBothNodesAndForgetsTheTokenFromTheAddress() throws Exception {
        browser.open(urlA + "/?token=" + TOKEN + "#/");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> nodeNames().equals(Set.of("a", "b")));
        assertFalse(browser.driver.getCurrentUrl().contains(TOKEN), "token left in the address bar");
        assertTrue(browser.find("#token-bar").getAttribute("hidden") != null);
        org.openqa.selenium.Cookie session = browser.driver.manage().getCookieNamed("rendermesh_token_" + java.net.URI.create(urlA).getPort());
        assertTrue(session != null && session.isHttpOnly() && "Strict".equals(session.getSameSite()), String.valueOf(session));
        assertEquals(null, browser.js("return localStorage.getItem('rendermesh.token')"), "the page keeps no token");
        assertFalse(String.valueOf(browser.js("return document.cookie")).contains("rendermesh_token"), "page scripts cannot read the session");
        browser.screenshot("mesh-view");
    }

    @Test
    void pageWithoutTokenAsksForOneAndThenWorks() {
        browser.open(urlA + "/#/");
        browser.driver.manage().deleteAllCookies();
        browser.driver.navigate().refresh();
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> browser.find("#token-bar").isDisplayed());
        browser.find("#token-input").sendKeys("wrong");
        browser.find("#token-form button").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> browser.find("#token-error").getText().contains("token"));
        browser.find("#token-input").clear();
        browser.find("#token-input").sendKeys(TOKEN);
        browser.find("#token-form button").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> nodeNames().equals(Set.of("a", "b")));
        assertFalse(browser.find("#token-bar").isDisplayed());
    }

    @Test
    void submittedJobShowsTilesRefiningAndAcceptAsIsFinishesTheFrame() throws Exception {
        browser.open(urlB + "/#/submit");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !browser.all("#f-bundled option").isEmpty());
        new Select(browser.find("#f-bundled")).selectByVisibleText("builtin:demo");
        fill("#f-name", "browser-live");
        fill("#f-frames", "1-2");
        fill("#f-width", "320");
        fill("#f-height", "180");
        fill("#f-samples", "100000");
        browser.find("#submit-button").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> browser.driver.getCurrentUrl().contains("#/jobs/"));
        String jobId = browser.driver.getCurrentUrl().replaceAll(".*#/jobs/", "");

        // a rendering tile's image is replaced pass by pass while the frame renders
        Set<String> sources = new HashSet<>();
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> {
            WebElement tile = browser.find(".tile[data-frame='1']");
            String src = tile.findElement(By.tagName("img")).getAttribute("src");
            if ("rendering".equals(tile.getAttribute("data-state")) && src != null && src.contains("/preview")) sources.add(src);
            return sources.size() >= 3;
        });
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> loadedImages(".tile[data-frame='1'] img") > 0);
        browser.screenshot("job-view-rendering");

        browser.find(".tile[data-frame='1']").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> browser.find("#dlg-accept").isEnabled()
                && loadedImages("#dlg-image") > 0);
        browser.screenshot("frame-dialog");
        browser.find("#dlg-accept").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(browser.find(".tile[data-frame='1']").getAttribute("data-state")));
        JsonNode frame1 = Http.getJson(urlB + "/api/v1/jobs/" + jobId).get("frames").get(0);
        assertEquals("done", frame1.get("state").asText());
        assertTrue(frame1.get("accepted").asBoolean());
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> browser.find("#dlg-download").isDisplayed());
        browser.find("#dlg-close").click();

        // the same job, opened on the other node, shows the accepted frame as done
        browser.open(urlA + "/?token=" + TOKEN + "#/jobs/" + jobId);
        await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(browser.find(".tile[data-frame='1']").getAttribute("data-state"))
                && loadedImages(".tile[data-frame='1'] img") > 0);
        Http.postJson(urlB + "/api/v1/jobs/" + jobId + "/control", "{\"action\":\"cancel\"}");
    }

    @Test
    void cancelFromTheJobsViewCancelsTheJob() throws Exception {
        String profile = "{\"name\":\"to-cancel\",\"scene\":\"builtin:demo\",\"renderer\":{\"package\":\"builtin\"},\"frames\":\"1-6\","
                + "\"width\":320,\"height\":180,\"samples\":100000}";
        String jobId = Http.JSON.readTree(Http.postJson(urlB + "/api/v1/jobs", profile).body()).get("id").asText();
        browser.open(urlB + "/#/");
        By cancel = By.cssSelector("tr[data-job='" + jobId + "'] button[data-act='cancel']");
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> !browser.driver.findElements(cancel).isEmpty()
                && browser.driver.findElement(cancel).isEnabled());
        browser.screenshot("jobs-view");
        browser.driver.findElement(cancel).click();
        browser.driver.switchTo().alert().accept();
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "cancelled".equals(
                browser.find("tr[data-job='" + jobId + "'] .state").getText()));
        assertEquals("cancelled", Http.getJson(urlB + "/api/v1/jobs/" + jobId).get("state").asText());
    }

    @Test
    void badInputInTheFormIsShownNextToTheFieldAndThePageStaysUsable() {
        browser.open(urlB + "/#/submit");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !browser.all("#f-bundled option").isEmpty());
        fill("#f-frames", "9-3");
        browser.find("#submit-button").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> browser.find(".error[data-for='frames']").getText().contains("reversed"));
        assertEquals("true", browser.find("#f-frames").getAttribute("aria-invalid"));
        fill("#f-frames", "1");
        fill("#f-width", "0");
        browser.find("#submit-button").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !browser.find(".error[data-for='width']").getText().isEmpty());
        assertEquals("", browser.find(".error[data-for='frames']").getText(), "the old error is cleared");
        browser.find("input[name=source][value=upload]").click();
        browser.find("#submit-button").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> browser.find(".error[data-for='scene']").getText().contains("choose"));
        assertTrue(browser.find("#submit-button").isEnabled());
        browser.find("input[name=source][value=bundled]").click();
    }

    @Test
    void aSceneFolderUploadedFromTheFormRendersWithItsTextures() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "e2e", "upload-" + System.nanoTime(), "shot").toAbsolutePath());
        Files.createDirectories(folder.resolve("textures"));
        for (String f : List.of("scene.json", "textures/checker.png", "textures/marble.png")) {
            try (var in = WebPageIT.class.getResourceAsStream("/scenes/demo/" + f)) {
                Files.copy(in, folder.resolve(f));
            }
        }
        browser.open(urlB + "/#/submit");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !browser.all("#f-renderer option").isEmpty());
        browser.find("input[name=source][value=upload]").click();
        browser.find("#f-folder").sendKeys(folder.toString());
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "scene.json".equals(browser.find("#f-scene").getAttribute("value")));
        assertTrue(browser.find("#f-filelist").getText().startsWith("3 file(s)"), browser.find("#f-filelist").getText());
        fill("#f-name", "uploaded");
        fill("#f-frames", "1-2");
        fill("#f-width", "96");
        fill("#f-height", "54");
        fill("#f-samples", "4");
        browser.screenshot("submit-view");
        browser.find("#submit-button").click();
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> browser.driver.getCurrentUrl().contains("#/jobs/"));
        String jobId = browser.driver.getCurrentUrl().replaceAll(".*#/jobs/", "");
        await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> browser.all(".tile[data-state='done']").size() == 2
                && loadedImages(".tile img") == 2);
        List<String> paths = new ArrayList<>();
        Http.getJson(urlB + "/api/v1/jobs/" + jobId).get("files").forEach(f -> paths.add(f.get("path").asText()));
        assertEquals(List.of("scene.json", "textures/checker.png", "textures/marble.png"), paths.stream().sorted().toList());
    }

    @Test
    void aJobOf240FramesLoadsImagesOnlyForTilesOnScreen() throws Exception {
        String profile = "{\"name\":\"long\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-240\",\"width\":64,"
                + "\"height\":36,\"samples\":4,\"params\":{\"frameMillis\":100,\"passes\":2}}";
        String jobId = Http.JSON.readTree(Http.postJson(urlB + "/api/v1/jobs", profile).body()).get("id").asText();
        try {
            browser.open(urlB + "/#/jobs/" + jobId);
            await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> browser.all(".tile").size() == 240);
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> browser.all(".tile[data-state='done']").size() >= 80);
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> loadedImages(".tile[data-frame='1'] img") == 1);
            browser.screenshot("job-view-240");
            // frame 80 is done but far below the fold: nothing was fetched for it yet
            WebElement far = browser.find(".tile[data-frame='80']");
            assertEquals("done", far.getAttribute("data-state"));
            assertEquals(null, far.getAttribute("data-loads"), "an off-screen tile loaded an image");
            long loaded = browser.all(".tile").stream().filter(t -> t.getAttribute("data-loads") != null).count();
            assertTrue(loaded < 60, loaded + " tiles loaded images, most of them off screen");
            browser.js("arguments[0].scrollIntoView()", far);
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> loadedImages(".tile[data-frame='80'] img") == 1);
            assertEquals("1", browser.find(".tile[data-frame='80']").getAttribute("data-loads"), "a done tile loads its frame once");
        } finally {
            Http.postJson(urlB + "/api/v1/jobs/" + jobId + "/control", "{\"action\":\"cancel\"}");
        }
    }

    private static void fill(String css, String value) {
        WebElement e = browser.find(css);
        e.clear();
        e.sendKeys(value);
    }

    private static long loadedImages(String css) {
        return browser.all(css).stream().filter(img -> Boolean.TRUE.equals(
                browser.js("return arguments[0].complete && arguments[0].naturalWidth > 0", img))).count();
    }

    private static Set<String> nodeNames() {
        Set<String> names = new HashSet<>();
        for (WebElement row : browser.all("#nodes tr")) names.add(row.getAttribute("data-node"));
        return names;
    }
}
