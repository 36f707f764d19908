import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may connect. Checked on the address the connection actually uses (the lookup hook runs at
 * connect time), so a name that resolves to a public address when saved and to an internal one later (DNS
 * rebinding) is refused too.
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) REFUSED.addSubnet(network, prefix, 'ipv4');
// The forms that embed an IPv4 address (::ffff:0:0/96, ::/96, 64:ff9b::/96, 2002::/16...) are judged by it below;
// NAT64's local-use prefix places it anywhere, so it is refused whole.
for (const [network, prefix] of [['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['64:ff9b:1::', 48]] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export interface AddressPolicy {
  /** Development and test only: the receiver runs on this machine. */
  allowLoopback: boolean;
}

/** The eight 16-bit groups of an IPv6 address (one isIP accepts), a zone left out. */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groups = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const [head, tail] = text.split('::');
  if (tail === undefined) return groups(head);
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The IPv4 address an IPv6 address stands for, where one is embedded: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
 * (::a.b.c.d, which includes :: and ::1), IPv4-translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4
 * (2002:AABB:CCDD::) and Teredo (2001:0::, the client's address inverted in the last 32 bits).
 */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) return ipv4(g[6], g[7]);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return ipv4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return ipv4(g[6], g[7]);
  if (g[0] === 0x2002) return ipv4(g[1], g[2]);
  if (g[0] === 0x2001 && g[1] === 0) return ipv4(g[6] ^ 0xffff, g[7] ^ 0xffff);
  return null;
}

/** Why an address may not be called (loopback, private, link-local, cloud metadata...), or null when it may. */
export function refusedAddress(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (!family) return `${address} is not an IP address`;
  // An IPv6 address that carries an IPv4 address is judged as that IPv4 address: ::ffff:7f00:1 is 127.0.0.1.
  const embedded = family === 6 ? embeddedIpv4(address) : null;
  const [plain, kind] = embedded ? [embedded, 'ipv4' as const] : [address.replace(/%.*$/, ''), family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  const loopback = LOOPBACK.check(plain, kind) || (family === 6 && LOOPBACK.check(address.replace(/%.*$/, ''), 'ipv6'));
  if (policy.allowLoopback && loopback) return null;
  if (!REFUSED.check(plain, kind)) return null;
  return `${address}${embedded ? ` (${embedded})` : ''} is a loopback, private, link-local or metadata address`;
}

/** A call refused by the address policy: no connection was made. */
function refusal(reason: string): Error {
  return Object.assign(new Error(`refused: ${reason}`), { code: 'EREFUSED_ADDRESS' });
}

const RESOLVER_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|ERR_OSSL_)/;

/**
 * What the partner is told of a failed call (a delivery's `lastError`): the class of failure only. Its message may
 * name an address, a host or a resolver's answer, about the Secretariat's network as much as the partner's: that
 * detail goes to the Secretariat's log, never into the graph.
 */
export function failureClass(failure: unknown): string {
  const code = String((failure as { code?: unknown } | null)?.code ?? '');
  if (code === 'EREFUSED_ADDRESS') return 'The call was refused: the address is not allowed';
  if (code === 'EWEBHOOK_TIMEOUT' || code === 'ETIMEDOUT') return 'The call timed out';
  if (RESOLVER_CODES.has(code)) return 'The endpoint\'s name could not be resolved';
  if (TLS_CODES.test(code)) return 'The secure connection failed (certificate or TLS handshake)';
  return 'The connection failed';
}

/** A DNS lookup that fails for refused addresses: used by the connection itself. */
export function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.map((a) => refusedAddress(a.address, policy)).find(Boolean);
      if (refused || !list.length) return callback(refusal(refused ?? `${hostname} has no address`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

export interface WebhookCall {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** At most this many bytes of the answer are read. */
  maxResponseBytes: number;
  policy: AddressPolicy;
  /** Cuts the call short (the worker stopping). */
  signal?: AbortSignal;
}

/** POSTs a webhook: no redirects followed, a timeout on the whole call, a capped read. Answers the status or throws. */
export function callWebhook(call: WebhookCall): Promise<{ status: number; body: string }> {
  const url = new URL(call.url);
  // A literal IP skips the lookup: checked here instead.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const refused = refusedAddress(host, call.policy);
    if (refused) return Promise.reject(refusal(refused));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(call.body), ...call.headers },
        lookup: checkedLookup(call.policy),
        timeout: call.timeoutMs,
        agent: false,
        signal: call.signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size >= call.maxResponseBytes) return;
          chunks.push(chunk.subarray(0, call.maxResponseBytes - size));
          size += chunk.length;
          // Enough read: the rest of an endless answer is never waited for.
          if (size >= call.maxResponseBytes) response.destroy();
        });
        const done = () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timedOut = () => request.destroy(Object.assign(new Error(`no answer within ${call.timeoutMs} ms`), { code: 'EWEBHOOK_TIMEOUT' }));
    const timer = setTimeout(timedOut, call.timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', timedOut);
    request.on('error', reject);
    request.end(call.body);
  });
}
