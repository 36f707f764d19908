/*
 * The page a printed proof's QR code opens: whether its receipt is genuine, and what has changed in the organization's
 * record since the receipt was checked. Plain HTML made on the gateway (no script, no outside resource), in words a
 * procurement officer reads; every value from the graph is escaped.
 */

/** What the page's GraphQL operation answers (membership-proof.ts, `CHECK`). */
export interface ProofPageFacts {
  checkVerificationReceipt?: {
    genuine: boolean;
    reason: string | null;
    organizationId: string | null;
    organizationName: string | null;
    asOf: string | null;
    standing: string | null;
    certificateNumber: string | null;
    certificateValidUntil: string | null;
    checkedAt: string | null;
  } | null;
  organization: {
    name: string;
    standing: string | null;
    membershipStatus: string;
    certificationStatus: string | null;
    statusHistory: { status: string; category: string; effectiveFrom: string; reason: string; recordedAt: string }[];
    history: { kind: string; before: string[]; after: string[]; effectiveFrom: string; reason: string; recordedAt: string }[];
    certifications: { certificateNumber: string; history: { event: string; status: string; effectiveFrom: string; reason: string; recordedAt: string }[] }[] | null;
  } | null;
}

export interface ProofPageInput {
  facts: ProofPageFacts;
  /** The receipt's `checkedAt`: changes recorded after it are listed. */
  checkedAt: string;
  organizationId: string;
  /** False when the QR code held no receipt (too long for it): the page asks for it. */
  receiptGiven: boolean;
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Words for a code such as `CERTIFIED_MEMBER`: "certified member". */
const words = (code: string | null | undefined) => (code ? code.toLowerCase().replace(/_/g, ' ') : 'unknown');

interface Change {
  recordedAt: string;
  effectiveFrom: string;
  what: string;
  reason: string;
}

/** Every change recorded after `checkedAt`: membership status, the record itself (name, countries...), certificates. */
function changesSince(organization: NonNullable<ProofPageFacts['organization']>, checkedAt: string): Change[] {
  const after = (recordedAt: string) => Date.parse(recordedAt) > Date.parse(checkedAt);
  const changes: Change[] = [
    ...organization.statusHistory
      .filter((entry) => after(entry.recordedAt))
      .map((entry) => ({ ...entry, what: `Membership status became ${words(entry.status)} (${words(entry.category)})` })),
    // `history(recordedAfter:)` already holds only what was recorded after the check.
    ...organization.history.map((entry) => ({
      ...entry,
      what: `${words(entry.kind)}: ${entry.before.join(', ') || 'none'} → ${entry.after.join(', ') || 'none'}`,
    })),
    ...(organization.certifications ?? []).flatMap((certificate) =>
      certificate.history
        .filter((entry) => after(entry.recordedAt))
        .map((entry) => ({ ...entry, what: `Certificate ${certificate.certificateNumber}: ${words(entry.event)}, now ${words(entry.status)}` })),
    ),
  ];
  return changes.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

/** The page, as one HTML document. */
export function proofPage({ facts, checkedAt, organizationId, receiptGiven }: ProofPageInput): string {
  const check = facts.checkVerificationReceipt;
  const organization = facts.organization;
  const sections: string[] = [];
  if (!receiptGiven) {
    sections.push(
      '<section class="notice"><h2>Receipt not checked</h2><p>This code did not hold the receipt (it was too long for a printed code). ' +
        'Paste the receipt printed on the proof here to check it:</p>' +
        `<form method="get"><textarea name="receipt" rows="6" cols="80" aria-label="Receipt"></textarea><br><button type="submit">Check the receipt</button></form></section>`,
    );
  } else if (check?.genuine) {
    sections.push(
      '<section class="genuine"><h2>Genuine receipt</h2>' +
        '<p>The receipt was signed by the International Code of Conduct Association and has not been altered.</p><dl>' +
        `<dt>Organization</dt><dd dir="auto">${escape(check.organizationName ?? '')}</dd>` +
        `<dt>Day asked about</dt><dd>${escape(check.asOf ?? '')}</dd>` +
        `<dt>Standing on that day</dt><dd>${escape(words(check.standing))}</dd>` +
        (check.certificateNumber
          ? `<dt>Certificate</dt><dd>${escape(check.certificateNumber)}, valid until ${escape(check.certificateValidUntil ?? '')}</dd>`
          : '') +
        `<dt>Checked at</dt><dd>${escape(check.checkedAt ?? '')}</dd></dl></section>`,
    );
  } else {
    sections.push(
      '<section class="not-genuine"><h2>Not genuine</h2>' +
        `<p>This receipt is not genuine: ${escape(check?.reason ?? 'it could not be checked')}. ` +
        'Do not rely on the printed proof; ask the Association or verify the organization again.</p></section>',
    );
  }
  // What changed is shown only beside a genuine receipt, or when no receipt was given (a code too short to hold it).
  if (organization && (check?.genuine || !receiptGiven)) {
    const changes = changesSince(organization, checkedAt);
    sections.push(
      `<section><h2>Today</h2><dl><dt>Organization</dt><dd dir="auto">${escape(organization.name)}</dd>` +
        `<dt>Standing today</dt><dd>${escape(words(organization.standing))}</dd>` +
        `<dt>Membership status today</dt><dd>${escape(words(organization.membershipStatus))}</dd>` +
        `<dt>Certification today</dt><dd>${escape(words(organization.certificationStatus))}</dd></dl></section>`,
    );
    sections.push(
      `<section><h2>Changes since the check (${escape(checkedAt)})</h2>` +
        (changes.length
          ? `<table><thead><tr><th>Recorded</th><th>From</th><th>Change</th><th>Reason</th></tr></thead><tbody>${changes
              .map(
                (c) =>
                  `<tr class="change"><td>${escape(c.recordedAt)}</td><td>${escape(c.effectiveFrom)}</td><td dir="auto">${escape(c.what)}</td><td dir="auto">${escape(c.reason)}</td></tr>`,
              )
              .join('')}</tbody></table>`
          : '<p class="no-changes">No change has been recorded since the check.</p>') +
        '</section>',
    );
  } else if (!organization) {
    sections.push('<section><p>The organization is not in the register any more.</p></section>');
  }
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>ICoCA proof of membership: check</title>' +
    '<style>body{font-family:"Noto Sans","Noto Naskh Arabic",system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
    '.genuine{border-left:6px solid #1a7f37;padding-left:1rem}.not-genuine{border-left:6px solid #cf222e;padding-left:1rem}' +
    '.notice{border-left:6px solid #9a6700;padding-left:1rem}dt{font-weight:bold}dd{margin:0 0 .5rem 0}' +
    'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:start}</style></head><body>' +
    `<h1>ICoCA proof of membership</h1><p>Organization id: ${escape(organizationId)}</p>` +
    sections.join('') +
    '<p><small>The International Code of Conduct Association signs every receipt; its public keys are at /.well-known/jwks.json.</small></p>' +
    '</body></html>'
  );
}
