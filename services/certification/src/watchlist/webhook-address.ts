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
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export interface AddressPolicy {
  /** Development and test only: the receiver runs on this machine. */
  allowLoopback: boolean;
}

/** Why an address may not be called (loopback, private, link-local, cloud metadata...), or null when it may. */
export function refusedAddress(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (!family) return `${address} is not an IP address`;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const [plain, kind] = mapped ? [mapped[1], 'ipv4' as const] : [address, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  if (policy.allowLoopback && LOOPBACK.check(plain, kind)) return null;
  return REFUSED.check(plain, kind) ? `${address} is a loopback, private, link-local or metadata address` : null;
}

/** A DNS lookup that fails for refused addresses: used by the connection itself. */
export function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.map((a) => refusedAddress(a.address, policy)).find(Boolean);
      if (refused || !list.length) return callback(Object.assign(new Error(`refused: ${refused ?? 'no address'}`), { code: 'EREFUSED_ADDRESS' }), '', 0);
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
}

/** POSTs a webhook: no redirects followed, a timeout on the whole call, a capped read. Answers the status or throws. */
export function callWebhook(call: WebhookCall): Promise<{ status: number; body: string }> {
  const url = new URL(call.url);
  // A literal IP skips the lookup: checked here instead.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const refused = refusedAddress(host, call.policy);
    if (refused) return Promise.reject(new Error(`refused: ${refused}`));
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
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${call.timeoutMs} ms`)), call.timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', () => request.destroy(new Error(`no answer within ${call.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(call.body);
  });
}
