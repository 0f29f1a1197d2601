'use strict';
// The voice page: microphone -> 16 kHz PCM over the WebSocket; events -> transcript, answer
// and metrics; answer audio -> gapless playback, stopped at once on barge-in or stop.
(() => {
  const $ = id => document.getElementById(id);
  const answers = new Map();   // turn id -> its element in #answer
  let ws, ctx, mic, capture;
  let outputRate = 48000;
  let nextStart = 0;           // AudioContext time the next piece of answer audio starts at
  let scheduled = [];          // sources playing or waiting to play
  let dropping = false;        // after a stop, ignore audio until the next turn's audio.start
  let framesReceived = 0, msReceived = 0;
  let ready = false;           // the session has started: microphone audio goes out
  let pending = [];            // microphone audio captured before that

  const status = text => { $('status').textContent = text; };
  const showError = text => {
    const line = document.createElement('div');
    line.textContent = text;
    $('errors').appendChild(line);
  };
  const ms = v => (typeof v === 'number' ? Math.round(v) + ' ms' : '–');

  async function start() {
    $('start').disabled = true;
    try {
      ctx = new AudioContext();
      await ctx.resume();
      await ctx.audioWorklet.addModule('capture-worklet.js');
      mic = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true }
      });
      startCapture(); // at once: what is said while the session starts is kept and sent when it is ready
      connect();
    } catch (e) {
      showError('cannot use the microphone: ' + e.message);
      $('start').disabled = false;
    }
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    ws = new WebSocket(scheme + location.host + '/v1/voice');
    ws.binaryType = 'arraybuffer';
    status('connecting…');
    ws.onmessage = m => (typeof m.data === 'string' ? onEvent(JSON.parse(m.data)) : onAudio(m.data));
    ws.onerror = () => showError('the connection to the agent failed');
    ws.onclose = e => {
      ready = false;
      pending = [];
      status('disconnected' + (e.reason ? ': ' + e.reason : ''));
      stopPlayback();
      stopCapture();
      $('start').disabled = false;
      $('stop').disabled = true;
    };
  }

  function startCapture() {
    const source = ctx.createMediaStreamSource(mic);
    capture = new AudioWorkletNode(ctx, 'pcm16k-capture');
    capture.port.onmessage = e => {
      if (ready && ws.readyState === WebSocket.OPEN) {
        ws.send(e.data);
      } else if (pending.length < 250) { // up to 10 s while the session starts
        pending.push(e.data);
      }
    };
    // The worklet must be pulled by the graph to run; a muted path to the speakers does that.
    const mute = ctx.createGain();
    mute.gain.value = 0;
    source.connect(capture);
    capture.connect(mute);
    mute.connect(ctx.destination);
  }

  function stopCapture() {
    if (capture) {
      capture.port.onmessage = null;
      capture.disconnect();
      capture = null;
    }
  }

  function onEvent(e) {
    switch (e.type) {
      case 'session.start':
        outputRate = e.output.sample_rate;
        status('listening (session ' + e.session + ')');
        $('stop').disabled = false;
        ready = true;
        pending.forEach(piece => ws.send(piece));
        pending = [];
        break;
      case 'session.updated':
        outputRate = e.output.sample_rate;
        break;
      case 'stt.partial':
        $('partial').textContent = e.text;
        break;
      case 'stt.final': {
        const line = document.createElement('div');
        line.className = 'user';
        line.textContent = e.text;
        $('transcript').insertBefore(line, $('partial'));
        $('partial').textContent = '';
        break;
      }
      case 'llm.request':
        answerFor(e.turn);
        break;
      case 'llm.text_delta':
        answerFor(e.turn).textContent += e.text;
        break;
      case 'turn.bargein':
      case 'turn.cancelled':
        stopPlayback();
        answerFor(e.turn).classList.add('cut');
        break;
      case 'audio.start':
        dropping = false;
        break;
      case 'audio.stop':
        if (e.reason !== 'done') {
          stopPlayback();
        }
        break;
      case 'metrics':
        $('ttft').textContent = ms(e.ttft_ms);
        $('ttfa').textContent = ms(e.ttfa_ms);
        $('v2v').textContent = ms(e.voice_to_voice_ms);
        break;
      case 'llm.error':
        showError('model error: ' + e.message);
        break;
      case 'error':
        showError(e.error_type + ': ' + e.message);
        break;
      default:
        break;
    }
  }

  function answerFor(turn) {
    let element = answers.get(turn);
    if (!element) {
      element = document.createElement('div');
      element.className = 'assistant';
      element.dataset.turn = turn;
      $('answer').appendChild(element);
      answers.set(turn, element);
    }
    return element;
  }

  function onAudio(data) {
    const pcm = new Int16Array(data);
    framesReceived++;
    msReceived += pcm.length * 1000 / outputRate;
    $('audio-frames').textContent = framesReceived;
    $('audio-ms').textContent = Math.round(msReceived);
    if (dropping || pcm.length === 0) {
      return;
    }
    const samples = new Float32Array(pcm.length);
    for (let i = 0; i < pcm.length; i++) {
      samples[i] = pcm[i] / 32768;
    }
    const buffer = ctx.createBuffer(1, samples.length, outputRate);
    buffer.copyToChannel(samples, 0);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    // Back to back with the previous piece; after a gap, restart a little ahead so the
    // next pieces (sent at playing speed) arrive before they are due.
    if (nextStart < ctx.currentTime + 0.01) {
      nextStart = ctx.currentTime + 0.08;
    }
    source.start(nextStart);
    nextStart += buffer.duration;
    scheduled.push(source);
    source.onended = () => {
      scheduled = scheduled.filter(s => s !== source);
    };
  }

  function stopPlayback() {
    dropping = true;
    for (const source of scheduled) {
      try {
        source.stop();
      } catch (ignored) {
        // already stopped
      }
    }
    scheduled = [];
    nextStart = 0;
  }

  function interrupt() {
    stopPlayback();
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'interrupt' }));
    }
  }

  // With API keys set, the page asks for one and trades it for an HttpOnly session cookie
  // (POST /v1/session), which the WebSocket then carries: the key never appears in a URL.
  async function checkAccess() {
    const response = await fetch('v1/models');
    const needsKey = response.status === 401;
    $('login').hidden = !needsKey;
    $('start').disabled = needsKey;
    status(needsKey ? 'log in with an API key' : 'not connected');
  }

  async function logIn(e) {
    e.preventDefault();
    const response = await fetch('v1/session', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: $('api-key').value })
    });
    $('api-key').value = '';
    if (response.ok) {
      $('login-status').textContent = '';
      await checkAccess();
    } else {
      const body = await response.json().catch(() => ({}));
      $('login-status').textContent = (body.error && body.error.message) || ('refused: ' + response.status);
    }
  }

  $('login').addEventListener('submit', logIn);
  checkAccess().catch(e => showError('cannot reach the agent: ' + e.message));
  $('start').addEventListener('click', start);
  $('stop').addEventListener('click', interrupt);
})();
