// The page's router: one view at a time, chosen by the address's #fragment.
import { adoptTokenFromUrl, api, startSession, whenConnectionChanges, whenUnauthorized } from './api.js';
import { HomeView } from './home.js';
import { SubmitView } from './submit.js';
import { JobView } from './job.js';

await adoptTokenFromUrl();

const views = { home: new HomeView(), submit: new SubmitView(), job: new JobView() };
let current = null;

function route() {
  const hash = location.hash || '#/';
  const m = hash.match(/^#\/jobs\/([^/]+)$/);
  const [name, arg] = m ? ['job', decodeURIComponent(m[1])] : hash.startsWith('#/submit') ? ['submit'] : ['home'];
  if (current) current.hide();
  for (const [key, v] of Object.entries(views)) document.getElementById('view-' + key).hidden = key !== name;
  document.getElementById('nav-home').classList.toggle('active', name === 'home');
  document.getElementById('nav-submit').classList.toggle('active', name === 'submit');
  current = views[name];
  current.show(arg);
}

const tokenBar = document.getElementById('token-bar');
whenUnauthorized(() => {
  tokenBar.hidden = false;
  document.getElementById('token-input').focus();
});
document.getElementById('token-form').addEventListener('submit', async e => {
  e.preventDefault();
  try {
    await startSession(document.getElementById('token-input').value.trim());
    await api('/health');
    tokenBar.hidden = true;
    document.getElementById('token-error').textContent = '';
    route();
  } catch (err) {
    document.getElementById('token-error').textContent = err.message;
  }
});

const conn = document.getElementById('conn');
whenConnectionChanges(up => { conn.className = 'conn ' + (up ? 'up' : 'down'); });

async function nodeInfo() {
  try {
    const h = await api('/health');
    document.getElementById('node-info').textContent = `${h.node} · site ${h.site} · ${h.members} node(s)`;
  } catch { /* shown by the connection dot or the token bar */ }
}

window.addEventListener('hashchange', route);
route();
nodeInfo();
setInterval(nodeInfo, 5000);
