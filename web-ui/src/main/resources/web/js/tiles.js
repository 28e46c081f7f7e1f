// One tile per frame. A tile loads at most one image at a time and only while it is on screen:
// samples that arrive meanwhile just replace the wanted URL, so a 240-frame job costs at most one
// request per visible tile per sample, and off-screen tiles cost nothing until scrolled to.
import { url } from './api.js';

const TILE_CSS_WIDTH = 220;

export class Tile {
  constructor(jobId, frame, onOpen) {
    this.jobId = jobId;
    this.frame = frame;
    this.visible = false;
    this.loading = false;
    this.want = null;
    this.shown = null;
    this.el = document.createElement('div');
    this.el.className = 'tile pending';
    this.el.dataset.frame = frame;
    this.el.innerHTML = `<div class="pic"><img alt="frame ${frame}"></div><div class="prog"></div>
      <div class="cap"><span>#${frame}</span><span class="node muted"></span><span class="st">pending</span></div><div class="err" hidden></div>`;
    this.img = this.el.querySelector('img');
    this.img.addEventListener('load', () => this.loaded());
    this.img.addEventListener('error', () => this.loaded());
    this.el.addEventListener('click', () => onOpen(frame));
  }

  static width() { return Math.round(TILE_CSS_WIDTH * (window.devicePixelRatio || 1)); }

  /** Frame record from GET /jobs/{id} (the source of truth after a reconnect). */
  update(f) {
    // a frame split across nodes names every node rendering a part of it
    const node = f.parts ? f.parts.map(p => p.node).filter(Boolean).join('+') : f.node;
    this.setState(f.state, node);
    if (f.state === 'done') this.showFinal();
    else if (f.state === 'rendering' && f.samplesDone > 0) this.showSample(f.samplesDone, f.samplesTotal, node);
    this.setError(f.state === 'failed' ? f.error : null);
  }

  setState(state, node) {
    this.state = state;
    this.el.className = 'tile ' + state;
    this.el.dataset.state = state;
    this.el.querySelector('.st').textContent = state === 'rendering' && this.passText ? this.passText : state;
    if (node !== undefined) this.el.querySelector('.node').textContent = node || '';
    if (state === 'done') this.el.querySelector('.prog').style.width = '0';
  }

  showSample(pass, passes, node) {
    if (this.state === 'done') return;
    // a periodic resync may report an older pass than the last event: it must not cost a reload
    if (this.state === 'rendering' && this.passNum && pass < this.passNum) return;
    this.passNum = pass;
    this.passText = `${pass}/${passes}`;
    this.el.dataset.pass = pass;
    this.setState('rendering', node);
    this.el.querySelector('.prog').style.width = (100 * pass / Math.max(1, passes)) + '%';
    this.setWanted(url(`/jobs/${encodeURIComponent(this.jobId)}/frames/${this.frame}/preview`, { w: Tile.width(), p: pass }));
  }

  showFinal() {
    this.passText = null;
    this.setState('done');
    this.setWanted(url(`/jobs/${encodeURIComponent(this.jobId)}/frames/${this.frame}`, { w: Tile.width() }));
  }

  reset() {
    this.passText = null;
    this.passNum = 0;
    this.want = null;
    this.el.querySelector('.prog').style.width = '0';
  }

  setError(message) {
    const e = this.el.querySelector('.err');
    e.hidden = !message;
    e.textContent = message || '';
    if (message) e.title = message;
  }

  setVisible(v) {
    this.visible = v;
    this.pump();
  }

  setWanted(u) {
    this.want = u;
    this.pump();
  }

  pump() {
    if (!this.visible || this.loading || !this.want || this.want === this.shown) return;
    this.loading = true;
    this.requested = this.want;
    this.img.src = this.want;
  }

  loaded() {
    this.loading = false;
    this.shown = this.requested;
    this.el.dataset.loads = (Number(this.el.dataset.loads) || 0) + 1;
    this.pump();
  }
}

