import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';

/** A purchase explained, a buyer's transactions and the earnings export. */
@Module({ controllers: [HistoryController] })
export class HistoryModule {}
