// The conversation as a list, one <li class="turn"> per turn: the user's words (partial, then
// final, or typed), the answer as it streams (what a barge-in cut is marked as not heard), and
// the turn's timeline. Events of the user's speech carry no turn id: the words wait for the
// turn that the next llm.request starts.
import { createTimeline, drawTimeline } from './timeline.js';

const MAX_TURNS = 500;

function child(parent, tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) {
    element.textContent = text;
  }
  parent.appendChild(element);
  return element;
}

class Turn {
  constructor(list, how) {
    this.el = child(list, 'li', 'turn ' + how);
    const user = child(this.el, 'p', 'user');
    child(user, 'span', 'who', how === 'typed' ? 'You typed' : 'You said');
    this.words = child(user, 'span', 'words');
    const answer = child(this.el, 'p', 'answer');
    child(answer, 'span', 'who', 'Agent');
    this.answer = child(answer, 'span', 'words');
    this.timeline = createTimeline();
    this.el.appendChild(this.timeline);
    this.at = {};          // moment -> t_ms
    this.text = '';        // the answer as streamed
    this.chunks = [];      // tts.chunk texts by index
    this.cut = null;       // why the answer was cut, if it was
    this.heardChunks = undefined;
  }

  say(text, partial) {
    this.words.textContent = text;
    this.words.classList.toggle('partial', partial);
  }

  mark(moment, tMs) {
    if (this.at[moment] === undefined && typeof tMs === 'number') {
      this.at[moment] = tMs;
      drawTimeline(this.timeline, this.at);
    }
  }

  /** The answer; once cut, the chunks heard in full, then the rest struck out as not heard. */
  render() {
    if (!this.cut || this.heardChunks === undefined) {
      this.answer.textContent = this.text;
      return;
    }
    let heard = 0;
    for (const chunk of this.chunks.slice(0, this.heardChunks)) {
      const at = chunk === undefined ? -1 : this.text.indexOf(chunk.trim(), heard);
      if (at < 0) {
        break;
      }
      heard = at + chunk.trim().length;
    }
    const lost = this.text.slice(heard).trimStart();
    this.answer.replaceChildren(document.createTextNode(this.text.slice(0, this.text.length - lost.length)));
    if (lost) {
      child(this.answer, 'del', 'not-heard', lost);
    }
    child(this.answer, 'span', 'cut-note', this.cut === 'bargein' ? ' (interrupted: struck text not heard)' : ' (stopped: struck text not heard)');
  }
}

export class Conversation {
  constructor(list) {
    this.list = list;
    this.turns = new Map();   // turn id -> Turn
    this.newSession();
  }

  /** A new session: its turns go on the same list; nothing of the last one is waiting any more. */
  newSession() {
    this.listening?.el.remove(); // words the last session heard but never finished
    this.listening = null;    // the utterance being heard, before its final
    this.waiting = [];        // the user's words, in order, waiting for their turn's request
    this.active = null;       // the turn being answered
    this.unanswered = null;   // the last words heard while the agent spoke (not a turn, unless a request says so)
    this.captureAt = NaN;     // t_ms of the session's first input frame
  }

  typed(text) {
    const follow = this.atBottom();
    const turn = this.add('typed');
    turn.say(text, false);
    this.waiting.push(turn);
    this.follow(follow);
  }

  on(e) {
    const follow = this.atBottom();
    const turn = e.turn ? this.turns.get(e.turn) : null;
    switch (e.type) {
      case 'session.start': this.newSession(); break;
      case 'capture.start': this.captureAt = e.t_ms; break;
      case 'vad.speech_start': this.hearing(); break;
      case 'stt.partial': this.hearing().say(e.text, true); break;
      case 'vad.speech_end':
        // When the speech ended in the input, which may be earlier than when the endpointer said so.
        this.hearing().mark('speech_end', Math.min(e.t_ms, Number.isNaN(this.captureAt) ? e.t_ms : this.captureAt + e.at_ms));
        break;
      case 'stt.final': this.final(e); break;
      case 'llm.request': this.request(e); break;
      default: if (turn) this.onTurn(turn, e);
    }
    this.follow(follow);
  }

  onTurn(turn, e) {
    switch (e.type) {
      case 'llm.text_delta':
        turn.mark('first_token', e.t_ms);
        turn.text += e.text;
        turn.render();
        break;
      case 'tts.chunk': turn.chunks[e.index] = e.text; break;
      case 'audio.start': turn.mark('first_audio', e.t_ms); break;
      case 'turn.bargein': turn.mark('bargein', e.t_ms); turn.cut = 'bargein'; break;
      case 'turn.cancelled': turn.cut = turn.cut || e.reason; break;
      case 'audio.stop':
        turn.mark('end', e.t_ms);
        if (e.reason !== 'done') {
          turn.cut = turn.cut || e.reason;
          turn.heardChunks = typeof e.chunk === 'number' ? e.chunk : 0;
        }
        turn.render();
        break;
      case 'llm.error': child(turn.el, 'p', 'error', 'model error: ' + e.message); break;
      case 'metrics':
        turn.mark('end', e.t_ms);
        if (turn.cut && turn.heardChunks === undefined) {
          turn.heardChunks = 0; // cut before any of its audio played
        }
        turn.render();
        if (this.active === turn) {
          this.active = null;
        }
        break;
      default: break;
    }
  }

  hearing() {
    if (!this.listening) {
      this.listening = this.add('spoken');
    }
    return this.listening;
  }

  final(e) {
    const turn = this.hearing();
    this.listening = null;
    if (!e.text || !e.text.trim()) {
      turn.el.remove();
      return;
    }
    turn.say(e.text, false);
    turn.mark('final', e.t_ms);
    if (this.active && !this.active.cut) {
      // Heard while the agent spoke and not long enough to interrupt: not a turn of its own.
      turn.el.className = 'aside';
      turn.answer.textContent = '(not answered: the agent was speaking)';
      this.unanswered = turn;
    } else {
      this.waiting.push(turn);
    }
  }

  request(e) {
    let turn = this.waiting.shift();
    if (!turn && this.unanswered) {
      turn = this.unanswered; // the server took it as a turn after all
      turn.el.className = 'turn spoken';
      turn.answer.textContent = '';
    }
    turn = turn || this.add('spoken');
    this.unanswered = null;
    turn.id = e.turn;
    turn.el.dataset.turn = e.turn;
    this.turns.set(e.turn, turn);
    turn.mark('request', e.t_ms);
    this.active = turn;
  }

  add(how) {
    const turn = new Turn(this.list, how);
    while (this.list.children.length > MAX_TURNS) {
      const oldest = this.list.firstElementChild;
      this.turns.delete(oldest.dataset.turn);
      oldest.remove();
    }
    return turn;
  }

  atBottom() {
    const list = this.list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  }

  /** Keeps the newest turn in view, unless the user scrolled up to read. */
  follow(wasAtBottom) {
    if (wasAtBottom) {
      this.list.scrollTop = this.list.scrollHeight;
    }
  }
}
