import { Balance } from '../earnings/balance.entity';
import { Earning } from '../earnings/earning.entity';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { Purchase } from '../purchases/purchase.entity';
import { Refund } from '../refunds/refund.entity';

export const commissionsEntities = [Purchase, Earning, Balance, OutboxEntry, Refund];
