import type { SseEvent } from './sse.format';

/**
 * Orders one connection's events across the seam between the replay of missed credits and the live ones.
 *
 * The connection subscribes to live events before it asks for the replay, so nothing published meanwhile is
 * missed; live events that arrive during the replay are held, and afterwards only those not sent yet go out.
 * An event is a duplicate when the client already has it (its id is at or below the client's Last-Event-ID)
 * or this connection sent it. A live event with a smaller id than one already sent is still delivered: with
 * several commissions instances, credits can reach JetStream slightly out of id order, and dropping the late
 * one would lose it for this client. (A client that then reconnects may see such a credit twice; the
 * dashboard recognises credits by earning id.)
 */
export class EventSeam {
  /** The client's Last-Event-ID: it has every credit up to here. */
  private readonly floor: number;
  /** Ids above the floor sent on this connection; a user's credits are few (the cap bounds them). */
  private readonly sent = new Set<number>();
  /** Live events held while the replay runs; undefined once live. */
  private held: SseEvent[] | undefined;

  /** `lastEventId` undefined: a new client, live at once. Otherwise it replays from there first. */
  constructor(lastEventId: number | undefined) {
    this.floor = lastEventId ?? 0;
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

  /** A replayed event: true when it is to be sent (the client does not have it yet). */
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
    if (event.id <= this.floor || this.sent.has(event.id)) {
      return false;
    }
    this.sent.add(event.id);
    return true;
  }
}
