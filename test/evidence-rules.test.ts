import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseClamavUrl } from '../services/complaints/src/evidence/evidence.clamav';
import { EvidenceScanStatus } from '../services/complaints/src/evidence/evidence.enums';
import { companyMaySee, evidenceAad, evidenceType, mayServe, nextScanDelayMs } from '../services/complaints/src/evidence/evidence.rules';
import { createFieldCipher } from '../services/complaints/src/protection/crypto';

const head = (hex: string) => Buffer.concat([Buffer.from(hex, 'hex'), Buffer.alloc(12)]);

describe('evidence rules', () => {
  it('reads the type from the first bytes: JPEG, PNG, WebP, PDF; nothing else', () => {
    expect(evidenceType(head('ffd8ffe0'))).toBe('image/jpeg');
    expect(evidenceType(head('89504e470d0a1a0a'))).toBe('image/png');
    expect(evidenceType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(evidenceType(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3', 'latin1'))).toBe('application/pdf');
    expect(evidenceType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeNull();
    expect(evidenceType(head('4d5a9000'))).toBeNull(); // an executable
    expect(evidenceType(head('504b0304'))).toBeNull(); // a ZIP (a DOCX): not accepted from complainants
    expect(evidenceType(Buffer.from('%PDF-'))).toBeNull(); // too short to be a file at all
  });

  it('serves CLEAN items; NOT_SCANNED ones only without a scanner; never pending or quarantined ones', () => {
    expect(mayServe(EvidenceScanStatus.CLEAN, true)).toBe(true);
    expect(mayServe(EvidenceScanStatus.NOT_SCANNED, false)).toBe(true);
    expect(mayServe(EvidenceScanStatus.NOT_SCANNED, true)).toBe(false);
    for (const scanner of [true, false]) {
      expect(mayServe(EvidenceScanStatus.PENDING_SCAN, scanner)).toBe(false);
      expect(mayServe(EvidenceScanStatus.INFECTED, scanner)).toBe(false);
    }
  });

  it('shows the company shared items once CLEAN only', () => {
    const at = '2026-12-06T10:00:00.000Z';
    expect(companyMaySee({ scanStatus: EvidenceScanStatus.CLEAN, sharedWithCompanyAt: at })).toBe(true);
    expect(companyMaySee({ scanStatus: EvidenceScanStatus.CLEAN, sharedWithCompanyAt: null })).toBe(false);
    expect(companyMaySee({ scanStatus: EvidenceScanStatus.INFECTED, sharedWithCompanyAt: at })).toBe(false);
    expect(companyMaySee({ scanStatus: EvidenceScanStatus.NOT_SCANNED, sharedWithCompanyAt: at })).toBe(false);
  });

  it('waits longer after each scan clamd could not do, at most an hour', () => {
    expect([0, 1, 2, 3].map((attempts) => nextScanDelayMs(attempts, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(nextScanDelayMs(40, 60_000)).toBe(3_600_000);
  });

  it('reads CLAMAV_URL as TCP or a Unix socket', () => {
    expect(parseClamavUrl('tcp://clamav:3310')).toEqual({ host: 'clamav', port: 3310 });
    expect(parseClamavUrl('tcp://[::1]:3310')).toEqual({ host: '::1', port: 3310 });
    expect(parseClamavUrl('unix:///run/clamav/clamd.ctl')).toEqual({ socketPath: '/run/clamav/clamd.ctl' });
    expect(parseClamavUrl('http://clamav:3310')).toBeNull();
    expect(parseClamavUrl('tcp://clamav')).toBeNull();
    expect(parseClamavUrl('clamav:3310')).toBeNull();
  });

  it('encrypts bytes bound to their complaint and item: a copy in another row does not decrypt', () => {
    const cipher = createFieldCipher(randomBytes(32));
    const bytes = randomBytes(1000);
    const stored = cipher.encryptBytes(bytes, evidenceAad('complaint-1', 'item-1'));
    expect(stored.includes(bytes.subarray(0, 32))).toBe(false);
    expect(cipher.decryptBytes(stored, evidenceAad('complaint-1', 'item-1')).equals(bytes)).toBe(true);
    expect(() => cipher.decryptBytes(stored, evidenceAad('complaint-1', 'item-2'))).toThrow();
    expect(() => cipher.decryptBytes(stored, evidenceAad('complaint-2', 'item-1'))).toThrow();
    // A fresh IV each time: the same file never gives the same bytes at rest.
    expect(cipher.encryptBytes(bytes, evidenceAad('complaint-1', 'item-1')).equals(stored)).toBe(false);
  });
});
