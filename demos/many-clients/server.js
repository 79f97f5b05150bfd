// One thread serves many clients at once: the event loop parks every waiting request
// and gets on with the others. Run `node server.js` for the evented handler, or
// `node server.js --blocking` to see one synchronous wait hold up every client.
import net from 'node:net';

const CLIENTS = 100;
const WORK_MS = 20; // each request "waits on I/O" this long
const blocking = process.argv.includes('--blocking');

function handle(socket, request) {
  const reply = () => socket.end(`done: ${request}\n`);
  if (blocking) {
    // A synchronous wait: nothing else on this thread runs until it returns.
    const until = performance.now() + WORK_MS;
    while (performance.now() < until);
    reply();
  } else {
    // Evented: ask to be called back later, and return to the loop at once.
    setTimeout(reply, WORK_MS);
  }
}

const server = net.createServer((socket) => {
  socket.setEncoding('utf8');
  socket.once('data', (request) => handle(socket, request.trim()));
});

function request(port, n) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`request ${n}\n`));
    socket.on('data', () => {});
    socket.on('end', () => resolve(performance.now() - started));
    socket.on('error', reject);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  console.log(`${blocking ? 'blocking' : 'evented'} handler: 1 thread, ${CLIENTS} clients, ${WORK_MS} ms of work each`);
  const started = performance.now();
  const latencies = await Promise.all(Array.from({ length: CLIENTS }, (_, n) => request(port, n)));
  const total = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const median = latencies[Math.floor(latencies.length / 2)];
  console.log(`served ${CLIENTS} clients in ${total.toFixed(0)} ms`);
  console.log(`median reply ${median.toFixed(0)} ms, slowest ${latencies.at(-1).toFixed(0)} ms`);
  server.close();
});
