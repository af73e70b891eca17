import { MAX_ID } from '@app/contracts';
import { invalidLastEventId } from './events.errors';

/**
 * Where a reconnecting client resumes: the `Last-Event-ID` header that EventSource sends, or a
 * `last_event_id` query parameter for clients that cannot set headers. The header wins, because a browser
 * that reconnects keeps the URL it started with but sends the newest id in the header.
 * Returns undefined for a new client; `0` replays every credit.
 */
export function resumePoint(header: unknown, query: unknown): number | undefined {
  const given = present(header) ? header : present(query) ? query : undefined;
  if (given === undefined) {
    return undefined;
  }
  const id = typeof given === 'string' && /^\d{1,10}$/.test(given) ? Number(given) : NaN;
  if (Number.isNaN(id) || id > MAX_ID) {
    throw invalidLastEventId();
  }
  return id;
}

/** EventSource sends no header before its first event; an empty one means the same. */
function present(value: unknown): boolean {
  return value !== undefined && value !== '';
}
