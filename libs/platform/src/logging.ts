import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { requestContext } from './request-context';

/** Pino's levels, lowest traffic first; `LOG_LEVEL` takes one of these. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Keys that never reach a log line, wherever someone puts them: credentials and request bodies. Nothing in
 * this code base logs them; this is the net under that rule.
 */
const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'apiKey',
  'api_key',
  'token',
  'password',
  'body',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  '*.token',
  '*.password',
  '*.body',
];

/**
 * The process's structured logger: one JSON object per line on stdout, with the service's name, an ISO time,
 * the level as a word, and the request id of the request being handled (from the async context).
 */
export function createPino(service: string, level: LogLevelName, destination?: DestinationStream): Pino {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => requestContext.getStore() ?? {},
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * A child of `logger` without the redaction, for lines whose every field the caller names (the per-request
 * access line): the wildcard paths make pino walk every key of every line, ~2% of the gateway's CPU per
 * request. Give it only fields that cannot hold a credential.
 */
export function withoutRedaction(logger: Pino): Pino {
  return logger.child({}, { redact: [] });
}

type PinoMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over pino, so that Nest's own messages and every `new Logger(context)` in the code
 * come out as the same JSON lines. A message may be a string, an Error, or an object of fields (with an
 * optional `msg`); Nest passes the logger's context as the last argument and, for errors, a stack before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: PinoMethod, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) {
      return;
    }
    const fields: Record<string, unknown> = {};
    const context = params.length > 0 ? params.at(-1) : undefined;
    if (typeof context === 'string') {
      fields.context = context;
    }
    const stack = params.slice(0, -1).find((param): param is string => typeof param === 'string');
    if (stack) {
      fields.stack = stack;
    }
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
      const { msg, ...rest } = message as Record<string, unknown>;
      Object.assign(fields, rest);
      text = typeof msg === 'string' ? msg : undefined;
    } else {
      text = String(message);
    }
    this.pino[level](fields, text);
  }
}

/** The logger a service runs with: JSON lines at `level`, named after the service. */
export function createServiceLogger(service: string, level: LogLevelName): PinoNestLogger {
  return new PinoNestLogger(createPino(service, level));
}
