import { describe, expect, it } from 'vitest';
import { OrganizationNameKind } from '../services/membership/src/organization/organization-name.entity';
import { exactNameForm, matchKey, nameSkeleton } from '../services/membership/src/organization/name-matching.rules';
import { MatchQuality, rankMatches } from '../services/membership/src/verification/verification.rules';
import {
  caselessForm,
  confusableSkeleton,
  freeText,
  optionalPersonOrOrganizationName,
  personOrOrganizationName,
  text,
} from '../services/shared/src';

const AEGIS = 'Aegis Meridian Security Ltd';

/** The BAD_USER_INPUT error `work` throws, or a failure when it throws none. */
function refusal(work: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    work();
  } catch (error) {
    const e = error as { message: string; extensions?: Record<string, unknown> };
    return { code: e.extensions?.code, field: e.extensions?.field, message: e.message };
  }
  throw new Error('expected a refusal');
}

const name = (value: string) => personOrOrganizationName(value, 'input.organizationName', { max: 200 });

describe('names', () => {
  it('are NFKC-normalized, with white space collapsed', () => {
    expect(name('  Ａｅｇｉｓ\u00a0Meridian   Security Ltd ')).toBe(AEGIS);
    expect(name('\ufb01delity Guarding')).toBe('fidelity Guarding');
    expect(name('Éclat Sécurité')).toBe('Éclat Sécurité'.normalize('NFKC'));
    expect(name('E\u0301clat')).toBe('Éclat');
    expect(optionalPersonOrOrganizationName('  ', 'input.complainantName', 200)).toBeNull();
    expect(optionalPersonOrOrganizationName(null, 'input.complainantName', 200)).toBeNull();
  });

  it('refuse control and invisible format characters, naming the field', () => {
    const refused = {
      NUL: 'Aegis\u0000Meridian',
      ESC: 'Aegis\u001b[31mMeridian',
      tab: 'Aegis\tMeridian',
      newline: 'Aegis\nMeridian',
      DEL: 'Aegis\u007fMeridian',
      C1: 'Aegis\u0085Meridian',
      'right-to-left override': `${AEGIS}\u202e`,
      'left-to-right embedding': `\u202a${AEGIS}`,
      'pop directional formatting': `${AEGIS}\u202c`,
      'right-to-left isolate': `\u2067${AEGIS}\u2069`,
      'first strong isolate': `\u2068${AEGIS}`,
      LRM: `${AEGIS}\u200e`,
      RLM: `${AEGIS}\u200f`,
      ALM: `${AEGIS}\u061c`,
      'zero-width space': 'Aegis\u200bMeridian Security Ltd',
      BOM: `Aegis\ufeffMeridian`,
      'word joiner': 'Aegis\u2060Meridian',
      'soft hyphen': 'Ae\u00adgis',
      'line separator': 'Aegis\u2028Meridian',
      'private use': 'Aegis\ue000',
      'lone surrogate': 'Aegis\ud800',
      'Hangul filler': 'Aegis\u3164Meridian',
    };
    for (const [what, value] of Object.entries(refused)) {
      expect(refusal(() => name(value)), what).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationName' });
    }
    expect(refusal(() => name(`${AEGIS}\u202e`)).message).toContain('U+202E');
    expect(refusal(() => personOrOrganizationName('A\u200bB', 'input.contactName', { max: 200 })).field).toBe('input.contactName');
    expect(refusal(() => name('x'.repeat(201))).field).toBe('input.organizationName');
    expect(refusal(() => name(' \u3000 ')).message).toMatch(/empty/);
  });

  it('keep ZWNJ and ZWJ where Persian and Indic writing needs them, and nowhere else', () => {
    // Persian: ZWNJ between two Arabic-script letters that would otherwise join.
    expect(name('شرکت امنیت پارس\u200cنگار')).toBe('شرکت امنیت پارس\u200cنگار');
    expect(name('می\u200cدانم')).toBe('می\u200cدانم');
    // Devanagari: after a virama, ZWJ and ZWNJ choose the half form of a conjunct.
    expect(name('क्\u200dष सुरक्षा')).toBe('क्\u200dष सुरक्षा');
    expect(name('क्\u200cष')).toBe('क्\u200cष');
    for (const value of ['Aegis\u200cMeridian', 'Aegis\u200dMeridian', '\u200cپارس', 'پارس\u200c', 'پارس\u200c Aegis', 'پ\u200cA']) {
      expect(refusal(() => name(value)), JSON.stringify(value)).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('keep any script and mixed direction as such', () => {
    expect(name('مؤسسة الأمن المتحدة')).toBe('مؤسسة الأمن المتحدة');
    expect(name('Shield שמירה Ltd')).toBe('Shield שמירה Ltd');
    expect(name('株式会社セキュリティ')).toBe('株式会社セキュリティ');
  });

  it('refuse blanks and placeholders that are no white space, alone or inside a name', () => {
    const refused = {
      'blank braille pattern': 'Aegis\u2800Meridian',
      'blank braille pattern alone': '\u2800',
      'blank braille patterns around spaces': '\u2800 \u2800',
      'object replacement character': `${AEGIS}\ufffc`,
      'object replacement character alone': '\ufffc',
      'replacement character': 'Aegis\ufffdMeridian',
      'interlinear annotation': 'Aegis\ufff9Meridian\ufffb',
      'Hangul filler alone': '\u3164',
      'halfwidth Hangul filler': 'Aegis\uffa0Meridian',
      'Hangul choseong filler': 'Aegis\u115fMeridian',
      'Hangul jungseong filler': 'Aegis\u1160Meridian',
    };
    for (const [what, value] of Object.entries(refused)) {
      expect(refusal(() => name(value)), what).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationName' });
    }
    expect(refusal(() => name('Aegis\u2800Meridian')).message).toContain('U+2800');
    expect(refusal(() => name('Aegis\ufffc')).message).toContain('U+FFFC');
  });

  it('need a letter or a digit', () => {
    for (const value of ['...', '-', '&', '🛡', '( )', '\u0301\u0301']) {
      expect(refusal(() => name(value)), JSON.stringify(value)).toMatchObject({ code: 'BAD_USER_INPUT', message: 'input.organizationName needs at least one letter or digit' });
    }
    expect(name('3')).toBe('3');
    expect(name('🛡 Shield')).toBe('🛡 Shield');
    expect(name('٣٣٣')).toBe('٣٣٣');
  });

  it('refuse more than 3 combining marks on one character, counted decomposed', () => {
    for (const value of [
      `A${'\u0301'.repeat(20)}egis`,
      `Aegis${'\u0301\u0302\u0303\u0304'}`,
      // "ś" is one character after NFKC, yet carries four accents.
      `Aegiś${'\u0302\u0303\u0304'}`,
      // A spacing vowel sign between them does not start the count again.
      `क${'\u0301\u0301\u0301'}\u093e\u0301`,
      // Variation selectors are marks: a run of them is refused like accents.
      `葛${'\ufe00'.repeat(4)}`,
    ]) {
      expect(refusal(() => name(value)), JSON.stringify(value)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationName' });
    }
    expect(refusal(() => name(`A${'\u0301'.repeat(20)}`)).message).toMatch(/more than 3 combining marks/);
    expect(name('Aegis\u0301\u0302\u0303')).toBe('Aegiś\u0302\u0303');
  });

  it('keep real names of scripts that stack marks: Vietnamese, Arabic with harakat, Hebrew with niqqud, Hindi, Thai, Myanmar, Tibetan, Greek', () => {
    const names = [
      'Công ty Bảo vệ Việt Nam', 'Nguyễn Thị Hồng Đặng', 'Trường Sơn Bảo An',
      'عَبْدُ ٱللَّٰهِ لِلْأَمْنِ وَالْحِمَايَةِ', 'شَرِكَة الأَمْن المُتَّحِدَة',
      'שָּׁלוֹם שְׁמִירָה', 'श्री सुरक्षा सेवाएँ प्राइवेट लिमिटेड', 'क़्ष्म्य ह्रीं रक्षा',
      'บริษัท รักษาความปลอดภัย กิ่งแก้ว จำกัด', 'ရန်ကုန်မြို့ လုံခြုံရေး', 'བཀྲ་ཤིས་བསྒྲུབས', 'ᾯ Ἀσφάλεια',
    ];
    for (const value of names) expect(name(value), value).toBe(value.normalize('NFKC'));
    // Decomposed Vietnamese (two marks on a letter) is composed by NFKC and kept.
    expect(name('Nguyễn Thị Hừng'.normalize('NFD'))).toBe('Nguyễn Thị Hừng');
  });

  it('keep the variation selectors of Japanese and Mongolian names', () => {
    expect(name('葛\u{e0100}城警備株式会社')).toBe('葛\u{e0100}城警備株式会社');
    expect(name('辻\ufe00本警備')).toBe('辻\ufe00本警備');
    expect(name('ᠮᠣᠩᠭᠣᠯ ᠠ᠋ᠮᠤᠷ')).toBe('ᠮᠣᠩᠭᠣᠯ ᠠ᠋ᠮᠤᠷ');
  });
});

describe('free text', () => {
  it('keeps any script, direction marks, tab and newline exactly; refuses other C0 controls', () => {
    const arabic = 'استخدم الحراس القوة عند البوابة.\n\tالشاهد: \u2067Aegis Meridian\u2069 \u200fقال ذلك.';
    expect(freeText(arabic, 'input.description')).toBe(arabic);
    expect(text(` ${arabic} `, 'input.description', { max: 1000 })).toBe(arabic);
    expect(freeText('line one\r\nline two', 'note')).toBe('line one\r\nline two');
    // Not NFKC-normalized: full-width letters and ligatures stay.
    expect(text('Ｆｕｌｌ ﬁ', 'note', { max: 100 })).toBe('Ｆｕｌｌ ﬁ');
    for (const value of ['a\u0000b', 'a\u001bb', 'a\u0007', 'a\rb', 'a\u000bb', 'a\ud800']) {
      expect(refusal(() => text(value, 'input.description', { max: 100 })), JSON.stringify(value)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.description',
      });
    }
  });
});

describe('confusable skeletons and exact forms', () => {
  it('give look-alike strings one skeleton, whatever their case', () => {
    const same = ['Аegis Meridian', 'AEGIS MERIDIAN', 'aegis meridian', 'Aegis Меridian', 'Ａｅｇｉｓ Meridian', 'ɑegis rneridian'];
    for (const value of same) expect(confusableSkeleton(value), value).toBe(confusableSkeleton('Aegis Meridian'));
    expect(confusableSkeleton('G0LD')).toBe(confusableSkeleton('gold'));
    expect(confusableSkeleton('Aegis\u200bMeridian')).toBe(confusableSkeleton('AegisMeridian'));
    expect(confusableSkeleton('Bastion')).not.toBe(confusableSkeleton('Bastian'));
  });

  it('strip legal forms from name skeletons, in whatever letters they are written', () => {
    const genuine = nameSkeleton(AEGIS);
    for (const value of [
      'Aegis Meridian Security GmbH',
      'AEGIS MERIDIAN SECURITY LIMITED',
      'Аegis Meridian Security Ltd', // Cyrillic А
      'AEGIS MERIDIAN SECURITY LТD', // Cyrillic Т
      'Aegis Meridian Sécurity S.A.',
      'Aegis Меridian Security Ltd', // Cyrillic М
      'Aegis Meridian Security',
    ]) {
      expect(nameSkeleton(value), value).toBe(genuine);
    }
    expect(nameSkeleton('Aegis Meridian')).not.toBe(genuine);
    expect(nameSkeleton('Limited')).toBe(nameSkeleton('LIMITED'));
  });

  it('compare names exactly after NFKC, case folding and white space alone', () => {
    expect(exactNameForm('AEGIS  MERIDIAN SECURITY LTD')).toBe(exactNameForm(AEGIS));
    expect(exactNameForm('Ａｅｇｉｓ Meridian Security Ltd')).toBe(exactNameForm(AEGIS));
    expect(caselessForm('Sicherheit Straße')).toBe(caselessForm('SICHERHEIT STRASSE'));
    for (const loose of ['Aegis Meridian Security GmbH', 'Aegis Meridian Security', 'Aegis Meridian Security Ltd.', 'Aegis Meridián Security Ltd']) {
      expect(exactNameForm(loose), loose).not.toBe(exactNameForm(AEGIS));
    }
  });

  it('keep match keys as before: case, accents, punctuation and legal forms ignored', () => {
    expect(matchKey('Sicherheit Straße GmbH')).toBe(matchKey('SICHERHEIT STRASSE'));
    expect(matchKey('한국 경비 주식회사')).toBe('한국 경비 주식회사');
  });
});

describe('ranking names for verification', () => {
  const candidate = (
    id: string,
    organizationId: string,
    candidateName: string,
    kind = OrganizationNameKind.REGISTERED,
    validFrom: string | null = '2020-01-01',
  ) => ({ id, organizationId, name: candidateName, kind, matchKey: matchKey(candidateName), validFrom });
  const ask = (query: string) => ({ key: matchKey(query), exact: exactNameForm(query) });

  it('puts the exact name first, then the same key, then partial matches; one entry per organization', () => {
    const candidates = [
      candidate('1', 'impostor-gmbh', 'Aegis Meridian Security GmbH', OrganizationNameKind.REGISTERED, '2026-01-01'),
      candidate('2', 'genuine', AEGIS, OrganizationNameKind.REGISTERED, '2019-03-12'),
      candidate('3', 'genuine', 'Aegis Meridian', OrganizationNameKind.TRADING, '2021-07-01'),
      candidate('4', 'group', 'Aegis Meridian Security Holdings Ltd'),
    ];
    const ranked = rankMatches(ask('AEGIS MERIDIAN SECURITY LTD'), candidates);
    expect(ranked.matches.map((m) => [m.candidate.organizationId, m.quality])).toEqual([
      ['genuine', MatchQuality.EXACT],
      ['impostor-gmbh', MatchQuality.SAME_KEY],
      ['group', MatchQuality.PARTIAL],
    ]);
    expect(ranked.ambiguous).toBe(false);
  });

  it('ranks registered names before trading and former ones, then the name held longest; says when it is ambiguous', () => {
    const exactTwice = rankMatches(ask(AEGIS), [
      candidate('1', 'copy', AEGIS, OrganizationNameKind.REGISTERED, '2026-05-01'),
      candidate('2', 'genuine', AEGIS, OrganizationNameKind.REGISTERED, '2019-03-12'),
    ]);
    expect(exactTwice.matches.map((m) => m.candidate.organizationId)).toEqual(['genuine', 'copy']);
    expect(exactTwice.ambiguous).toBe(true);

    const formerAndRegistered = rankMatches(ask('Kestrel Guarding'), [
      candidate('1', 'old', 'Kestrel Guarding Ltd', OrganizationNameKind.FORMER, '2001-01-01'),
      candidate('2', 'new', 'Kestrel Guarding Ltd', OrganizationNameKind.REGISTERED, '2024-01-01'),
    ]);
    expect(formerAndRegistered.matches.map((m) => m.candidate.organizationId)).toEqual(['new', 'old']);
    expect(formerAndRegistered.ambiguous).toBe(true);

    const one = rankMatches(ask('Kestrel Guarding'), [candidate('1', 'only', 'Kestrel Guarding Ltd')]);
    expect(one).toMatchObject({ ambiguous: false, matches: [{ quality: MatchQuality.SAME_KEY }] });
    expect(rankMatches(ask('Nothing'), [candidate('1', 'only', 'Kestrel Guarding Ltd')])).toEqual({ matches: [], ambiguous: false });
  });
});
