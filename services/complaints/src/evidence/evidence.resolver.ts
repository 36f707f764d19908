import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { badUserInput, isSecretariat, notFound, requireSecretariat } from '../../../shared/src';
import { visibleComplaint } from '../complaint/complaint.access';
import { Complaint, ComplaintMessage } from '../complaint/complaint.entity';
import { ComplaintFollowUp } from '../complaint/complaint.types';
import type { ComplaintsContext } from '../context';
import { evidenceVisibleTo } from './evidence.access';
import { ComplaintEvidence } from './evidence.entity';
import { EvidenceScanStatus } from './evidence.enums';
import { companyFileName, mayServe } from './evidence.rules';
import { setEvidenceShared } from './evidence.service';

/** The download address of an item, from the gateway's root. */
const downloadPath = (item: ComplaintEvidence) => `/complaints/evidence/${item.id}`;

/** `Complaint.evidence`: what the Secretariat and the company complained about see of the complainant's evidence. */
@Resolver(() => Complaint)
export class ComplaintEvidenceFields {
  @FieldResolver(() => [ComplaintEvidence], {
    description:
      'Evidence the complainant sent, oldest first. The Secretariat sees every item, quarantined (INFECTED) ones ' +
      'included, and their scan status; the company complained about sees only the items the Secretariat shared ' +
      'with it, once scanned CLEAN.',
  })
  async evidence(@Root() complaint: Complaint, @Ctx() { viewer, loaders }: ComplaintsContext): Promise<ComplaintEvidence[]> {
    return evidenceVisibleTo(viewer, await loaders.evidenceOfComplaint.load(complaint.id));
  }
}

/** `ComplaintFollowUp.evidence`: the complainant sees all they sent. */
@Resolver(() => ComplaintFollowUp)
export class ComplaintFollowUpEvidenceFields {
  @FieldResolver(() => [ComplaintEvidence], {
    description:
      'The evidence you sent, oldest first, with its scan status. Send more with `POST /complaints/evidence` and ' +
      'your receipt code; download an item once it is CLEAN.',
  })
  evidence(@Root() view: ComplaintFollowUp, @Ctx() { loaders }: ComplaintsContext): Promise<ComplaintEvidence[]> {
    return loaders.evidenceOfComplaint.load(view.complaintId);
  }
}

/** `ComplaintMessage.evidence`: the items a complainant's message came with. */
@Resolver(() => ComplaintMessage)
export class ComplaintMessageEvidenceFields {
  @FieldResolver(() => [ComplaintEvidence], {
    description: 'The evidence the complainant sent with this message, oldest first (empty for the Secretariat\'s messages).',
  })
  evidence(@Root() message: ComplaintMessage, @Ctx() { loaders }: ComplaintsContext): Promise<ComplaintEvidence[]> {
    // Messages are read by the Secretariat (Complaint.messages) and the complainant (ComplaintFollowUp.messages): both see every item.
    return loaders.evidenceOfMessage.load(message.id);
  }
}

/** An item's download address, and the Secretariat's sharing of items with the company. */
@Resolver(() => ComplaintEvidence)
export class ComplaintEvidenceResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Where to download the cleaned file through the gateway (`GET`, with a token or the `X-Receipt-Code` header); ' +
      'null while it cannot be served: pending its scan, or quarantined.',
  })
  downloadPath(@Root() item: ComplaintEvidence, @Ctx() { services }: ComplaintsContext): string | null {
    return mayServe(item.scanStatus, services.evidence.scannerConfigured) ? downloadPath(item) : null;
  }

  @FieldResolver(() => String, {
    description:
      'The file name given at upload, without folders or control characters (for display only). The company ' +
      'complained about reads a neutral name instead (`evidence-…`): the complainant\'s own may name them.',
  })
  fileName(@Root() item: ComplaintEvidence, @Ctx() { viewer }: ComplaintsContext): string {
    // The complainant reaches evidence only with the receipt code, as the public.
    return isSecretariat(viewer) || viewer.role === 'public' ? item.fileName : companyFileName(item);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the Secretariat shared the item with the company complained about.' })
  sharedWithCompany(@Root() item: ComplaintEvidence): boolean {
    return item.sharedWithCompanyAt !== null;
  }

  @Mutation(() => ComplaintEvidence, {
    description:
      'The Secretariat shares an item of evidence with the company complained about, which then sees it in ' +
      '`Complaint.evidence` and may download it. Only CLEAN items (BAD_USER_INPUT otherwise). Sharing it again ' +
      'changes nothing.',
  })
  async shareComplaintEvidence(
    @Arg('id', () => ID, { description: 'Identifier of the item.' }) id: string,
    @Ctx() context: ComplaintsContext,
  ): Promise<ComplaintEvidence> {
    return changeSharing(id, true, context);
  }

  @Mutation(() => ComplaintEvidence, {
    description: 'The Secretariat stops sharing an item of evidence with the company complained about (Secretariat).',
  })
  async unshareComplaintEvidence(
    @Arg('id', () => ID, { description: 'Identifier of the item.' }) id: string,
    @Ctx() context: ComplaintsContext,
  ): Promise<ComplaintEvidence> {
    return changeSharing(id, false, context);
  }
}

/** Shares an item with the company complained about, or stops sharing it (Secretariat); only a CLEAN item may be shared. */
async function changeSharing(id: string, shared: boolean, context: ComplaintsContext): Promise<ComplaintEvidence> {
  requireSecretariat(context.viewer);
  const item = await context.loaders.evidence.load(id);
  if (!item) throw notFound('Evidence', id);
  await visibleComplaint(item.complaintId, context);
  if (shared && item.scanStatus !== EvidenceScanStatus.CLEAN) {
    throw badUserInput(`Only evidence scanned CLEAN can be shared with the company; this item is ${item.scanStatus}`, 'id');
  }
  const changed = await setEvidenceShared(context.database, item, shared, shared ? (context.viewer.subject ?? null) : null);
  context.loaders.evidence.clear(id).prime(id, changed);
  context.loaders.evidenceOfComplaint.clear(item.complaintId);
  return changed;
}
