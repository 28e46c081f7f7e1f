// The large view of one frame: its latest sample or final image, accept/re-render, sample count.
import { control, url } from './api.js';

const $ = id => document.getElementById(id);

export class FrameDialog {
  constructor(job, tileOf) {
    this.job = job;
    this.tileOf = tileOf;
    this.frame = null;
    this.dlg = $('frame-dialog');
    $('dlg-close').addEventListener('click', () => this.close());
    this.dlg.addEventListener('close', () => { this.frame = null; });
    $('dlg-accept').addEventListener('click', () => this.act('accept-frame', { frame: this.frame }));
    $('dlg-rerender').addEventListener('click', () => this.act('rerender-frame', { frame: this.frame }));
    $('dlg-samples-set').addEventListener('click', () => this.act('set-samples', { value: parseInt($('dlg-samples').value, 10) }));
  }

  open(frame) {
    this.frame = frame;
    this.lastPass = null;
    $('dlg-error').textContent = '';
    $('dlg-image').removeAttribute('src');
    if (!this.dlg.open) this.dlg.showModal();
    this.refresh();
  }

  close() {
    if (this.dlg.open) this.dlg.close();
    this.frame = null;
  }

  /** Re-reads the frame's state from the job detail and the tile. */
  refresh() {
    const job = this.job();
    if (this.frame === null || !job) return;
    const f = job.frames.find(x => x.frame === this.frame) || { state: 'pending' };
    const tile = this.tileOf(this.frame);
    const jobPath = `/jobs/${encodeURIComponent(job.id)}/frames/${this.frame}`;
    $('dlg-title').textContent = `Frame ${this.frame}`;
    const pass = tile && tile.passText ? ' · pass ' + tile.passText : '';
    $('dlg-status').textContent = `${f.state}${f.node ? ' on ' + f.node : ''}${pass}${f.accepted ? ' · accepted as is' : ''}${f.error ? ' · ' + f.error : ''}`;
    if (document.activeElement !== $('dlg-samples')) $('dlg-samples').value = job.samples;
    const done = f.state === 'done';
    $('dlg-accept').disabled = f.state !== 'rendering';
    $('dlg-rerender').disabled = !['done', 'failed', 'rendering', 'assigned'].includes(f.state);
    $('dlg-download').hidden = !done;
    $('dlg-download').href = url(jobPath);
    $('dlg-download').setAttribute('download', String(this.frame).padStart(4, '0') + '.png');
    let src = null;
    if (done) src = url(jobPath);
    else if (tile && tile.passText) src = url(jobPath + '/preview', { p: tile.el.dataset.pass });
    if (src && $('dlg-image').getAttribute('src') !== src) $('dlg-image').src = src;
    $('dlg-empty').hidden = !!src;
  }

  sample(d) {
    if (d.frame === this.frame) this.refresh();
  }

  async act(action, extra) {
    const job = this.job();
    if (!job) return;
    try {
      await control(job.id, action, extra);
      $('dlg-error').textContent = '';
    } catch (e) {
      $('dlg-error').textContent = e.message;
    }
  }
}
