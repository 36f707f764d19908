import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CalendarDate, PublicCache } from '../../../shared/src';

/**
 * One period in which a State or an intergovernmental organization supported the Montreux Document (its
 * "participants", as the Swiss FDFA lists them): from the day support was communicated to the day it was
 * withdrawn, if ever. Public, like the FDFA's list. A later period is a new row: the history is kept.
 */
@PublicCache()
@ObjectType({
  description:
    'A period in which a State or an intergovernmental organization took part in the Montreux Document (on ' +
    'private military and security companies): from the day its support was expressed until it was withdrawn.',
})
@Entity('montreux_document_participation')
@Index('uq_montreux_participation_since', ['organizationId', 'since'], { unique: true })
// The directory's `montreuxDocumentParticipant` filter reads the open periods through this index.
@Index('ix_montreux_participation_open', ['until', 'organizationId'])
export class MontreuxDocumentParticipation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId: string;

  @Field(() => CalendarDate, { description: 'The day the State or organization communicated its support for the Montreux Document.' })
  @Column({ type: 'varchar', length: 10 })
  since: string;

  @Field(() => CalendarDate, { nullable: true, description: 'The day its support was withdrawn; null while it lasts.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  until: string | null;

  /** When the Secretariat (or an import) recorded the period, and who. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;
}
