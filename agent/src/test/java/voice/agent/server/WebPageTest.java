package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import voice.agent.demo.PacedOpenAiServer;

/** The web page in headless Chromium with a fake microphone playing real speech. */
class WebPageTest {
  private static final String KEY = "k-web";

  @TempDir static Path dir;
  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer server;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, List.of("Going", " forward", " ten", " meters", " now", "."), 30, 50);
    server = TestServers.start(ServerSettings.defaults().withAccess(List.of(KEY), 0, 4), upstream);
    // The fake microphone loops the file: the speech once, then long enough a silence for the answer.
    Path wav = SpeechAudio.writeWav(dir.resolve("mic.wav"),
        SpeechAudio.concat(SpeechAudio.silence(500), SpeechAudio.goForward(), SpeechAudio.silence(12_000)));
    Path profile = Files.createDirectories(dir.resolve("profile"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-audio-capture=" + wav, "--autoplay-policy=no-user-gesture-required",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
    upstream.close().await();
    vertx.close().await();
  }

  @Test
  void thePageHearsTheMicrophoneShowsTheAnswerAndReceivesItsAudio() {
    // Under the server's Content-Security-Policy; the key goes through the log-in form, not the URL.
    browser.get(server.url() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    wait.until(d -> d.findElement(By.id("login")).isDisplayed());
    assertThat(browser.findElement(By.id("start")).isEnabled()).isFalse();
    browser.findElement(By.id("api-key")).sendKeys("wrong-key");
    browser.findElement(By.cssSelector("#login button")).click();
    wait.until(d -> d.findElement(By.id("login-status")).getText().contains("invalid API key"));
    browser.findElement(By.id("api-key")).sendKeys(KEY);
    browser.findElement(By.cssSelector("#login button")).click();
    wait.until(d -> !d.findElement(By.id("login")).isDisplayed());
    assertThat(browser.getCurrentUrl()).doesNotContain(KEY);
    browser.findElement(By.id("start")).click();
    wait.until(d -> d.findElement(By.id("status")).getText().startsWith("listening"));
    wait.until(d -> d.findElement(By.id("transcript")).getText().contains("forward"));
    wait.until(d -> d.findElement(By.id("answer")).getText().contains("Going forward ten meters now."));
    wait.until(d -> Integer.parseInt(d.findElement(By.id("audio-frames")).getText()) > 10);
    wait.until(d -> d.findElement(By.id("ttft")).getText().endsWith("ms"));
    assertThat(browser.findElements(By.cssSelector("#transcript .user")).get(0).getText()).contains("forward");
    assertThat(browser.findElement(By.id("v2v")).getText()).endsWith("ms");
    assertThat(browser.findElement(By.id("errors")).getText()).isEmpty();

    // The stop button interrupts the next answer at once; the page keeps working.
    assertThat(browser.findElement(By.id("stop")).isEnabled()).isTrue();
  }
}
