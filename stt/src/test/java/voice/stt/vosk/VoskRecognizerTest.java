package voice.stt.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.stt.RecordingListenerAccess;
import voice.stt.SpeechEngineUnavailable;
import voice.stt.SpeechEngines;
import voice.stt.TestAudio;

/**
 * Vosk up to the model on every machine (native library, model discovery, errors, result
 * parsing) and end to end whenever a model is installed — the only test that uses one.
 */
class VoskRecognizerTest {
  @TempDir Path home;

  private VoskInstall emptyInstall() {
    return new VoskInstall(Map.of(), home.resolve("models"));
  }

  @Test
  void nativeLibraryLoadsFromTheJar() {
    VoskNative.ensureLoaded(emptyInstall());
    // A real native call: an empty model path makes libvosk return NULL, not crash.
    assertThat(org.vosk.LibVosk.vosk_model_new(home.resolve("nothing").toString())).isNull();
  }

  @Test
  void withoutAModelTheErrorSaysHowToGetOne() {
    assertThatThrownBy(() -> VoskRecognizer.open(null, emptyInstall()))
        .isInstanceOf(SpeechEngineUnavailable.class)
        .hasMessage("no Vosk model: run voice-agent models pull vosk-small-en-us or set VOSK_MODEL");
    assertThatThrownBy(() -> VoskRecognizer.open(home.resolve("missing"), emptyInstall()))
        .hasMessageContaining("no Vosk model in").hasMessageContaining("models pull vosk-small-en-us");
  }

  @Test
  void aFolderThatIsNotAModelIsReportedNotCrashed() throws Exception {
    Path bogus = Files.createDirectories(home.resolve("bogus/am"));
    assertThatThrownBy(() -> VoskRecognizer.open(bogus.getParent(), emptyInstall()))
        .isInstanceOf(SpeechEngineUnavailable.class)
        .hasMessageStartingWith("Vosk could not load a model from " + bogus.getParent());
  }

  @Test
  void findsTheModelFromTheEnvironmentOrInsideThePulledFolder() throws Exception {
    Path pulled = Files.createDirectories(home.resolve("models/vosk-small-en-us/vosk-model-small-en-us-0.15/conf"));
    assertThat(emptyInstall().modelDir(null)).contains(pulled.getParent());
    assertThat(new VoskInstall(Map.of("VOSK_MODEL", "/models/x"), home.resolve("models")).modelDir(null))
        .contains(Path.of("/models/x"));
    assertThat(new VoskInstall(Map.of(), home.resolve("elsewhere")).modelDir(null)).isEmpty();
    assertThat(new VoskInstall(Map.of(), null).modelDir(null)).as("no cache handed in").isEmpty();
    assertThat(emptyInstall().modelDir(Path.of("/given"))).contains(Path.of("/given"));
  }

  @Test
  void autoPicksVoskOnlyWhenAModelIsThere() throws Exception {
    SpeechEngines none = new SpeechEngines(emptyInstall());
    assertThat(none.resolve(SpeechEngines.Choice.AUTO, null)).isEqualTo(SpeechEngines.Choice.POCKETSPHINX);
    assertThat(none.resolve(SpeechEngines.Choice.AUTO, home)).isEqualTo(SpeechEngines.Choice.VOSK);
    assertThat(SpeechEngines.Choice.parse("PocketSphinx")).isEqualTo(SpeechEngines.Choice.POCKETSPHINX);
    assertThatThrownBy(() -> SpeechEngines.Choice.parse("whisper"))
        .hasMessage("unknown speech engine 'whisper': use auto, vosk or pocketsphinx");
    assertThatThrownBy(() -> none.open(SpeechEngines.Choice.VOSK, null))
        .hasMessageContaining("models pull vosk-small-en-us");
  }

  @Test
  void theAarch64ErrorNamesTheNativePackage() {
    assertThat(VoskNative.missingLibraryMessage(Optional.of(Path.of("/x"))))
        .isEqualTo("Vosk native library not found in /x: run voice-agent models pull "
            + "vosk-native-linux-aarch64 or set VOSK_NATIVE_DIR to the folder holding libvosk.so");
  }

  @Test
  void readsVoskResultJson() {
    assertThat(VoskResultJson.partial("{\"partial\" : \"go for\"}").text()).isEqualTo("go for");
    var result = VoskResultJson.result("{\"result\" : [{\"conf\" : 1.0, \"end\" : 0.63, \"start\" : 0.45,"
        + " \"word\" : \"go\"}, {\"conf\" : 0.9, \"end\" : 1.2, \"start\" : 0.63, \"word\" : \"forward\"}],"
        + " \"text\" : \"go forward\"}");
    assertThat(result.text()).isEqualTo("go forward");
    assertThat(result.words()).extracting(w -> w.word() + "@" + w.startMs() + "-" + w.endMs())
        .containsExactly("go@450-630", "forward@630-1200");
    assertThat(VoskResultJson.result("{\"text\" : \"\"}").isEmpty()).isTrue();
  }

  @Test
  void endToEndWhenAModelIsInstalled() throws Exception {
    VoskInstall install = VoskInstall.fromEnvironment(null);
    Optional<Path> model = install.modelDir(null);
    Assumptions.assumeTrue(model.isPresent(),
        "no Vosk model: set VOSK_MODEL to a model folder (no registry here serves one)");
    System.out.println("Vosk end-to-end with the model in " + model.get());
    try (VoskRecognizer vosk = VoskRecognizer.open(model.get(), install)) {
      String text = RecordingListenerAccess.transcribe(vosk, TestAudio.read(TestAudio.GO_FORWARD));
      System.out.println("Vosk heard: " + text);
      assertThat(voice.stt.WordErrorRate.of("go forward ten meters", text)).isLessThanOrEqualTo(0.25);
    }
  }
}
