// Mesh and jobs: the nodes with their resources, and every job with its actions.

import { api, control, esc } from './api.js';

const POLL_MS = 2000;
// why a node takes no new frames, said where its state is shown
const NODE_STATES = {
  'in-use': 'its person is at the desk: it renders when they are away',
  paused: 'paused on its desk: no new frames',
  leaving: 'shutting down',
};


export class HomeView {
  constructor() {
    this.timer = null;
    document.getElementById('jobs').addEventListener('click', e => this.onAction(e));
    document.getElementById('join-rows').addEventListener('click', e => this.onApprove(e));
  }

  show() {
    this.refresh();
    this.timer = setInterval(() => { if (!document.hidden) this.refresh(); }, POLL_MS);
  }

  hide() { clearInterval(this.timer); }

  async refresh() {
    const err = document.getElementById('home-error');
    try {
      const [nodes, jobs, joins, sites] = await Promise.all([api('/nodes'), api('/jobs'), api('/join-requests'), api('/sites')]);
      this.renderNodes(nodes);
      this.renderSites(sites);
      this.renderJoinRequests(joins);
      this.renderJobs(jobs);
      err.textContent = '';
    } catch (e) {
      err.textContent = e.message;
    }
  }

  renderNodes(nodes) {
    nodes.sort((a, b) => (a.site + a.name).localeCompare(b.site + b.name));
    document.getElementById('nodes').innerHTML = nodes.map(n => `<tr data-node="${esc(n.name)}">
      <td>${esc(n.name)}<div class="muted">${esc(n.address)} · ${esc(n.os)}</div></td><td>${esc(n.site)}</td>
      <td>${n.renderers.map(r => esc(r.package + ' ' + r.version)
        + (r.unconfined ? ' <span class="warning" title="started with --unsandboxed-renderers: scenes run with this node\'s rights">unsandboxed</span>' : '')).join('<br>')}</td>
      <td>${n.cores}</td><td>${(n.memoryMb / 1024).toFixed(1)} GB</td>
      <td><div class="bar"><div style="width:${100 * n.busySlots / Math.max(1, n.slots)}%"></div></div> ${n.busySlots}/${n.slots}</td>
      <td class="state ${esc(n.state)}" title="${esc(NODE_STATES[n.state] || '')}">${esc(n.state)}${NODE_STATES[n.state] ? `<div class="muted">${esc(NODE_STATES[n.state])}</div>` : ''}</td><td>${Number(n.speed).toFixed(2)}</td></tr>`).join('');
  }

  // a site of its own shows nothing: the table appears once the site is bridged to others
  renderSites(sites) {
    document.getElementById('sites').hidden = sites.length < 2;
    document.getElementById('site-rows').innerHTML = sites.map(s => `<tr>
      <td>${esc(s.name)}</td><td class="state ${s.state === 'up' ? 'idle' : 'failed'}">${esc(s.state)}</td>
      <td>${esc(s.gateway || '')}</td><td>${s.nodes}</td><td>${s.freeSlots}/${s.slots}</td>
      <td>${s.renderers.map(r => esc(r.package + ' ' + r.version)).join(', ')}</td></tr>`).join('');
  }

  renderJoinRequests(joins) {
    document.getElementById('join-requests').hidden = joins.length === 0;
    const names = joins.map(j => j.name);
    document.getElementById('join-rows').innerHTML = joins.map(j => `<tr data-name="${esc(j.name)}"${names.indexOf(j.name) !== names.lastIndexOf(j.name) ? ' class="conflict" title="more than one machine asks under this name: approve only the one whose screen shows this fingerprint"' : ''}>
      <td>${esc(j.name)}</td><td>${esc(j.address)}</td><td><code>${esc(j.fingerprint)}</code></td>
      <td>${esc(new Date(j.since).toLocaleTimeString())}</td>
      <td><button data-approve>Approve</button><div class="error"></div></td></tr>`).join('');
  }

  async onApprove(e) {
    const button = e.target.closest('button[data-approve]');
    if (!button) return;
    const row = button.closest('tr');
    const name = row.dataset.name;
    const fingerprint = row.querySelector('code').textContent;
    if (!confirm(`Let ${name} join the mesh? Its screen must show the fingerprint ${fingerprint}.`)) return;
    button.disabled = true;
    try {
      await api('/join-requests/' + encodeURIComponent(name) + '/approve', { method: 'POST', json: { fingerprint } });
      this.refresh();
    } catch (ex) {
      row.querySelector('.error').textContent = ex.message;
      button.disabled = false;
    }
  }

  // Rows are updated in place, so a priority being typed is not wiped by the next poll.
  renderJobs(jobs) {
    const body = document.getElementById('jobs');
    document.getElementById('jobs-empty').hidden = jobs.length > 0;
    const seen = new Set();
    for (const j of jobs) {
      seen.add(j.id);
      let row = body.querySelector(`tr[data-job="${CSS.escape(j.id)}"]`);
      if (!row) {
        row = document.createElement('tr');
        row.dataset.job = j.id;
        row.innerHTML = `<td><a href="#/jobs/${encodeURIComponent(j.id)}">${esc(j.name || j.id)}</a><div class="muted">${esc(j.id)}</div></td>
          <td class="state"></td><td><div class="bar"><div></div></div> <span class="count muted"></span></td>
          <td><input type="number" min="0" max="100" class="prio" aria-label="priority"> <button data-act="priority">Set</button></td>
          <td class="coord"></td>
          <td><button data-act="pause">Pause</button> <button data-act="resume">Resume</button> <button data-act="cancel" class="danger">Cancel</button>
          <button data-act="delete" class="danger" hidden>Delete</button>
          <div class="error"></div></td>`;
        body.prepend(row);
      }
      const st = row.querySelector('.state');
      st.textContent = j.state;
      st.className = 'state ' + j.state;
      row.querySelector('.bar > div').style.width = (100 * j.framesDone / Math.max(1, j.framesTotal)) + '%';
      row.querySelector('.count').textContent = `${j.framesDone}/${j.framesTotal}`;
      const prio = row.querySelector('.prio');
      if (document.activeElement !== prio) prio.value = j.priority;
      row.querySelector('.coord').textContent = j.coordinator || '';
      const finished = ['done', 'failed', 'cancelled'].includes(j.state);
      row.querySelectorAll('button').forEach(b => { b.disabled = finished; });
      // a finished job can only be deleted: its record, frames and unshared files, on every node
      const del = row.querySelector('[data-act=delete]');
      del.hidden = !finished;
      del.disabled = !finished;
      row.querySelector('[data-act=pause]').hidden = j.state === 'paused';
      row.querySelector('[data-act=resume]').hidden = j.state !== 'paused';
    }
    body.querySelectorAll('tr[data-job]').forEach(r => { if (!seen.has(r.dataset.job)) r.remove(); });
  }

  async onAction(e) {
    const button = e.target.closest('button[data-act]');
    if (!button) return;
    const row = button.closest('tr');
    const err = row.querySelector('.error');
    const act = button.dataset.act;
    if (act === 'cancel' && !confirm('Cancel job ' + row.dataset.job + '?')) return;
    if (act === 'delete' && !confirm('Delete job ' + row.dataset.job + ' and its frames on every node?')) return;
    button.disabled = true;
    try {
      if (act === 'delete') await api('/jobs/' + encodeURIComponent(row.dataset.job), { method: 'DELETE' });
      else if (act === 'priority') await control(row.dataset.job, 'priority', { value: parseInt(row.querySelector('.prio').value, 10) });
      else await control(row.dataset.job, act);
      err.textContent = '';
      this.refresh();
    } catch (ex) {
      err.textContent = ex.message;
    } finally {
      button.disabled = false;
    }
  }
}
