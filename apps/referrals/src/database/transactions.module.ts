import { Module } from '@nestjs/common';
import { TransactionRunner } from '@app/platform';

/**
 * One TransactionRunner for the whole service: on SQLite its mutex is what keeps units of work from
 * interleaving on the single shared connection, so two feature modules must not each make their own.
 */
@Module({ providers: [TransactionRunner], exports: [TransactionRunner] })
export class TransactionsModule {}
