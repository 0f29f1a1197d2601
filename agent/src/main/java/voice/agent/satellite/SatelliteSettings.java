package voice.agent.satellite;

import java.nio.file.Path;
import voice.stt.wake.WakeWordSettings;

/**
 * One satellite run as the command line asked for it.
 *
 * @param server the serve's WebSocket, {@code ws://HOST:PORT/v1/voice}
 * @param apiKey sent as {@code Authorization: Bearer}, or null
 * @param out where the answer is played (null: the speaker, {@code -}: stdout, else a WAV file)
 * @param events {@code --events} target, or null
 * @param wakeWord null to send every utterance
 * @param input the recording replayed as the microphone, or null for the microphone
 */
public record SatelliteSettings(String server, String apiKey, String out, String outputDevice, boolean realtime,
    String events, WakeWordSettings wakeWord, Path input) {}
