import { describe, expect, it } from 'vitest';
import { ConfigError, createLogger, loadSubgraphConfig, scheduleJob, startSubgraph, type PeerClient } from '../services/shared/src';
import { complaintsSubgraph } from '../services/complaints/src/subgraph';
import { DEVELOPMENT_COMPLAINANT_DATA_KEY, loadComplaintsConfig } from '../services/complaints/src/config';
import { createFieldCipher, parseKey } from '../services/complaints/src/protection/crypto';
import { ComplaintKind } from '../services/complaints/src/catalogue/catalogue.enums';
import {
  CompanyCheckStatus,
  ComplaintActor,
  ComplaintEventKind,
  ComplaintStatus as S,
  EventAudience,
} from '../services/complaints/src/complaint/complaint.enums';
import {
  checkIncidentDate,
  checkMoveWhileCompanyCheck,
  checkTransition,
  COMPANY_CHECK_FAILED_REASON,
  countComplaints,
  mayBeComplainedAbout,
  newReceiptCode,
  nextCompanyCheckAt,
  nextStatuses,
  normalizeReceiptCode,
  referenceNumber,
  statusAfterFailedCompanyCheck,
  timelineFor,
} from '../services/complaints/src/complaint/complaint.rules';
import { companiesQualify } from '../services/complaints/src/complaint/company-check.service';
import { PRODUCTION_IDENTITY, PRODUCTION_SCANNER } from './support/production';

const HARM = ComplaintKind.HARM_TO_COMPLAINANT;
const REPORT = ComplaintKind.VIOLATION_REPORT;

describe('complaint workflow rules', () => {
  it('routes harm complaints to the grievance mechanism, good offices or a review', () => {
    expect(nextStatuses(HARM, S.RECEIVED)).toEqual([S.UNDER_ASSESSMENT]);
    expect(nextStatuses(HARM, S.UNDER_ASSESSMENT)).toEqual([
      S.INADMISSIBLE, S.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, S.GOOD_OFFICES, S.UNDER_REVIEW,
    ]);
    expect(nextStatuses(ComplaintKind.HARM_TO_REPRESENTED_PERSON, S.GOOD_OFFICES)).toContain(S.RESOLVED);
    expect(() => checkTransition(HARM, S.UNDER_ASSESSMENT, S.MONITORING_FOLLOW_UP, { note: 'x' })).toThrow(/cannot move/);
  });

  it('routes violation reports to monitoring follow-up only', () => {
    expect(nextStatuses(REPORT, S.UNDER_ASSESSMENT)).toEqual([S.INADMISSIBLE, S.MONITORING_FOLLOW_UP]);
    for (const to of [S.GOOD_OFFICES, S.UNDER_REVIEW, S.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM]) {
      expect(() => checkTransition(REPORT, S.UNDER_ASSESSMENT, to, { note: 'x' })).toThrow(/violation report cannot move/);
    }
    expect(() => checkTransition(REPORT, S.MONITORING_FOLLOW_UP, S.RESOLVED, { note: 'x', outcome: 'Fixed' })).not.toThrow();
  });

  it('keeps final statuses final and never skips assessment', () => {
    for (const kind of [HARM, REPORT]) {
      expect(nextStatuses(kind, S.CLOSED)).toEqual([]);
      expect(nextStatuses(kind, S.INADMISSIBLE)).toEqual([]);
      expect(nextStatuses(kind, S.RESOLVED)).toEqual([S.CLOSED]);
      expect(() => checkTransition(kind, S.RECEIVED, S.RESOLVED, { note: 'x', outcome: 'y' })).toThrow();
      expect(() => checkTransition(kind, S.CLOSED, S.UNDER_REVIEW, { note: 'x' })).toThrow(/final/);
    }
  });

  it('needs an outcome to resolve, and takes an outcome only then', () => {
    expect(() => checkTransition(HARM, S.GOOD_OFFICES, S.RESOLVED, { note: 'x' })).toThrow(/outcome/);
    expect(() => checkTransition(HARM, S.RECEIVED, S.UNDER_ASSESSMENT, { note: 'x', remedy: 'y' })).toThrow(/only when/);
  });

  it('refuses incidents in the future or before the Code was adopted on 9 November 2010', () => {
    expect(() => checkIncidentDate('2026-06-02', '2026-06-01')).toThrow(/future/);
    expect(() => checkIncidentDate('2026-06-01', '2026-06-01')).not.toThrow();
    expect(() => checkIncidentDate('1800-01-01', '2026-06-01')).toThrow(/adopted/);
    expect(() => checkIncidentDate('2010-11-08', '2026-06-01')).toThrow(/adopted/);
    expect(() => checkIncidentDate('2010-11-09', '2026-06-01')).not.toThrow();
  });
});

describe('receipt codes and reference numbers', () => {
  it('makes codes of 120 random bits, 24 unambiguous characters in groups of four', () => {
    const code = newReceiptCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(newReceiptCode(Buffer.alloc(15, 0))).toBe('0000-0000-0000-0000-0000-0000');
    expect(newReceiptCode(Buffer.alloc(15, 255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const many = new Set(Array.from({ length: 1000 }, () => newReceiptCode()));
    expect(many.size).toBe(1000);
  });

  it('reads a code as people type it, and nothing else', () => {
    const code = newReceiptCode();
    const canonical = code.replace(/-/g, '');
    expect(normalizeReceiptCode(code)).toBe(canonical);
    expect(normalizeReceiptCode(` ${code.toLowerCase()} `)).toBe(canonical);
    expect(normalizeReceiptCode('OOOO-IIII-LLLL-0000-1111-2222')).toBe('000011111111000011112222');
    expect(normalizeReceiptCode('UUUU-0000-0000-0000-0000-0000')).toBeNull();
    expect(normalizeReceiptCode(canonical.slice(1))).toBeNull();
    expect(normalizeReceiptCode('x'.repeat(200))).toBeNull();
  });

  it('writes reference numbers as ICOCA-year-number', () => {
    expect(referenceNumber(2026, 123)).toBe('ICOCA-2026-000123');
  });
});

describe('who sees which timeline entry', () => {
  const entry = (kind: ComplaintEventKind, audience: EventAudience, note: string) => ({ kind, audience, note, actor: ComplaintActor.SECRETARIAT });
  const events = [
    entry(ComplaintEventKind.STATUS_CHANGED, EventAudience.SECRETARIAT_ONLY, 'internal'),
    entry(ComplaintEventKind.STATUS_CHANGED, EventAudience.COMPLAINANT, 'for the complainant'),
    entry(ComplaintEventKind.STATUS_CHANGED, EventAudience.COMPANY, 'for the company'),
    entry(ComplaintEventKind.STATUS_CHANGED, EventAudience.COMPLAINANT_AND_COMPANY, 'for both'),
    entry(ComplaintEventKind.COMPANY_RESPONSE, EventAudience.COMPANY, 'the response'),
  ];

  it('shows the Secretariat everything', () => {
    expect(timelineFor(events, 'SECRETARIAT').map((e) => e.note)).toEqual(events.map((e) => e.note));
  });

  it('shows the complainant every status change, the notes for them, and no company response', () => {
    expect(timelineFor(events, 'COMPLAINANT').map((e) => e.note)).toEqual([null, 'for the complainant', null, 'for both']);
  });

  it('shows the company every status change, the notes for it, and its responses', () => {
    expect(timelineFor(events, 'COMPANY').map((e) => e.note)).toEqual([null, null, 'for the company', 'for both', 'the response']);
  });
});

describe('who can be complained about', () => {
  it('takes companies that are or were members or affiliates, nothing else', () => {
    expect(mayBeComplainedAbout({ pillar: 'PRIVATE_SECURITY_COMPANY', statusHistory: [{ category: 'MEMBER' }] })).toBe(true);
    expect(mayBeComplainedAbout({ pillar: 'PRIVATE_SECURITY_COMPANY', statusHistory: [{ category: 'AFFILIATE' }] })).toBe(true);
    expect(mayBeComplainedAbout({ pillar: 'PRIVATE_SECURITY_COMPANY', statusHistory: [] })).toBe(false);
    expect(mayBeComplainedAbout({ pillar: 'CIVIL_SOCIETY', statusHistory: [{ category: 'MEMBER' }] })).toBe(false);
    expect(mayBeComplainedAbout({ pillar: 'GOVERNMENT', statusHistory: [{ category: 'OBSERVER' }] })).toBe(false);
    expect(mayBeComplainedAbout(null)).toBe(false);
  });
});

describe('complaint statistics', () => {
  it('counts received, open and closed (inadmissible counts as closed), per year', () => {
    const counts = countComplaints([
      { year: 2026, status: S.RECEIVED, count: 3 },
      { year: 2025, status: S.CLOSED, count: 2 },
      { year: 2026, status: S.INADMISSIBLE, count: 1 },
      { year: 2025, status: S.GOOD_OFFICES, count: 1 },
    ]);
    expect(counts).toEqual({
      received: 7,
      open: 4,
      closed: 3,
      byYear: [
        { year: 2025, received: 3, open: 1, closed: 2 },
        { year: 2026, received: 4, open: 3, closed: 1 },
      ],
    });
  });
});

describe('complainant data encryption', () => {
  const key = parseKey(DEVELOPMENT_COMPLAINANT_DATA_KEY)!;
  const cipher = createFieldCipher(key);

  it('encrypts with a fresh IV each time and decrypts only in its place', () => {
    const a = cipher.encrypt('Amina Example', 'complaint:1:complainant-name');
    const b = cipher.encrypt('Amina Example', 'complaint:1:complainant-name');
    expect(a).not.toBe(b);
    expect(a).not.toContain('Amina');
    expect(cipher.decrypt(a, 'complaint:1:complainant-name')).toBe('Amina Example');
    expect(() => cipher.decrypt(a, 'complaint:2:complainant-name')).toThrow();
  });

  it('detects tampering and a wrong key', () => {
    const stored = cipher.encrypt('Amina Example', 'x');
    const [format, iv, tag, body] = stored.split(':');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([format, iv, tag, flipped.toString('base64')].join(':'), 'x')).toThrow();
    const other = createFieldCipher(Buffer.alloc(32, 7));
    expect(() => other.decrypt(stored, 'x')).toThrow();
  });

  it('reads 32-byte keys in hex or base64, nothing shorter', () => {
    const bytes = Buffer.alloc(32, 9);
    expect(parseKey(bytes.toString('hex'))).toEqual(bytes);
    expect(parseKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseKey(bytes.toString('base64url'))).toEqual(bytes);
    expect(parseKey('abcd')).toBeNull();
    expect(parseKey(Buffer.alloc(16).toString('base64'))).toBeNull();
  });
});

describe('the company check left pending at filing', () => {
  const MINUTE = 60_000;
  const filed = '2026-11-28T10:00:00.000Z';
  const at = (minutes: number) => new Date(Date.parse(filed) + minutes * MINUTE).toISOString();

  it('is retried every minute for the first hour after filing, then hourly', () => {
    expect(nextCompanyCheckAt(filed, filed, MINUTE)).toBe(at(1));
    expect(nextCompanyCheckAt(filed, at(1), MINUTE)).toBe(at(2));
    expect(nextCompanyCheckAt(filed, at(59), MINUTE)).toBe(at(60));
    expect(nextCompanyCheckAt(filed, at(60), MINUTE)).toBe(at(120));
    expect(nextCompanyCheckAt(filed, at(60 * 24 + 7), MINUTE)).toBe(at(60 * 25 + 7));
    // The interval is configurable (tests run it fast); the first hour is 60 intervals.
    expect(nextCompanyCheckAt(filed, filed, 100)).toBe(new Date(Date.parse(filed) + 100).toISOString());
    expect(nextCompanyCheckAt(filed, new Date(Date.parse(filed) + 6_000).toISOString(), 100)).toBe(
      new Date(Date.parse(filed) + 12_000).toISOString(),
    );
  });

  it('makes a complaint inadmissible when the company does not qualify, unless it is already final', () => {
    for (const status of [S.RECEIVED, S.UNDER_ASSESSMENT]) expect(statusAfterFailedCompanyCheck(status)).toBe(S.INADMISSIBLE);
    for (const status of [S.INADMISSIBLE, S.CLOSED]) expect(statusAfterFailedCompanyCheck(status)).toBeNull();
    // The reason is for the complainant: no internal wording, and it says what they can still do.
    expect(COMPANY_CHECK_FAILED_REASON).toMatch(/receipt code/);
  });

  it('lets the Secretariat assess a complaint, or find it inadmissible, but not take it further while the check is pending', () => {
    for (const to of [S.UNDER_ASSESSMENT, S.INADMISSIBLE]) {
      expect(() => checkMoveWhileCompanyCheck(CompanyCheckStatus.PENDING, to)).not.toThrow();
    }
    for (const to of [S.GOOD_OFFICES, S.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, S.UNDER_REVIEW, S.MONITORING_FOLLOW_UP]) {
      expect(() => checkMoveWhileCompanyCheck(CompanyCheckStatus.PENDING, to)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } }),
      );
      expect(() => checkMoveWhileCompanyCheck(CompanyCheckStatus.PASSED, to)).not.toThrow();
    }
  });

  it('asks membership about many companies in one call, and counts an answer that does not fit as no answer', async () => {
    const calls: unknown[] = [];
    const peer = (entities: unknown[]): PeerClient => ({
      query: async <T>(_query: string, variables?: Record<string, unknown>) => {
        calls.push(variables);
        return { _entities: entities } as T;
      },
    });
    const company = { pillar: 'PRIVATE_SECURITY_COMPANY', statusHistory: [{ category: 'MEMBER' }] };
    const state = { pillar: 'GOVERNMENT', statusHistory: [{ category: 'MEMBER' }] };
    const answer = await companiesQualify(peer([company, state, null]), ['a', 'b', 'c']);
    expect([...answer]).toEqual([['a', true], ['b', false], ['c', false]]);
    expect(calls).toHaveLength(1);
    await expect(companiesQualify(peer([company]), ['a', 'b'])).rejects.toThrow();
    const down: PeerClient = { query: () => Promise.reject(new Error('The membership subgraph could not answer')) };
    await expect(companiesQualify(down, ['a'])).rejects.toThrow();
  });

  it('runs its rounds one at a time, when asked, and stops when told or when its database is gone', async () => {
    const logger = createLogger({ service: 'test', level: 'silent' });
    const runs: number[] = [];
    let alive = true;
    let concurrent = 0;
    let most = 0;
    const job = scheduleJob({
      name: 'test',
      logger,
      retryMs: 20,
      alive: () => alive,
      run: async () => {
        concurrent += 1;
        most = Math.max(most, concurrent);
        runs.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 30));
        concurrent -= 1;
        if (runs.length === 2) throw new Error('membership down');
        return Date.now() + 60_000;
      },
    });
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(10);
    expect(runs).toHaveLength(1); // at once on start
    job.wake(Date.now()); // during the run: kept for its end
    await wait(60);
    expect(runs).toHaveLength(2);
    await wait(80); // the second run failed: again after retryMs
    expect(runs).toHaveLength(3);
    expect(most).toBe(1);
    alive = false;
    job.wake(Date.now());
    await wait(50);
    expect(runs).toHaveLength(3);
    job.stop();
  });
});

describe('complaints configuration', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'mysql://db/complaints',
    GATEWAY_SECRET: 'a-gateway-secret-of-enough-length',
    ...PRODUCTION_IDENTITY,
    MEMBERSHIP_URL: 'http://membership:4001/graphql',
    MEMBERSHIP_GATEWAY_SECRET: 'membership-secret-of-enough-length',
    ...PRODUCTION_SCANNER,
  };
  const config = (env: Record<string, string>) => loadComplaintsConfig(loadSubgraphConfig('complaints', 4003, env));

  it('uses the development key in development, and says so', () => {
    const settings = config({ NODE_ENV: 'development' });
    expect(settings.developmentKey).toBe(true);
    expect(settings.membershipUrl).toBe('http://localhost:4001/graphql');
    expect(settings.companyCheckIntervalMs).toBe(60_000);
    expect(config({ NODE_ENV: 'test', COMPANY_CHECK_RETRY_MS: '250' }).companyCheckIntervalMs).toBe(250);
    expect(() => config({ NODE_ENV: 'test', COMPANY_CHECK_RETRY_MS: 'soon' })).toThrow(/COMPANY_CHECK_RETRY_MS/);
  });

  it('refuses to start in production without a key of its own', () => {
    expect(() => config(production)).toThrow(ConfigError);
    expect(() => config(production)).toThrow(/COMPLAINANT_DATA_KEY/);
    expect(() => config({ ...production, COMPLAINANT_DATA_KEY: DEVELOPMENT_COMPLAINANT_DATA_KEY })).toThrow(/development key is refused/);
    const key = Buffer.alloc(32, 3).toString('base64');
    expect(config({ ...production, COMPLAINANT_DATA_KEY: key })).toMatchObject({ developmentKey: false });
    const withoutSecret: Record<string, string> = { ...production, COMPLAINANT_DATA_KEY: key };
    delete withoutSecret.MEMBERSHIP_GATEWAY_SECRET;
    expect(() => config(withoutSecret)).toThrow(/MEMBERSHIP_GATEWAY_SECRET/);
    const withoutUrl: Record<string, string> = { ...production, COMPLAINANT_DATA_KEY: key };
    delete withoutUrl.MEMBERSHIP_URL;
    expect(() => config(withoutUrl)).toThrow(/production needs MEMBERSHIP_URL to ask the membership subgraph/);
    const withoutScanner: Record<string, string> = { ...production, COMPLAINANT_DATA_KEY: key };
    delete withoutScanner.CLAMAV_URL;
    expect(() => config(withoutScanner)).toThrow(/production needs CLAMAV_URL/);
    expect(() => config({ ...production, COMPLAINANT_DATA_KEY: key, CLAMAV_URL: 'http://clamav:3310' })).toThrow(/CLAMAV_URL: must be tcp/);
    expect(config({ ...production, COMPLAINANT_DATA_KEY: key }).evidence.clamav).toEqual({ host: 'clamav', port: 3310 });
  });

  it('stops the subgraph from starting in production without a key, before it opens any database', async () => {
    const config = loadSubgraphConfig('complaints', 0, { ...production, DATABASE_URL: 'mysql://nobody@127.0.0.1:1/none' });
    await expect(startSubgraph(complaintsSubgraph, config)).rejects.toThrow(/COMPLAINANT_DATA_KEY/);
  });

  it('refuses a malformed key anywhere, without echoing it', () => {
    try {
      config({ NODE_ENV: 'development', COMPLAINANT_DATA_KEY: 'too-short-secret' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/COMPLAINANT_DATA_KEY: must be 32 bytes/);
      expect((error as Error).message).not.toContain('too-short-secret');
    }
  });
});
