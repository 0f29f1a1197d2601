// The page's sound: the microphone (16 kHz PCM pieces, a level, mute, the chosen device) and the
// answer's audio (gapless playback on the chosen speaker, stopped at once on barge-in or stop).
const MIC_KEY = 'voice-agent.microphone';
const SPEAKER_KEY = 'voice-agent.speaker';

export class Microphone {
  /** @param onPiece called with each 40 ms piece (ArrayBuffer of 16-bit PCM) and its level 0..1 */
  constructor(ctx, onPiece) {
    this.ctx = ctx;
    this.onPiece = onPiece;
    this.level = 0;
    this.muted = false;
  }

  async open() {
    await this.ctx.audioWorklet.addModule('capture-worklet.js');
    this.node = new AudioWorkletNode(this.ctx, 'pcm16k-capture');
    this.node.port.onmessage = e => this.onPiece(e.data, this.measure(e.data));
    // The worklet must be pulled by the graph to run; a muted path to the speakers does that.
    const silent = this.ctx.createGain();
    silent.gain.value = 0;
    this.node.connect(silent);
    silent.connect(this.ctx.destination);
    await this.use(localStorage.getItem(MIC_KEY));
  }

  /** Switches to a device (null: the default); the pieces keep flowing to the same session. */
  async use(deviceId) {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { deviceId: deviceId ? { ideal: deviceId } : undefined, channelCount: 1,
        echoCancellation: true, noiseSuppression: true, autoGainControl: true }
    });
    this.release();
    this.stream = stream;
    this.source = this.ctx.createMediaStreamSource(stream);
    this.source.connect(this.node);
    this.mute(this.muted);
    remember(MIC_KEY, deviceId);
  }

  /** A muted track gives silence: the session still gets pieces, so its clock keeps running. */
  mute(muted) {
    this.muted = muted;
    if (this.stream) {
      this.stream.getAudioTracks().forEach(t => { t.enabled = !muted; });
    }
  }

  /** Loudness of a piece on a 60 dB scale, rising at once and falling slowly, as meters do. */
  measure(buffer) {
    const pcm = new Int16Array(buffer);
    let sum = 0;
    for (let i = 0; i < pcm.length; i++) {
      sum += pcm[i] * pcm[i];
    }
    const rms = Math.sqrt(sum / Math.max(1, pcm.length)) / 32768;
    const now = rms > 0 ? Math.max(0, 1 + Math.log10(rms) / 3) : 0;
    this.level = Math.max(now, this.level * 0.75);
    return this.level;
  }

  release() {
    if (this.source) {
      this.source.disconnect();
    }
    if (this.stream) {
      this.stream.getTracks().forEach(t => t.stop());
    }
    this.source = null;
    this.stream = null;
  }

  close() {
    this.release();
    if (this.node) {
      this.node.port.onmessage = null;
      this.node.disconnect();
    }
  }
}

export class Player {
  constructor(ctx) {
    this.ctx = ctx;
    this.rate = 48000;
    this.nextStart = 0;        // context time the next piece of answer audio starts at
    this.scheduled = [];       // sources playing or waiting to play
    this.dropping = false;     // after a stop, ignore audio until the next turn's audio.start
    const sink = localStorage.getItem(SPEAKER_KEY);
    if (sink && Player.canChooseSpeaker()) {
      ctx.setSinkId(sink).catch(() => localStorage.removeItem(SPEAKER_KEY));
    }
  }

  static canChooseSpeaker() {
    return typeof AudioContext !== 'undefined' && 'setSinkId' in AudioContext.prototype;
  }

  async useSpeaker(deviceId) {
    await this.ctx.setSinkId(deviceId);
    remember(SPEAKER_KEY, deviceId);
  }

  resume() {
    this.dropping = false;
  }

  play(data) {
    const pcm = new Int16Array(data);
    if (this.dropping || pcm.length === 0) {
      return;
    }
    const samples = new Float32Array(pcm.length);
    for (let i = 0; i < pcm.length; i++) {
      samples[i] = pcm[i] / 32768;
    }
    const buffer = this.ctx.createBuffer(1, samples.length, this.rate);
    buffer.copyToChannel(samples, 0);
    const source = this.ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(this.ctx.destination);
    // Back to back with the previous piece; after a gap, restart a little ahead so the
    // next pieces (sent at playing speed) arrive before they are due.
    if (this.nextStart < this.ctx.currentTime + 0.01) {
      this.nextStart = this.ctx.currentTime + 0.08;
    }
    source.start(this.nextStart);
    this.nextStart += buffer.duration;
    this.scheduled.push(source);
    source.onended = () => { this.scheduled = this.scheduled.filter(s => s !== source); };
  }

  stop() {
    this.dropping = true;
    for (const source of this.scheduled) {
      try {
        source.stop();
      } catch (ignored) {
        // already stopped
      }
    }
    this.scheduled = [];
    this.nextStart = 0;
  }
}

/** Fills a device list; the saved choice is selected, and kept even while labels are hidden. */
export async function listDevices(select, kind, savedKey) {
  const devices = (await navigator.mediaDevices.enumerateDevices()).filter(d => d.kind === kind && d.deviceId);
  const saved = localStorage.getItem(savedKey);
  select.replaceChildren(new Option('default', ''), ...devices
    .filter(d => d.deviceId !== 'default')
    .map((d, i) => new Option(d.label || kind + ' ' + (i + 1), d.deviceId)));
  if (saved && ![...select.options].some(o => o.value === saved)) {
    select.add(new Option('the one chosen last time', saved));
  }
  select.value = saved || '';
}

/** Keeps a device choice across visits ('' or null: the default). */
export function remember(key, deviceId) {
  if (deviceId) {
    localStorage.setItem(key, deviceId);
  } else {
    localStorage.removeItem(key);
  }
}

export const DEVICE_KEYS = { microphone: MIC_KEY, speaker: SPEAKER_KEY };
