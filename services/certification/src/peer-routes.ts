/*
 * The routes this subgraph serves to other subgraphs (gated by its gateway secret, never part of the
 * public graph). The one file of a subgraph that others may import: paths and answer shapes only, so
 * that a caller and its server cannot drift apart and no entity is loaded into the wrong process.
 */

/**
 * `GET /peer/certification-changes?after=N`: the organizations whose certificates changed after outbox position N,
 * with all their certificates as they are now, for the membership subgraph's directory copies.
 */
export const CERTIFICATION_CHANGES_PATH = '/peer/certification-changes';

/**
 * One certificate as the directory needs it: dates, never a "certified" flag, so that a copy does not go stale
 * with the calendar. `status` is the status decided last (ACTIVE, SUSPENDED or WITHDRAWN); expiry follows from
 * `expiresOn` and today's date.
 */
export interface CertificateCopy {
  certificationId: string;
  organizationId: string;
  /** A `CertificationStandard` value. */
  standard: string;
  status: string;
  /** The day of issue. */
  validFrom: string;
  /** The last day of validity in force now. */
  expiresOn: string;
  /** For a withdrawn certificate, the day the withdrawal took effect; otherwise null. */
  withdrawnOn: string | null;
  countriesCovered: string[];
}

/** The answer of `CERTIFICATION_CHANGES_PATH`. */
export interface CertificationChangesPage {
  /** The organizations named by the outbox entries read (at most a page of entries). */
  organizationIds: string[];
  /** Every certificate of those organizations, now. An organization without any has none here. */
  certificates: CertificateCopy[];
  /** The last position read; the caller asks again after it while `more` is true. */
  lastPosition: number;
  /**
   * How far the caller may move its cursor: up to the first gap in positions younger than the settle time
   * (a transaction that took its position earlier may still commit). Entries beyond are sent again next time.
   */
  settledPosition: number;
  more: boolean;
}
