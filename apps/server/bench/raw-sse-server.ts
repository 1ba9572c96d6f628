/**
 * Baseline for the server bench: a plain node:http server that answers every POST with the same
 * SSE frames (read from the file in argv[2]), optionally holding each response open for
 * `PARK_MS` first. Prints its port on stdout.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';

const frames = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as string[];
const encoded = frames.map((frame) => Buffer.from(frame));
let parkMs = 0;

const write = (res: ServerResponse, chunk: Buffer) =>
  res.write(chunk) ? undefined : new Promise<void>((resolve) => res.once('drain', resolve));

const server = createServer((req, res) => {
  if (req.url === '/park') {
    parkMs = Number(req.headers['x-park-ms'] ?? 0);
    res.end('ok');
    return;
  }
  req.resume();
  req.on('end', () => {
    void (async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (parkMs > 0) await new Promise((resolve) => setTimeout(resolve, parkMs));
      for (const chunk of encoded) await write(res, chunk);
      res.end();
    })();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`);
});
