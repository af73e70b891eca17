import type { SseEvent } from './sse.format';

/**
 * Orders one connection's events across the seam between the replay of missed credits and the live ones.
 *
 * The connection subscribes to live events before it asks for the replay, so nothing published meanwhile is
 * missed; live events that arrive during the replay are held, and afterwards only those with an id above the
 * last one sent go out. Ids on a stream only ever increase, as a client's Last-Event-ID assumes, so anything
 * at or below the last id sent is a duplicate and is dropped.
 */
export class EventSeam {
  private lastSentId: number;
  /** Live events held while the replay runs; undefined once live. */
  private held: SseEvent[] | undefined;

  /** `lastEventId` undefined: a new client, live at once. Otherwise it replays from there first. */
  constructor(lastEventId: number | undefined) {
    this.lastSentId = lastEventId ?? 0;
    this.held = lastEventId === undefined ? undefined : [];
  }

  get replaying(): boolean {
    return this.held !== undefined;
  }

  /** How many live events wait for the replay to end. */
  get heldCount(): number {
    return this.held?.length ?? 0;
  }

  /** A live event: returned when it is to be sent now; undefined when it is held or was sent already. */
  live(event: SseEvent): SseEvent | undefined {
    if (this.held) {
      this.held.push(event);
      return undefined;
    }
    return this.claim(event) ? event : undefined;
  }

  /** A replayed event: true when it is to be sent (it comes after everything sent so far). */
  replayed(event: SseEvent): boolean {
    return this.claim(event);
  }

  /** Ends the replay: the held live events that it did not already cover, in id order. */
  endReplay(): SseEvent[] {
    const held = (this.held ?? []).sort((a, b) => a.id - b.id);
    this.held = undefined;
    return held.filter((event) => this.claim(event));
  }

  private claim(event: SseEvent): boolean {
    if (event.id <= this.lastSentId) {
      return false;
    }
    this.lastSentId = event.id;
    return true;
  }
}
