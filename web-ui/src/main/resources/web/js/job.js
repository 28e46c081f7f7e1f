// One job: its frame tiles refined live from the event stream, its controls, its downloads.
import { api, control, url } from './api.js';
import { Tile } from './tiles.js';
import { FrameDialog } from './dialog.js';

const RESYNC_MS = 5000;
const MAX_BACKOFF_MS = 10000;
const $ = id => document.getElementById(id);

// "about 40 s left", "about 3 min left", "about 2 h 5 min left" (as the command line says it)
function left(sec) {
  if (sec < 60) return `about ${sec} s left`;
  if (sec < 3600) return `about ${Math.round(sec / 60)} min left`;
  return `about ${Math.floor(sec / 3600)} h ${Math.floor((sec % 3600) / 60)} min left`;
}

export class JobView {
  constructor() {
    this.tiles = new Map();
    this.observer = new IntersectionObserver(entries => {
      for (const e of entries) this.tiles.get(Number(e.target.dataset.frame))?.setVisible(e.isIntersecting);
    }, { rootMargin: '200px' });
    this.dialog = new FrameDialog(() => this.job, frame => this.tiles.get(frame));
    document.querySelectorAll('#view-job [data-action]').forEach(b => b.addEventListener('click', () => this.act(b.dataset.action)));
    $('job-priority-set').addEventListener('click', () => this.act('priority', { value: parseInt($('job-priority').value, 10) }));
    $('job-samples-set').addEventListener('click', () => this.act('set-samples', { value: parseInt($('job-samples').value, 10) }));
  }

  show(jobId) {
    this.hide();
    this.jobId = jobId;
    this.job = null;
    this.tiles.clear();
    $('tiles').innerHTML = '';
    $('job-title').textContent = jobId;
    $('job-error').textContent = '';
    $('job-zip').href = url(`/jobs/${encodeURIComponent(jobId)}/frames.zip`);
    this.backoff = 1000;
    this.resync().then(() => this.connect());
    this.timer = setInterval(() => { if (!document.hidden) this.resync(); }, RESYNC_MS);
  }

  hide() {
    clearInterval(this.timer);
    clearTimeout(this.reconnectTimer);
    if (this.events) this.events.close();
    this.events = null;
    this.observer.disconnect();
    this.dialog.close();
  }

  async resync() {
    const id = this.jobId;
    try {
      const job = await api('/jobs/' + encodeURIComponent(id));
      if (id !== this.jobId) return;
      this.job = job;
      this.renderHead(job);
      for (const f of job.frames) this.tile(f.frame).update(f);
      this.dialog.refresh();
    } catch (e) {
      $('job-error').textContent = e.message;
    }
  }

  tile(frame) {
    let t = this.tiles.get(frame);
    if (!t) {
      t = new Tile(this.jobId, frame, n => this.dialog.open(n));
      if (this.job) t.el.style.setProperty('--aspect', `${this.job.profile.width} / ${this.job.profile.height}`);
      this.tiles.set(frame, t);
      $('tiles').append(t.el);
      this.observer.observe(t.el);
    }
    return t;
  }

  renderHead(job) {
    $('job-title').textContent = job.name || job.id;
    const st = $('job-state');
    st.textContent = job.state;
    st.className = 'state ' + job.state;
    $('job-bar').style.width = (100 * job.framesDone / Math.max(1, job.framesTotal)) + '%';
    $('job-count').textContent = `${job.framesDone}/${job.framesTotal} frames` + (job.etaSec != null && job.etaSec > 0 ? ' · ' + left(job.etaSec) : '');
    const p = job.profile;
    $('job-meta').textContent = `${job.id} · ${p.scene} · ${p.renderer.package} · ${p.width}×${p.height} · coordinator ${job.coordinator || '—'}`
      + (job.pendingReason ? ' · waiting: ' + job.pendingReason : '');
    if (document.activeElement !== $('job-priority')) $('job-priority').value = job.priority;
    if (document.activeElement !== $('job-samples')) $('job-samples').value = job.samples;
    const finished = ['done', 'failed', 'cancelled'].includes(job.state);
    document.querySelectorAll('#view-job .job-actions button').forEach(b => { b.disabled = finished; });
    document.querySelector('#view-job [data-action=pause]').hidden = job.state === 'paused';
    document.querySelector('#view-job [data-action=resume]').hidden = job.state !== 'paused';
  }

  // EventSource retries by itself while the node answers; when the node restarts it may give up
  // (state CLOSED), so we reopen with backoff and resync the whole job on every (re)connect.
  connect() {
    const id = this.jobId;
    const es = new EventSource(url(`/jobs/${encodeURIComponent(id)}/events`));
    this.events = es;
    es.onopen = () => { this.backoff = 1000; this.resync(); };
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED || this.jobId !== id || this.events !== es) return;
      this.reconnectTimer = setTimeout(() => { if (this.events === es) this.connect(); }, this.backoff);
      this.backoff = Math.min(MAX_BACKOFF_MS, this.backoff * 2);
    };
    const on = (name, fn) => es.addEventListener(name, e => fn(JSON.parse(e.data)));
    on('sample', d => { this.tile(d.frame).showSample(d.pass, d.passes, d.node); this.dialog.sample(d); });
    on('frame-assigned', d => { const t = this.tile(d.frame); t.reset(); t.setError(null); t.setState('assigned', d.node); });
    on('frame-done', d => { this.tile(d.frame).showFinal(); this.dialog.refresh(); this.resyncSoon(); });
    on('frame-failed', d => { const t = this.tile(d.frame); t.setError(d.error); if (d.final) t.setState('failed', d.node); });
    on('job-state', () => this.resync());
    on('job-done', () => this.resync());
  }

  // many frames finishing together cause one resync, not one each
  resyncSoon() {
    if (this.pendingResync) return;
    this.pendingResync = setTimeout(() => { this.pendingResync = null; this.resync(); }, 300);
  }

  async act(action, extra = {}) {
    if (action === 'cancel' && !confirm('Cancel this job?')) return;
    try {
      await control(this.jobId, action, extra);
      $('job-error').textContent = '';
      this.resync();
    } catch (e) {
      $('job-error').textContent = e.message;
    }
  }
}
