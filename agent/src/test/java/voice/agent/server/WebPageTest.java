package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import voice.agent.demo.PacedOpenAiServer;

/**
 * The web page in headless Chromium, under the server's security headers, with a fake
 * microphone playing real speech: the conversation, the agent's state, the level meter, typed
 * turns, the timelines and the device choice. A screenshot is left in target/web-page.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageTest {
  private static final String KEY = "k-web";
  private static final String ANSWER = "Going forward ten meters now.";
  private static final String TYPED = "Where are you going?";
  private static final List<String> SPOKEN_MOMENTS =
      List.of("speech_end", "final", "request", "first_token", "first_audio", "end");

  @TempDir static Path dir;
  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer server;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, List.of("Going", " forward", " ten", " meters", " now", "."), 30, 50);
    server = TestServers.start(ServerSettings.defaults().withAccess(List.of(KEY), 0, 4), upstream);
    // The fake microphone loops the file: the speech, then a silence long enough for an answer and a typed turn.
    Path wav = SpeechAudio.writeWav(dir.resolve("mic.wav"),
        SpeechAudio.concat(SpeechAudio.silence(500), SpeechAudio.goForward(), SpeechAudio.silence(14_000)));
    Path profile = Files.createDirectories(dir.resolve("profile"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-audio-capture=" + wav, "--autoplay-policy=no-user-gesture-required",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--window-size=900,1100", "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL")); // to see CSP violations
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(90));
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
  @Order(1)
  void twoSpokenTurnsAndATypedOneAppearWithTheirStatesTimelinesAndLevels() throws Exception {
    try {
      converse();
    } finally {
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target/web-page.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
  }

  private static void converse() {
    browser.get(server.url() + "/");
    logIn();
    // Watchers from the test (not the page) record every state shown and the meter's readings.
    js("window.states = []; const state = document.getElementById('state');"
        + "new MutationObserver(() => window.states.push(state.textContent))"
        + ".observe(state, {childList: true, characterData: true, subtree: true});"
        + "window.levels = []; setInterval(() => window.levels.push(document.getElementById('level').value), 40);");
    browser.findElement(By.id("start")).click();

    awaitTurnsEnded(1);
    WebElement input = browser.findElement(By.id("text-input"));
    input.sendKeys(TYPED, Keys.ENTER); // the keyboard alone sends it
    awaitTurnsEnded(2);
    awaitTurnsEnded(3); // the microphone's file plays again: the second spoken turn

    List<WebElement> turns = browser.findElements(By.cssSelector("#conversation .turn"));
    assertThat(turns).hasSize(3);
    assertThat(userWords(turns.get(0))).contains("forward");
    assertThat(userWords(turns.get(1))).isEqualTo(TYPED);
    assertThat(userWords(turns.get(2))).contains("forward");
    for (WebElement turn : turns) {
      assertThat(turn.findElement(By.cssSelector(".answer .words")).getText()).isEqualTo(ANSWER);
      assertThat(turn.findElements(By.cssSelector(".not-heard"))).isEmpty();
    }
    assertTimeline(turns.get(0), SPOKEN_MOMENTS);
    assertTimeline(turns.get(1), List.of("request", "first_token", "first_audio", "end"));
    assertTimeline(turns.get(2), SPOKEN_MOMENTS);

    assertThat(strings("return window.states")).containsSubsequence(
        "connecting", "listening", "thinking", "speaking", "listening", "thinking", "speaking", "listening");
    assertThat(browser.findElement(By.id("state")).getAttribute("data-state")).isEqualTo("listening");
    // The meter rose with the speech and fell back in the silence after it.
    List<Double> levels = strings("return window.levels").stream().map(Double::valueOf).toList();
    int loudest = levels.indexOf(levels.stream().max(Double::compare).orElseThrow());
    assertThat(levels.get(loudest)).isGreaterThan(0.4);
    assertThat(levels.subList(loudest, levels.size())).anyMatch(level -> level < 0.1);

    assertThat(browser.findElement(By.id("sum-ttft")).getText()).matches("\\d+ ms");
    assertThat(browser.findElement(By.id("sum-v2v")).getText()).matches("\\d+ ms");
    assertThat(browser.findElement(By.id("errors")).getText()).isEmpty();
    assertThat(browser.getCurrentUrl()).doesNotContain(KEY);
    // Nothing the page does was refused by the server's Content-Security-Policy.
    assertThat(browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
        .map(org.openqa.selenium.logging.LogEntry::getMessage).noneMatch(m -> m.contains("Content Security Policy"));

    // Escape stops an answer as it is spoken: what was not heard is struck out, and the page listens on.
    input.sendKeys(TYPED, Keys.ENTER);
    wait.until(d -> d.findElement(By.id("state")).getText().equals("speaking"));
    input.sendKeys(Keys.ESCAPE);
    awaitTurnsEnded(4);
    WebElement stopped = browser.findElements(By.cssSelector("#conversation .turn")).get(3);
    String notHeard = stopped.findElement(By.cssSelector(".answer .not-heard")).getText();
    assertThat(notHeard).isNotBlank();
    assertThat(ANSWER).endsWith(notHeard);
    assertThat(stopped.findElement(By.cssSelector(".cut-note")).getText()).contains("not heard");
    wait.until(d -> d.findElement(By.id("state")).getText().equals("listening"));
  }

  @Test
  @Order(2)
  void theMicrophoneChosenIsRememberedOnTheNextVisit() {
    openLoggedIn(); // a new visit
    browser.findElement(By.id("start")).click();
    wait.until(d -> d.findElement(By.id("state")).getText().equals("listening"));
    browser.findElement(By.cssSelector("#devices summary")).click();
    Select microphones = new Select(browser.findElement(By.id("mic-select")));
    wait.until(d -> microphones.getOptions().size() > 1);
    WebElement chosen = microphones.getOptions().get(microphones.getOptions().size() - 1);
    String id = chosen.getAttribute("value");
    microphones.selectByValue(id);
    wait.until(d -> id.equals(js("return localStorage.getItem('voice-agent.microphone')")));

    browser.navigate().refresh();
    wait.until(d -> id.equals(new Select(d.findElement(By.id("mic-select"))).getFirstSelectedOption().getAttribute("value")));
    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("disconnected");
  }

  @Test
  @Order(3)
  void everyControlIsLabelledAPhoneNeedsNoSidewaysScrollingAndReducedMotionStopsThePulse() throws Exception {
    openLoggedIn();
    assertThat(strings("return [...document.querySelectorAll('input, select, meter')]"
        + ".filter(e => e.labels.length === 0).map(e => e.id)")).isEmpty();

    String pulse = "const s = document.getElementById('state'); s.dataset.state = 'listening';"
        + "return getComputedStyle(s, '::before').animationName";
    assertThat(js(pulse)).isEqualTo("pulse");
    ChromeDriver chrome = (ChromeDriver) browser;
    chrome.executeCdpCommand("Emulation.setEmulatedMedia",
        java.util.Map.of("features", List.of(java.util.Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    try {
      assertThat(js(pulse)).isEqualTo("none");
    } finally {
      chrome.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
    }

    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      wait.until(d -> ((Number) js("return window.innerWidth")).intValue() < 500);
      assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).intValue()).isLessThanOrEqualTo(0);
      Files.write(Path.of("target/web-page-phone.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(900, 1100));
    }
  }

  /**
   * The conversation module fed a session's events, as the contract in docs/DESIGN.md has them:
   * a barge-in after the first chunk was heard, a backchannel while the agent speaks, many turns.
   */
  @Test
  @Order(4)
  @SuppressWarnings("unchecked")
  void aBargeInStrikesWhatWasNotHeardABackchannelIsNoTurnAndTheListIsBounded() {
    browser.get(server.url() + "/");
    java.util.Map<String, Object> seen = (java.util.Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "import('./conversation.js').then(({ Conversation }) => {"
        + "  const list = document.createElement('ol'); const c = new Conversation(list);"
        + "  const on = (type, turn, t_ms, fields) => c.on({ type, turn, t_ms, ...fields });"
        + "  on('capture.start', null, 1000); on('vad.speech_start', null, 1500, { utterance: 'u1', at_ms: 500 });"
        + "  on('stt.partial', null, 1700, { text: 'go for' }); on('vad.speech_end', null, 4000, { utterance: 'u1', at_ms: 2600 });"
        + "  on('stt.final', null, 4300, { text: 'go forward ten meters' }); on('llm.request', 't1', 4310);"
        + "  on('llm.text_delta', 't1', 4400, { text: 'Going forward. ' }); on('tts.chunk', 't1', 4410, { index: 0, text: 'Going forward.' });"
        + "  on('llm.text_delta', 't1', 4500, { text: 'Then left.' }); on('tts.chunk', 't1', 4510, { index: 1, text: 'Then left.' });"
        + "  on('audio.start', 't1', 4700); on('vad.speech_start', null, 6000, { utterance: 'u2', at_ms: 4900 });"
        + "  on('turn.bargein', 't1', 6200); on('turn.cancelled', 't1', 6200, { reason: 'bargein' });"
        + "  on('audio.stop', 't1', 6250, { reason: 'bargein', chunk: 1, played_ms: 1500 }); on('metrics', 't1', 6260);"
        + "  on('stt.final', null, 6900, { text: 'stop' }); on('llm.request', 't2', 6910);"
        + "  on('llm.text_delta', 't2', 7000, { text: 'OK.' }); on('audio.start', 't2', 7200);"
        + "  on('vad.speech_start', null, 7300, { utterance: 'u3', at_ms: 6200 }); on('stt.final', null, 8000, { text: 'uh huh' });"
        + "  on('audio.stop', 't2', 8100, { reason: 'done', chunk: 0 }); on('metrics', 't2', 8110);"
        + "  const turns = [...list.querySelectorAll('.turn')];"
        + "  const first = {"
        + "    user: turns.map(t => t.querySelector('.user .words').textContent),"
        + "    answers: turns.map(t => t.querySelector('.answer .words').textContent),"
        + "    notHeard: [...list.querySelectorAll('.not-heard')].map(e => e.textContent),"
        + "    note: turns[0].querySelector('.cut-note').textContent,"
        + "    moments: [...turns[0].querySelectorAll('line.mark')].map(m => m.dataset.kind + ' ' + m.dataset.ms),"
        + "    asides: [...list.querySelectorAll('.aside .user .words')].map(e => e.textContent) };"
        + "  for (let i = 3; i < 700; i++) {"
        + "    c.typed('q' + i); on('llm.request', 't' + i, 9000 + i); on('metrics', 't' + i, 9001 + i);"
        + "  }"
        + "  done({ ...first, items: list.children.length, tracked: c.turns.size,"
        + "    last: list.lastElementChild.querySelector('.user .words').textContent });"
        + "});");
    assertThat((List<String>) seen.get("user")).containsExactly("go forward ten meters", "stop");
    assertThat((List<String>) seen.get("answers")).containsExactly(
        "Going forward. Then left. (interrupted: struck text not heard)", "OK.");
    assertThat((List<String>) seen.get("notHeard")).containsExactly("Then left.");
    assertThat((List<String>) seen.get("moments")).containsExactly("speech_end 0", "final 700", "request 710",
        "first_token 800", "first_audio 1100", "bargein 2600", "end 2650");
    assertThat((List<String>) seen.get("asides")).containsExactly("uh huh");
    assertThat(((Number) seen.get("items")).intValue()).isEqualTo(500);
    assertThat(((Number) seen.get("tracked")).intValue()).isLessThanOrEqualTo(500);
    assertThat(seen.get("last")).isEqualTo("q699");
  }

  /** Mute pressed as the file's speech begins: every frame sent during the rest of that speech is silent. */
  @Test
  @Order(5)
  @SuppressWarnings("unchecked")
  void muteSendsSilenceWhileTheMicrophoneHearsSpeech() {
    openLoggedIn();
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
    java.util.Map<String, Object> seen = (java.util.Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1]; const sent = []; let mutedAt;"
        + "const send = WebSocket.prototype.send;"
        + "WebSocket.prototype.send = function (data) {"
        + "  if (data instanceof ArrayBuffer) {"
        + "    const loud = new Int16Array(data).some(v => Math.abs(v) > 300); sent.push(loud);"
        + "    if (loud && mutedAt === undefined) { mutedAt = sent.length; document.getElementById('mute').click(); }"
        + "  }"
        + "  return send.call(this, data);"
        + "};"
        + "document.getElementById('start').click();"
        + "const poll = setInterval(() => {"
        + "  if (mutedAt !== undefined && sent.length >= mutedAt + 60) {"
        + "    clearInterval(poll);"
        + "    done({ loudAfter: sent.slice(mutedAt + 5, mutedAt + 60).filter(l => l).length,"
        + "      pressed: document.getElementById('mute').getAttribute('aria-pressed') });"
        + "  }"
        + "}, 40);");
    // 55 frames of 40 ms after mute took hold: 2.2 s of the file's 2.8 s of speech.
    assertThat(((Number) seen.get("loudAfter")).intValue()).isZero();
    assertThat(seen.get("pressed")).isEqualTo("true");
    browser.findElement(By.id("mute")).click();
    assertThat(browser.findElement(By.id("mute")).getAttribute("aria-pressed")).isEqualTo("false");
  }

  /** The page, logged in: by the session cookie of an earlier test, or now. */
  private static void openLoggedIn() {
    browser.get(server.url() + "/");
    wait.until(d -> d.findElement(By.id("login")).isDisplayed() || d.findElement(By.id("start")).isEnabled());
    if (browser.findElement(By.id("login")).isDisplayed()) {
      browser.findElement(By.id("api-key")).sendKeys(KEY, Keys.ENTER);
      wait.until(d -> d.findElement(By.id("start")).isEnabled());
    }
  }

  private static void logIn() {
    wait.until(d -> d.findElement(By.id("login")).isDisplayed());
    assertThat(browser.findElement(By.id("start")).isEnabled()).isFalse();
    browser.findElement(By.id("api-key")).sendKeys("wrong-key", Keys.ENTER);
    wait.until(d -> d.findElement(By.id("login-status")).getText().contains("invalid API key"));
    browser.findElement(By.id("api-key")).sendKeys(KEY, Keys.ENTER);
    wait.until(d -> !d.findElement(By.id("login")).isDisplayed() && d.findElement(By.id("start")).isEnabled());
  }

  /** The session's summary counts a turn when its metrics arrive, the turn's last event. */
  private static void awaitTurnsEnded(int count) {
    wait.until(d -> Integer.parseInt(d.findElement(By.id("sum-turns")).getText()) >= count);
  }

  private static String userWords(WebElement turn) {
    return turn.findElement(By.cssSelector(".user .words")).getText();
  }

  /** The marks are the turn's moments in their natural order, and their milliseconds never go back. */
  private static void assertTimeline(WebElement turn, List<String> moments) {
    List<WebElement> marks = turn.findElements(By.cssSelector(".timeline line.mark"));
    assertThat(marks.stream().map(m -> m.getAttribute("data-kind")).toList()).isEqualTo(moments);
    List<Integer> ms = marks.stream().map(m -> Integer.valueOf(m.getAttribute("data-ms"))).toList();
    assertThat(ms).isSorted();
    assertThat(ms.get(0)).isZero();
    assertThat(ms.get(ms.size() - 1)).isPositive();
    assertThat(marks.stream().map(m -> Double.valueOf(m.getAttribute("x1"))).toList()).isSorted();
    List<WebElement> labels = turn.findElements(By.cssSelector(".timeline text"));
    assertThat(labels.get(labels.size() - 1).getText()).isEqualTo("end " + ms.get(ms.size() - 1) + " ms");
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(String script) {
    return ((List<Object>) js(script)).stream().map(String::valueOf).toList();
  }
}
