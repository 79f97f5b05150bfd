import { spawn } from 'node:child_process';
import { connect } from 'node:net';
const servers = {
  gevent: ['/usr/bin/python3', ['-u', 'demos/python/chat_gevent.py']],
  eventlet: ['/usr/bin/python3', ['-u', 'demos/python/chat_eventlet.py']],
  twisted: ['/usr/bin/python3', ['-u', 'demos/python/chat_twisted.py']],
  asyncio: ['/usr/bin/python3', ['-u', 'demos/python/asyncio_chat.py']],
  node: [process.execPath, ['demos/comet-chat/server.js']],
};
const start = ([cmd, args]) => new Promise((res) => { const c = spawn(cmd, args, { env: { ...process.env, PORT: '0', CHAT_WAIT_TIMEOUT: '3' } }); c.stderr.on('data', d => process.stderr.write('  [stderr] ' + d.toString().slice(0, 300))); c.stdout.on('data', (d) => { const m = /listening on port (\d+)/.exec(d); if (m) res({ c, port: +m[1] }); }); });
const raw = (port, data, ms = 2500) => new Promise((res) => { const s = connect(port, '127.0.0.1'); let out = Buffer.alloc(0); const t = setTimeout(() => { s.destroy(); res(out.toString('latin1') + ' [open]'); }, ms); s.on('data', (d) => (out = Buffer.concat([out, d]))); s.on('error', (e) => { clearTimeout(t); res(out.toString('latin1') + ` [${e.code}]`); }); s.on('close', () => { clearTimeout(t); res(out.toString('latin1') + ' [closed]'); }); s.write(data); });
const cases = JSON.parse(process.argv[2]);
for (const [name, spec] of Object.entries(servers)) {
  if (process.argv[3] && !process.argv[3].split(',').includes(name)) continue;
  const { c, port } = await start(spec);
  for (const k of cases) { const r = await raw(port, Buffer.from(k, 'latin1')); console.log(name, JSON.stringify(k.slice(0, 60)), '=>', JSON.stringify(r.replace(/\r\n/g, '|').slice(0, 260))); }
  c.kill('SIGKILL');
}
process.exit(0);
