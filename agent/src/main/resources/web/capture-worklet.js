// Microphone capture: downsamples the context's rate to 16 kHz mono and posts 16-bit PCM
// in 40 ms pieces to the page, which sends them as binary WebSocket frames.
class Pcm16kCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ratio = sampleRate / 16000;     // input samples per output sample
    this.position = 0;                   // fractional read position in the input
    this.history = new Float32Array(0);  // input not yet consumed
    this.out = new Int16Array(640);      // 40 ms at 16 kHz
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) {
      return true;
    }
    const input = new Float32Array(this.history.length + channel.length);
    input.set(this.history);
    input.set(channel, this.history.length);
    // Average over one output period (a box low-pass) before picking, so little aliases.
    const width = Math.max(1, Math.floor(this.ratio));
    while (this.position + width < input.length) {
      const start = Math.floor(this.position);
      let sum = 0;
      for (let k = 0; k < width; k++) {
        sum += input[start + k];
      }
      const v = Math.max(-1, Math.min(1, sum / width));
      this.out[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff;
      if (this.filled === this.out.length) {
        this.port.postMessage(this.out.buffer.slice(0));
        this.filled = 0;
      }
      this.position += this.ratio;
    }
    const consumed = Math.floor(this.position);
    this.history = input.slice(consumed);
    this.position -= consumed;
    return true;
  }
}

registerProcessor('pcm16k-capture', Pcm16kCapture);
