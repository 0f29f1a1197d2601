package voice.audio.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import voice.audio.testdevice.VirtualDeviceProvider;

class AudioDevicesTest {
  @AfterEach
  void replug() {
    VirtualDeviceProvider.plugged(true);
  }

  @Test
  void listsPlaybackAndCaptureMixersApart() {
    assertThat(AudioDevices.outputs()).contains(VirtualDeviceProvider.SPEAKER_NAME)
        .doesNotContain(VirtualDeviceProvider.MICROPHONE_NAME);
    assertThat(AudioDevices.inputs()).contains(VirtualDeviceProvider.MICROPHONE_NAME)
        .doesNotContain(VirtualDeviceProvider.SPEAKER_NAME);
    assertThat(AudioDevices.findOutput("SPEAKER (TEST)").getName()).isEqualTo(VirtualDeviceProvider.SPEAKER_NAME);
  }

  @Test
  void listsNothingWhenNoDeviceIsPlugged() {
    VirtualDeviceProvider.plugged(false);
    assertThat(AudioDevices.outputs()).isEmpty();
    assertThat(AudioDevices.inputs()).isEmpty();
  }
}
