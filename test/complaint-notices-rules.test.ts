import { describe, expect, it } from 'vitest';
import { ComplaintActor, EventAudience } from '../services/complaints/src/complaint/complaint.enums';
import { messageNotices, statusChangeNotices } from '../services/complaints/src/complaint/complaint.rules';
import { NoticeErrorClass, NoticeKind, NoticeRecipient } from '../services/complaints/src/notification/notification.enums';
import {
  afterFailure,
  caseworkLink,
  errorClassOf,
  isMailbox,
  MAX_NOTICE_ATTEMPTS,
  noticeBackoffMs,
} from '../services/complaints/src/notification/notification.rules';
import { replyWaitingMail, secretariatMail } from '../services/complaints/src/notification/notification.texts';

describe('e-mail notice rules', () => {
  it('accepts one plain mailbox, in any script, and nothing that could name a second recipient or a header', () => {
    for (const address of ['name@example.org', 'first.last+notices@mail.example.co.ke', 'amina@مثال.مصر', 'josé@correo.es']) {
      expect(isMailbox(address), address).toBe(true);
    }
    for (const address of [
      '',
      'name',
      'name@localhost',
      '@example.org',
      'name@@example.org',
      '.name@example.org',
      'na..me@example.org',
      'a@example.org,b@example.org',
      'a@example.org; b@example.org',
      'Name <name@example.org>',
      '"quoted"@example.org',
      'name@example.org\r\nBcc: spy@example.org',
      'name @example.org',
      `${'x'.repeat(65)}@example.org`,
      `name@${'d'.repeat(250)}.org`,
    ]) {
      expect(isMailbox(address), address).toBe(false);
    }
  });

  it('retries a failed notice with doubling pauses, at most hourly, for about three days; a refusal for good at once', () => {
    const minute = 60_000;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => noticeBackoffMs(attempt, minute) / minute)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    let waited = 0;
    for (let attempt = 1; attempt < MAX_NOTICE_ATTEMPTS; attempt++) waited += noticeBackoffMs(attempt, minute);
    expect(waited / 86_400_000).toBeGreaterThan(2.5);
    expect(waited / 86_400_000).toBeLessThan(3.5);
    const now = Date.parse('2026-12-06T10:00:00.000Z');
    expect(afterFailure(NoticeErrorClass.CONNECTION, 1, minute, now)).toEqual({ retryAt: '2026-12-06T10:01:00.000Z' });
    expect(afterFailure(NoticeErrorClass.CONNECTION, MAX_NOTICE_ATTEMPTS, minute, now)).toEqual({ giveUp: true });
    expect(afterFailure(NoticeErrorClass.PERMANENT, 1, minute, now)).toEqual({ giveUp: true });
  });

  it('classes SMTP failures by nodemailer code and reply code, never by the server\'s words', () => {
    expect(errorClassOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))).toBe(NoticeErrorClass.CONNECTION);
    expect(errorClassOf({ code: 'EENVELOPE', responseCode: 550 })).toBe(NoticeErrorClass.PERMANENT);
    expect(errorClassOf({ code: 'EMESSAGE', responseCode: 451 })).toBe(NoticeErrorClass.TEMPORARY);
    expect(errorClassOf({ code: 'EAUTH', responseCode: 535 })).toBe(NoticeErrorClass.AUTHENTICATION);
    expect(errorClassOf(new Error('boom'))).toBe(NoticeErrorClass.OTHER);
  });

  it('tells the Secretariat of complainant messages and the complainant of replies, only when they opted in and an address is kept', () => {
    const optedIn = { notifyWhenReplied: true, noticeEmailEncrypted: 'v1:…' };
    const optedOut = { notifyWhenReplied: false, noticeEmailEncrypted: null };
    const replyWaiting = [{ kind: NoticeKind.REPLY_WAITING, recipient: NoticeRecipient.COMPLAINANT }];
    expect(messageNotices(ComplaintActor.COMPLAINANT, optedIn)).toEqual([
      { kind: NoticeKind.COMPLAINANT_MESSAGE, recipient: NoticeRecipient.SECRETARIAT },
    ]);
    expect(messageNotices(ComplaintActor.SECRETARIAT, optedIn)).toEqual(replyWaiting);
    expect(messageNotices(ComplaintActor.SECRETARIAT, optedOut)).toEqual([]);
    expect(messageNotices(ComplaintActor.SECRETARIAT, { notifyWhenReplied: true, noticeEmailEncrypted: null })).toEqual([]);
    expect(statusChangeNotices(EventAudience.COMPLAINANT, optedIn)).toEqual(replyWaiting);
    expect(statusChangeNotices(EventAudience.COMPLAINANT_AND_COMPANY, optedIn)).toEqual(replyWaiting);
    expect(statusChangeNotices(EventAudience.COMPANY, optedIn)).toEqual([]);
    expect(statusChangeNotices(EventAudience.SECRETARIAT_ONLY, optedIn)).toEqual([]);
  });

  it('words notices with the reference number and a link only', () => {
    const link = caseworkLink('https://casework.example.org/complaints/{id}?ref={reference}', {
      id: 'a1b2',
      referenceNumber: 'ICOCA-2026-000123',
    });
    expect(link).toBe('https://casework.example.org/complaints/a1b2?ref=ICOCA-2026-000123');
    expect(secretariatMail(NoticeKind.NEW_COMPLAINT, 'ICOCA-2026-000123', link)).toEqual({
      subject: 'New complaint ICOCA-2026-000123',
      text: expect.stringContaining(link),
    });
    const arabic = replyWaitingMail('ar', 'ICOCA-2026-000123', 'https://complaints.example.org');
    expect(arabic.subject).toBe('يوجد رد بانتظارك');
    expect(arabic.text).toContain('ICOCA-2026-000123');
    // A language the form is not written in: English.
    expect(replyWaitingMail('sw', 'ICOCA-2026-000123', 'https://complaints.example.org').subject).toBe('A reply is waiting for you');
  });
});
