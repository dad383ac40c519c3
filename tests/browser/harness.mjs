// What the browser tests share: their environment, running the kulanz binary, and a real
// `kulanz serve` on a free port that is stopped after the tests.
import { spawn } from 'node:child_process';

// An environment variable the test needs (ctest sets them, tests/browser/CMakeLists.txt).
export const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (!v) throw new Error(`${name} is not set (run the test through ctest)`);
  return v;
};

// Starts `kulanz serve` on a free loopback port; resolves with the process and its base URL
// once it prints where the web pages are.
export function startServer(kulanz, dbUrl) {
  return new Promise((resolve, reject) => {
    const server = spawn(kulanz, ['--db', dbUrl, 'serve', '--listen', '127.0.0.1:0', '--threads', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kulanz serve did not start:\n${out}\n${err}`)), 30000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/web pages: +(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ server, baseUrl: m[1] });
      }
    });
    server.stderr.on('data', (chunk) => { err += chunk; });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kulanz serve exited with ${code}:\n${out}\n${err}`));
    });
  });
}

// Stops a server startServer started and waits until it has exited.
export async function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}
