// The baseline: a bare node:http server that reads and parses a JSON body and answers 201.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { externalId?: string };
    const text = JSON.stringify({ ok: true, externalId: body.externalId });
    res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${a.port}`, token: '' }) + '\n');
});
