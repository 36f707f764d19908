/*
 * The e-mail notices of the complaints process, as stored in their outbox (`complaint_notice`). Not part of
 * the graph: nobody reads notices through it, so these are plain enums, not GraphQL ones.
 */

/** What a notice tells. */
export enum NoticeKind {
  /** To the Secretariat's inbox: a complaint was filed (also when it was stored during a membership outage). */
  NEW_COMPLAINT = 'NEW_COMPLAINT',
  /** To the Secretariat's inbox: the complainant wrote a message. */
  COMPLAINANT_MESSAGE = 'COMPLAINANT_MESSAGE',
  /** To the complainant who opted in: the Secretariat wrote to them, a reply is waiting. */
  REPLY_WAITING = 'REPLY_WAITING',
}

/** Who a notice goes to; the address itself is read when sending, never copied into the outbox. */
export enum NoticeRecipient {
  /** SECRETARIAT_INBOX, from the settings. */
  SECRETARIAT = 'SECRETARIAT',
  /** The complainant's notice address, stored encrypted on the complaint. */
  COMPLAINANT = 'COMPLAINANT',
}

/** Where a notice stands in the outbox. */
export enum NoticeState {
  /** Waiting to be sent, at `next_attempt_at` at the earliest. */
  PENDING = 'PENDING',
  /** Claimed by one process, which is sending it; `next_attempt_at` is when the claim lapses. */
  SENDING = 'SENDING',
  /** Accepted by the SMTP server. */
  SENT = 'SENT',
  /** Not sent because no SMTP_URL is set (development); logged as not sent. */
  NOT_SENT = 'NOT_SENT',
  /** The complainant opted out, or gave no address any more, before it could be sent. */
  WITHDRAWN = 'WITHDRAWN',
  /** Refused for good by the SMTP server, or still failing after the last retry; logged. */
  FAILED = 'FAILED',
}

/** Why the last attempt failed, without the server's words (which may quote the address). */
export enum NoticeErrorClass {
  /** The SMTP server could not be reached, or the connection broke. */
  CONNECTION = 'CONNECTION',
  /** The server answered with a temporary refusal (4xx). */
  TEMPORARY = 'TEMPORARY',
  /** The server refused for good (5xx), e.g. an unknown recipient. */
  PERMANENT = 'PERMANENT',
  /** The server refused the credentials in SMTP_URL. */
  AUTHENTICATION = 'AUTHENTICATION',
  /** Anything else. */
  OTHER = 'OTHER',
}
