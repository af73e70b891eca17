import 'reflect-metadata';
import { Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommissionStatus, parseRupeesToPaise, shareOf } from '@app/contracts';
import { createValidationPipe } from '@app/platform';
import { Input } from '../../apps/gateway/src/http/input.decorator';
import {
  PurchaseInput,
  toPurchaseResponse,
  type PurchaseResponse,
} from '../../apps/gateway/src/purchases/purchases.dto';

/**
 * The ceiling: the gateway's HTTP stack (Nest 11 + Fastify, the global ValidationPipe, the very same
 * `PurchaseInput` DTO and `@Input()` decorator) answering `POST /purchase` with a response of the same shape,
 * but with no NATS, no other service and no database behind it. Purchases/s is reported as a share of this.
 */
@Controller('purchase')
class CeilingController {
  private nextId = 1;

  @Post()
  record(@Input() input: PurchaseInput): PurchaseResponse {
    const amountPaise = parseRupeesToPaise(input.amount) ?? 0;
    return toPurchaseResponse({
      purchaseId: this.nextId++,
      buyerId: input.buyer_id,
      amountPaise,
      isValid: true,
      note: 'Qualifies (at least ₹1000.00)',
      timestamp: new Date().toISOString(),
      commissions: [
        { userId: 2, level: 1, amountPaise: shareOf(amountPaise, 500), status: CommissionStatus.Credited },
        { userId: 1, level: 2, amountPaise: shareOf(amountPaise, 100), status: CommissionStatus.Credited },
      ],
    });
  }
}

@Module({ controllers: [CeilingController] })
class CeilingModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(CeilingModule, new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  app.useGlobalPipes(createValidationPipe());
  await app.listen(Number(process.env.CEILING_PORT ?? 0), '127.0.0.1');
  process.send?.({ ready: true, url: await app.getUrl() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
