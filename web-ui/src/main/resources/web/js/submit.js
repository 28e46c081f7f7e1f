// The submit form: a bundled scene or an uploaded scene folder, and the job profile's fields.
import { api, ApiError, esc } from './api.js';

const SCENE_EXTENSIONS = { '.json': 'builtin', '.gltf': 'builtin', '.glb': 'builtin', '.pov': 'povray', '.blend': 'blender' };
const FIELDS = ['scene', 'name', 'frames', 'width', 'height', 'samples', 'renderer', 'priority', 'allowRemote'];
const $ = id => document.getElementById(id);

export class SubmitView {
  constructor() {
    this.files = [];   // [{path, file}]
    this.form = $('submit-form');
    this.form.addEventListener('submit', e => { e.preventDefault(); this.submit(); });
    this.form.querySelectorAll('input[name=source]').forEach(r => r.addEventListener('change', () => this.sourceChanged()));
    $('f-folder').addEventListener('change', e => this.takeFiles(e.target.files, true));
    $('f-files').addEventListener('change', e => this.takeFiles(e.target.files, false));
    $('f-scene').addEventListener('change', () => this.pickRendererFor($('f-scene').value));
    this.form.addEventListener('input', e => this.clearError(e.target));
  }

  async show() {
    try {
      const [scenes, nodes] = await Promise.all([api('/scenes'), api('/nodes')]);
      const bundled = $('f-bundled');
      const was = bundled.value;
      bundled.innerHTML = scenes.map(s => `<option>${esc(s)}</option>`).join('');
      if (was) bundled.value = was;
      // only renderers that some node of the mesh actually has
      const packages = [...new Set(nodes.flatMap(n => n.renderers.map(r => r.package)))].sort();
      const renderer = $('f-renderer');
      const chosen = renderer.value;
      renderer.innerHTML = packages.map(p => `<option>${esc(p)}</option>`).join('');
      renderer.value = packages.includes(chosen) ? chosen : (packages.includes('builtin') ? 'builtin' : packages[0] || '');
    } catch (e) {
      this.showError('general', e.message);
    }
  }

  hide() {}

  sourceChanged() {
    const upload = this.source() === 'upload';
    $('upload-box').hidden = !upload;
    $('f-bundled').disabled = upload;
    if (!upload) this.pickRendererFor($('f-bundled').value);
    else if ($('f-scene').value) this.pickRendererFor($('f-scene').value);
  }

  source() { return this.form.querySelector('input[name=source]:checked').value; }

  // A folder picker gives "folder/sub/file"; the bundle paths are relative to the chosen folder.
  takeFiles(list, fromFolder) {
    this.files = [...list].map(file => {
      let path = (fromFolder && file.webkitRelativePath) || file.name;
      if (fromFolder && path.includes('/')) path = path.slice(path.indexOf('/') + 1);
      return { path, file };
    });
    const scenes = this.files.map(f => f.path).filter(p => SCENE_EXTENSIONS[ext(p)]).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    $('f-scene').innerHTML = scenes.map(p => `<option>${esc(p)}</option>`).join('');
    const bytes = this.files.reduce((n, f) => n + f.file.size, 0);
    $('f-filelist').textContent = `${this.files.length} file(s), ${(bytes / 1048576).toFixed(1)} MB`;
    this.clearError($('f-scene'));
    if (scenes.length) this.pickRendererFor(scenes[0]);
    else if (this.files.length) this.showError('scene', 'none of these files is a scene (.pov, .blend, .json, .gltf, .glb)');
  }

  pickRendererFor(scene) {
    const pkg = scene.startsWith('builtin:') ? 'builtin' : SCENE_EXTENSIONS[ext(scene)];
    const sel = $('f-renderer');
    if (pkg && [...sel.options].some(o => o.value === pkg)) sel.value = pkg;
  }

  profile() {
    const upload = this.source() === 'upload';
    const num = id => { const v = $(id).value.trim(); return v === '' ? undefined : Number(v); };
    const p = {
      scene: upload ? $('f-scene').value : $('f-bundled').value,
      renderer: { package: $('f-renderer').value },
      frames: $('f-frames').value.trim(),
      width: num('f-width'), height: num('f-height'), samples: num('f-samples'), priority: num('f-priority'),
      allowRemote: $('f-remote').checked,
    };
    const name = $('f-name').value.trim();
    if (name) p.name = name;
    return p;
  }

  async submit() {
    this.clearAll();
    const upload = this.source() === 'upload';
    if (upload && !this.files.length) return this.showError('scene', 'choose a scene folder or files to upload');
    if (upload && !$('f-scene').value) return this.showError('scene', 'choose the main scene file');
    const profile = this.profile();
    const button = $('submit-button');
    button.disabled = true;
    $('submit-status').textContent = upload ? 'uploading…' : 'submitting…';
    try {
      let res;
      if (upload) {
        const form = new FormData();
        form.append('profile', JSON.stringify(profile));
        // the part's name carries the full relative path too: some browsers strip folders from file names
        for (const f of this.files) form.append(f.path, f.file, f.path);
        res = await api('/jobs', { method: 'POST', body: form });
      } else {
        res = await api('/jobs', { method: 'POST', json: profile });
      }
      location.hash = '#/jobs/' + encodeURIComponent(res.id);
    } catch (e) {
      this.showError(e instanceof ApiError && e.status === 413 ? 'scene' : fieldOf(e.message), e.message);
    } finally {
      button.disabled = false;
      $('submit-status').textContent = '';
    }
  }

  showError(field, message) {
    const el = this.form.querySelector(`.error[data-for="${field}"]`) || $('submit-error');
    el.textContent = message;
    const input = field === 'general' ? null : this.form.querySelector('#f-' + ({ allowRemote: 'remote' }[field] || field));
    if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
  }

  clearError(input) {
    if (!input || !input.id) return;
    input.removeAttribute('aria-invalid');
    const field = input.id.replace(/^f-/, '');
    const el = this.form.querySelector(`.error[data-for="${field}"]`);
    if (el) el.textContent = '';
  }

  clearAll() {
    this.form.querySelectorAll('.error').forEach(e => { e.textContent = ''; });
    this.form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  }
}

// The API names the field its message is about ("frames ...", "unknown renderer ...", "width must ...").
function fieldOf(message) {
  const m = message.toLowerCase();
  for (const f of FIELDS) {
    if (new RegExp('\\b' + f.toLowerCase() + '\\b').test(m)) return f;
  }
  if (/\bframe\b/.test(m)) return 'frames';
  if (/upload|file|path|bundle/.test(m)) return 'scene';
  return 'general';
}

const ext = p => { const i = p.lastIndexOf('.'); return i < 0 ? '' : p.slice(i).toLowerCase(); };
const depth = p => p.split('/').length;
