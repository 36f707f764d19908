import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One call a receiver got: its headers, raw body, and whether the signature held with the secret it knew then. */
export interface ReceivedCall {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/**
 * A webhook receiver as a partner would write it: it checks each call's signature with the Standard Webhooks
 * library and keeps each event once, by `webhook-id`. `answer` decides the status of each call (n counts from 1).
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  /** Events accepted (2xx answered), once each by webhook-id. */
  readonly events = new Map<string, any>();
  secret = '';
  answer: (call: ReceivedCall, n: number) => number | 'hang' = () => 200;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let verified: boolean;
        try {
          new Webhook(this.secret).verify(body, request.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
        const call = { id: String(request.headers['webhook-id']), headers: request.headers, body, verified };
        this.calls.push(call);
        const status = this.answer(call, this.calls.length);
        if (status === 'hang') return;
        if (status >= 200 && status < 300 && verified && !this.events.has(call.id)) this.events.set(call.id, JSON.parse(body));
        response.writeHead(status, status >= 300 && status < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/icoca-webhook`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until `check` holds (the worker delivers in the background). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} never held`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
