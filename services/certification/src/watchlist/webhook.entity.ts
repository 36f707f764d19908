import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Timestamp } from '../../../shared/src';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where the delivery of one change to a watchlist\'s webhook stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet accepted by the endpoint: it is tried again, with growing pauses, for 24 hours.' },
    DELIVERED: { description: 'The endpoint answered with a 2xx status.' },
    FAILED: { description: 'Given up after 24 hours of failed attempts; the watchlist\'s webhook is marked failing.' },
  },
});

/** One change to deliver to one watchlist's webhook: created with the change, in the same transaction. */
@ObjectType({ description: 'The delivery of one recorded change to a watchlist\'s webhook: status, attempts, last error.' })
@Entity('webhook_delivery')
@Index('uq_webhook_delivery_change', ['watchlistId', 'changePosition'], { unique: true })
@Index('ix_webhook_delivery_due', ['status', 'nextAttemptAt'])
export class WebhookDelivery {
  @Field(() => ID, { description: 'Stable identifier of the delivery.' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'watchlist_id', type: 'varchar', length: 36 })
  watchlistId!: string;

  /** The change delivered (its position in the feed). */
  @Column({ name: 'change_position', type: 'int' })
  changePosition!: number;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  @Column({ type: 'varchar', length: 16 })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Calls made to the endpoint so far.' })
  @Column({ type: 'int' })
  attempts!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the last attempt failed, as a class of failure (the status the endpoint answered, timed out, connection failed, ' +
      'address not allowed...), never an address; null after success.',
  })
  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Field(() => Timestamp, { description: 'When the change was queued for delivery.' })
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Field(() => Timestamp, { nullable: true, description: 'When the endpoint was last called.' })
  @Column({ name: 'last_attempt_at', type: 'varchar', length: 30, nullable: true })
  lastAttemptAt!: string | null;

  /** When it is due again (also a lease while a worker delivers it, so that a crash only delays it). */
  @Field(() => Timestamp, { nullable: true, description: 'When the next attempt is due, while pending.' })
  @Column({ name: 'next_attempt_at', type: 'varchar', length: 30 })
  nextAttemptAt!: string;

  @Field(() => Timestamp, { nullable: true, description: 'When the endpoint accepted it.' })
  @Column({ name: 'delivered_at', type: 'varchar', length: 30, nullable: true })
  deliveredAt!: string | null;
}
