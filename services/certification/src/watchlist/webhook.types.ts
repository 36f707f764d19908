import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/src';
import { Watchlist } from './watchlist.entity';
import { WebhookDelivery } from './webhook.entity';

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery', 'webhook deliveries');

/** What setting a webhook or rotating its secret answers: the secret is shown this once. */
@ObjectType({ description: 'A watchlist\'s webhook after a change, with its signing secret when a new one was made.' })
export class WatchlistWebhook {
  @Field(() => Watchlist, { description: 'The watchlist, with its endpoint.' })
  watchlist!: Watchlist;

  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (`whsec_...`), shown only now: keep it to check the `webhook-signature` header. Null when ' +
      'the secret did not change.',
  })
  secret!: string | null;
}
