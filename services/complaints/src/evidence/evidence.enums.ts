import { registerEnumType } from 'type-graphql';

/** Where a piece of evidence stands with the malware scan (ClamAV). */
export enum EvidenceScanStatus {
  PENDING_SCAN = 'PENDING_SCAN',
  CLEAN = 'CLEAN',
  INFECTED = 'INFECTED',
  NOT_SCANNED = 'NOT_SCANNED',
}

registerEnumType(EvidenceScanStatus, {
  name: 'EvidenceScanStatus',
  description: 'Where a piece of evidence stands with the malware scan (ClamAV) that comes before any download.',
  valuesConfig: {
    PENDING_SCAN: { description: 'Received and cleaned, waiting for the malware scan: nobody can download it yet.' },
    CLEAN: { description: 'Scanned, nothing found: downloadable by those who may see it.' },
    INFECTED: {
      description: 'Malware found: kept quarantined for the Secretariat (its details only), never served to anyone.',
    },
    NOT_SCANNED: {
      description:
        'Not scanned: the service runs without a scanner (CLAMAV_URL unset, development only; production refuses to ' +
        'start so). Scanned once a scanner is configured.',
    },
  },
});
