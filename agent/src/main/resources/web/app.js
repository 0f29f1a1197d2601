// The voice page: log-in, one session over the WebSocket /v1/voice (microphone and typed turns
// out; events and answer audio in), the agent's state, and the session's medians.
import { DEVICE_KEYS, Microphone, Player, listDevices, remember } from './audio.js';
import { Conversation } from './conversation.js';

const $ = id => document.getElementById(id);
const conversation = new Conversation($('conversation'));
const measured = { ttft_ms: [], ttfa_ms: [], voice_to_voice_ms: [] };
let ws, ctx, mic, player;
let current = null;   // the turn being answered
let ready = false;    // the session has started: microphone audio goes out

function setState(state) {
  $('state').textContent = state;
  $('state').dataset.state = state;
}

function showError(text) {
  const line = document.createElement('p');
  line.textContent = text;
  $('errors').appendChild(line);
}

function connected(on) {
  $('start').disabled = on;
  for (const id of ['stop', 'text-input', 'send']) {
    $(id).disabled = !on;
  }
  $('mute').disabled = !on || !mic;
}

async function start() {
  $('start').disabled = true;
  setState('connecting');
  ctx = new AudioContext(); // in the click, so that the browser lets it play
  await ctx.resume();
  player = new Player(ctx);
  connect();
}

/**
 * The microphone opens once the session is ready, so the meter moves and the state says
 * "listening" only when what is said is heard; no audio is held back and sent late (which
 * would lose its start, and time the first turn wrong).
 */
async function openMicrophone() {
  mic = new Microphone(ctx, sendPiece);
  try {
    await mic.open();
  } catch (e) {
    showError('no microphone (' + e.message + '): you can type instead');
    mic = null;
  }
  if (!ready) { // the session ended meanwhile
    mic?.close();
    return;
  }
  listAllDevices();
  connected(true);
  setState('listening');
}

function sendPiece(piece, level) {
  $('level').value = level;
  if (ready && ws.readyState === WebSocket.OPEN) {
    ws.send(piece);
  }
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  ws = new WebSocket(scheme + location.host + '/v1/voice');
  ws.binaryType = 'arraybuffer';
  ws.onmessage = m => (typeof m.data === 'string' ? onEvent(JSON.parse(m.data)) : player.play(m.data));
  ws.onerror = () => showError('the connection to the agent failed');
  ws.onclose = e => {
    ready = false;
    setState('disconnected');
    if (e.reason) {
      showError('disconnected: ' + e.reason);
    }
    player.stop();
    mic?.close();
    mic = null;
    $('mute').setAttribute('aria-pressed', 'false');
    $('mute').textContent = 'Mute';
    ctx.close();
    $('level').value = 0;
    connected(false);
  };
}

function onEvent(e) {
  conversation.on(e);
  switch (e.type) {
    case 'session.start':
      player.rate = e.output.sample_rate;
      ready = true;
      openMicrophone();
      break;
    case 'session.updated': player.rate = e.output.sample_rate; break;
    case 'llm.request':
      current = e.turn;
      setState('thinking');
      break;
    case 'audio.start':
      player.resume();
      if (e.turn === current) setState('speaking');
      break;
    case 'turn.bargein':
    case 'turn.cancelled':
      player.stop();
      break;
    case 'audio.stop':
      if (e.reason !== 'done') player.stop();
      if (e.turn === current) setState('listening');
      break;
    case 'metrics':
      summarize(e);
      if (e.turn === current) setState('listening');
      break;
    case 'error': showError(e.error_type + ': ' + e.message); break;
    default: break;
  }
}

/** The session's medians, at the top: one turn's figures say little, the middle of many more. */
function summarize(metrics) {
  const median = values => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const show = (id, key) => {
    if (typeof metrics[key] === 'number') measured[key].push(metrics[key]);
    $(id).textContent = measured[key].length ? Math.round(median(measured[key])) + ' ms' : '–';
  };
  $('sum-turns').textContent = Number($('sum-turns').textContent) + 1;
  show('sum-ttft', 'ttft_ms');
  show('sum-ttfa', 'ttfa_ms');
  show('sum-v2v', 'voice_to_voice_ms');
}

function sendText(e) {
  e.preventDefault();
  const text = $('text-input').value.trim();
  if (!text || !ready) {
    return;
  }
  ws.send(JSON.stringify({ type: 'text', text }));
  conversation.typed(text);
  $('text-input').value = '';
}

function interrupt() {
  if (player) {
    player.stop();
  }
  if (ws && ws.readyState === WebSocket.OPEN) {
    ws.send(JSON.stringify({ type: 'interrupt' }));
  }
}

function toggleMute() {
  mic.mute(!mic.muted);
  $('mute').setAttribute('aria-pressed', String(mic.muted));
  $('mute').textContent = mic.muted ? 'Unmute' : 'Mute';
}

function listAllDevices() {
  listDevices($('mic-select'), 'audioinput', DEVICE_KEYS.microphone).catch(() => {});
  if (Player.canChooseSpeaker()) {
    $('speaker-choice').hidden = false;
    listDevices($('speaker-select'), 'audiooutput', DEVICE_KEYS.speaker).catch(() => {});
  }
}

function chooseMicrophone() {
  const id = $('mic-select').value;
  if (mic) {
    mic.use(id).catch(e => showError('cannot use that microphone: ' + e.message));
  } else {
    remember(DEVICE_KEYS.microphone, id);
  }
}

function chooseSpeaker() {
  const id = $('speaker-select').value;
  if (player) {
    player.useSpeaker(id).catch(e => showError('cannot use that speaker: ' + e.message));
  } else {
    remember(DEVICE_KEYS.speaker, id);
  }
}

// With API keys set, the page asks for one and trades it for an HttpOnly session cookie
// (POST /v1/session), which the WebSocket then carries: the key never appears in a URL.
async function checkAccess() {
  const response = await fetch('v1/models');
  const needsKey = response.status === 401;
  $('login').hidden = !needsKey;
  $('start').disabled = needsKey;
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
$('start').addEventListener('click', () => start().catch(e => {
  showError('cannot start: ' + e.message);
  setState('disconnected');
  $('start').disabled = false;
}));
$('stop').addEventListener('click', interrupt);
$('mute').addEventListener('click', toggleMute);
$('text-form').addEventListener('submit', sendText);
$('mic-select').addEventListener('change', chooseMicrophone);
$('speaker-select').addEventListener('change', chooseSpeaker);
navigator.mediaDevices?.addEventListener('devicechange', listAllDevices);
document.addEventListener('keydown', e => {
  if (e.key === 'Escape' && ready) interrupt(); // stop the answer from anywhere on the page
});
listAllDevices();
checkAccess().catch(e => showError('cannot reach the agent: ' + e.message));
