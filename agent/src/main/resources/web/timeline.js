// One turn's timeline as SVG: a mark per moment, labelled with its milliseconds from the first,
// and bars for the phases between them (recognition, model, voice, speaking).
const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const PAD = 4;
const ROW = 13;            // a row of labels, in SVG units
const CHAR = 6.2;          // estimated width of a label character at the labels' font size

export const MOMENTS = [
  ['speech_end', 'end of speech'], ['final', 'transcript'], ['request', 'request'],
  ['first_token', 'first token'], ['first_audio', 'first audio'], ['bargein', 'barge-in'], ['end', 'end']];

// The first phase from a moment wins: speaking ends at a barge-in when there was one.
const PHASES = [['speech_end', 'request', 'recognition'], ['request', 'first_token', 'model'], ['first_token', 'first_audio', 'voice'],
  ['first_audio', 'bargein', 'speaking'], ['first_audio', 'end', 'speaking']];

function node(name, attributes, parent) {
  const element = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, value);
  }
  if (parent) {
    parent.appendChild(element);
  }
  return element;
}

export function createTimeline() {
  return node('svg', { class: 'timeline', role: 'img', viewBox: `0 0 ${WIDTH} 24`, preserveAspectRatio: 'xMinYMin meet' });
}

/** Redraws {@code svg} from {@code at}: moment name -> session milliseconds (t_ms). */
export function drawTimeline(svg, at) {
  const moments = MOMENTS.filter(([kind]) => typeof at[kind] === 'number');
  if (moments.length === 0) {
    return;
  }
  const origin = Math.min(...moments.map(([kind]) => at[kind]));
  const span = Math.max(1, Math.max(...moments.map(([kind]) => at[kind])) - origin);
  const x = t => PAD + (t - origin) * (WIDTH - 2 * PAD) / span;

  // Labels go on the first row where they do not run into the previous one.
  const rowEnds = [];
  const labels = moments.map(([kind, name]) => {
    const ms = Math.round(at[kind] - origin);
    const text = `${name} ${ms} ms`;
    const width = text.length * CHAR;
    const anchorEnd = x(at[kind]) + width > WIDTH;
    const start = anchorEnd ? x(at[kind]) - width : x(at[kind]);
    let row = rowEnds.findIndex(end => end + 8 < start);
    if (row < 0) {
      row = rowEnds.length;
    }
    rowEnds[row] = start + width;
    return { kind, ms, text, row, anchorEnd };
  });
  const base = rowEnds.length * ROW + 8;
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${base + 8}`);
  svg.setAttribute('aria-label', 'timeline: ' + labels.map(l => l.text).join(', '));
  node('title', {}, svg).textContent = labels.map(l => l.text).join(', ');
  node('line', { class: 'axis', x1: PAD, x2: WIDTH - PAD, y1: base, y2: base }, svg);
  const drawn = new Set();
  for (const [from, to, phase] of PHASES) {
    if (typeof at[from] === 'number' && typeof at[to] === 'number' && !drawn.has(from)) {
      drawn.add(from);
      node('rect', { class: 'phase ' + phase, x: x(at[from]), y: base - 3, height: 6,
        width: Math.max(0.5, x(at[to]) - x(at[from])) }, svg);
    }
  }
  // Lines first, then the labels over them (with a halo in the style sheet), so none hides a label.
  const lines = node('g', { class: 'marks' }, svg);
  const words = node('g', { class: 'labels' }, svg);
  for (const label of labels) {
    const tx = x(at[label.kind]);
    const moment = { 'data-kind': label.kind, 'data-ms': label.ms };
    node('line', { class: 'mark ' + label.kind, x1: tx, x2: tx, y1: (label.row + 1) * ROW - 9, y2: base + 6, ...moment }, lines);
    node('text', { x: label.anchorEnd ? tx - 2 : tx + 2, y: (label.row + 1) * ROW - 2,
      'text-anchor': label.anchorEnd ? 'end' : 'start', ...moment }, words).textContent = label.text;
  }
}
