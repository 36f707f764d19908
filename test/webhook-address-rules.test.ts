import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWebhook, refusedAddress } from '../services/certification/src/watchlist/webhook-address';
import { webhookUrl } from '../services/certification/src/watchlist/webhook.rules';

const PRODUCTION = { allowLoopback: false };
const DEVELOPMENT = { allowLoopback: true };

describe('where a webhook may connect', () => {
  it('refuses loopback, private, link-local and cloud-metadata addresses, and allows public ones', () => {
    for (const address of [
      '127.0.0.1', '10.1.2.3', '172.16.0.9', '172.31.255.255', '192.168.1.20', '169.254.169.254', '100.100.100.200',
      '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::5', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1',
    ]) {
      expect(refusedAddress(address, PRODUCTION), address).not.toBeNull();
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111']) {
      expect(refusedAddress(address, PRODUCTION), address).toBeNull();
    }
  });

  it('refuses IPv4-compatible (::7f00:1) forms of loopback and private addresses', () => {
    for (const address of ['::7f00:1', '::127.0.0.1', '::a00:1', '::c0a8:101']) expect(refusedAddress(address, PRODUCTION), address).not.toBeNull();
  });

  it('refuses IPv4-mapped and IPv4-translated (::ffff:0:7f00:1) forms, however written', () => {
    for (const address of ['::ffff:7f00:1', '::ffff:0:7f00:1', '::ffff:0:127.0.0.1', '::ffff:0:a00:1', '0:0:0:0:0:ffff:a9fe:a9fe']) {
      expect(refusedAddress(address, PRODUCTION), address).not.toBeNull();
    }
  });

  it('refuses 6to4 addresses (2002::/16) that embed a loopback or private IPv4 address', () => {
    // 2002:AABB:CCDD:: carries AA.BB.CC.DD.
    for (const address of ['2002:7f00:1::', '2002:7f00:1::1', '2002:a00:1::', '2002:c0a8:101::5', '2002:a9fe:a9fe::']) {
      expect(refusedAddress(address, PRODUCTION), address).not.toBeNull();
    }
    expect(refusedAddress('2002:808:808::1', PRODUCTION)).toBeNull();
  });

  it('refuses NAT64 addresses (64:ff9b::/96) that embed a loopback or private IPv4 address', () => {
    for (const address of ['64:ff9b::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::a00:1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::a00:1']) {
      expect(refusedAddress(address, PRODUCTION), address).not.toBeNull();
    }
    expect(refusedAddress('64:ff9b::808:808', PRODUCTION)).toBeNull();
  });

  it('refuses such forms when the endpoint names them literally, never reaching the server', async () => {
    for (const host of ['[::7f00:1]', '[::ffff:0:7f00:1]', '[2002:7f00:1::]', '[64:ff9b::7f00:1]']) {
      await expect(callWebhook({ url: `http://${host}:8080/hook`, headers: {}, body: '{}', timeoutMs: 2000, maxResponseBytes: 4096, policy: PRODUCTION }))
        .rejects.toMatchObject({ code: 'EREFUSED_ADDRESS' });
    }
  });

  it('allows loopback only where the policy says (development and tests), never private addresses', () => {
    expect(refusedAddress('127.0.0.1', DEVELOPMENT)).toBeNull();
    expect(refusedAddress('::1', DEVELOPMENT)).toBeNull();
    expect(refusedAddress('::ffff:127.0.0.1', DEVELOPMENT)).toBeNull();
    expect(refusedAddress('10.0.0.1', DEVELOPMENT)).not.toBeNull();
    expect(refusedAddress('169.254.169.254', DEVELOPMENT)).not.toBeNull();
  });

  it('accepts only https:// endpoints outside development and tests, without credentials', () => {
    expect(webhookUrl('https://hooks.partner.example/icoca', false)).toBe('https://hooks.partner.example/icoca');
    expect(() => webhookUrl('http://hooks.partner.example/icoca', false)).toThrow(/https/);
    expect(webhookUrl('http://127.0.0.1:8080/hook', true)).toBe('http://127.0.0.1:8080/hook');
    expect(() => webhookUrl('https://user:pw@hooks.partner.example/', false)).toThrow(/credentials/);
    expect(() => webhookUrl('not a url', false)).toThrow(/not a URL/);
  });

  describe('calls', () => {
    let server: Server;
    let port: number;
    let received = 0;
    let mode: 'ok' | 'hang' | 'endless' = 'ok';
    beforeAll(async () => {
      server = createServer((request, response) => {
        received++;
        request.resume();
        if (mode === 'hang') return;
        if (mode === 'endless') {
          response.writeHead(200);
          const chunk = Buffer.alloc(64 * 1024, 'x');
          const write = () => {
            if (!response.destroyed) response.write(chunk, write);
          };
          return write();
        }
        response.end('fine');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => {
      server.closeAllConnections();
      server.close();
    });

    const call = (url: string, policy = PRODUCTION, timeoutMs = 2000) =>
      callWebhook({ url, headers: {}, body: '{}', timeoutMs, maxResponseBytes: 4096, policy });

    it('refuses a name that resolves to loopback at connect time, never reaching the server', async () => {
      received = 0;
      await expect(call(`http://localhost:${port}/hook`)).rejects.toThrow(/refused/);
      await expect(call(`http://127.0.0.1:${port}/hook`)).rejects.toThrow(/refused/);
      await expect(call(`http://[::ffff:127.0.0.1]:${port}/hook`)).rejects.toThrow(/refused/);
      await expect(call('http://10.0.0.1/hook')).rejects.toThrow(/refused/);
      await expect(call('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(/refused/);
      expect(received).toBe(0);
      mode = 'ok';
      expect(await call(`http://localhost:${port}/hook`, DEVELOPMENT)).toEqual({ status: 200, body: 'fine' });
      expect(received).toBe(1);
    });

    it('ends a call that gets no answer within its timeout', async () => {
      mode = 'hang';
      const started = Date.now();
      await expect(call(`http://127.0.0.1:${port}/hook`, DEVELOPMENT, 300)).rejects.toThrow(/no answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('reads only the first part of an endless answer', async () => {
      mode = 'endless';
      const answer = await call(`http://127.0.0.1:${port}/hook`, DEVELOPMENT);
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBeLessThanOrEqual(4096);
    });
  });
});
