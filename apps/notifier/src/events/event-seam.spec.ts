import { EventSeam } from './event-seam';
import type { SseEvent } from './sse.format';

const event = (id: number): SseEvent => ({ id, text: `id: ${id}\n\n` });
const ids = (events: SseEvent[]): number[] => events.map((e) => e.id);

describe(EventSeam.name, () => {
  it('sends live events at once to a new client', () => {
    const seam = new EventSeam(undefined);
    expect(seam.replaying).toBe(false);
    expect(seam.live(event(1))).toEqual(event(1));
    expect(seam.live(event(7))).toEqual(event(7));
  });

  it('holds live events during the replay and sends only those the replay did not cover, in id order', () => {
    const seam = new EventSeam(10);
    expect(seam.replaying).toBe(true);
    // Published after the client subscribed; 12 and 13 were also committed before the replay read them.
    expect(seam.live(event(12))).toBeUndefined();
    expect(seam.live(event(14))).toBeUndefined();
    expect(seam.live(event(13))).toBeUndefined();
    expect(seam.heldCount).toBe(3);
    expect([11, 12, 13].map((id) => seam.replayed(event(id)))).toEqual([true, true, true]);
    expect(ids(seam.endReplay())).toEqual([14]);
    expect(seam.replaying).toBe(false);
    expect(seam.live(event(15))).toEqual(event(15));
  });

  it('drops what the client already has: ids at or below its Last-Event-ID, or sent already', () => {
    const seam = new EventSeam(10);
    expect(seam.replayed(event(9))).toBe(false);
    expect(seam.replayed(event(10))).toBe(false);
    expect(seam.replayed(event(11))).toBe(true);
    expect(seam.replayed(event(11))).toBe(false);
    expect(ids(seam.endReplay())).toEqual([]);
    expect(seam.live(event(11))).toBeUndefined();
    expect(seam.live(event(12))).toEqual(event(12));
    expect(seam.live(event(12))).toBeUndefined();
  });

  it('still delivers a live credit that arrives after one with a greater id (several publishers)', () => {
    const seam = new EventSeam(undefined);
    expect(seam.live(event(21))).toEqual(event(21));
    expect(seam.live(event(20))).toEqual(event(20));
    expect(seam.live(event(20))).toBeUndefined();
  });

  it('sends held events once each even when the feed repeated one', () => {
    const seam = new EventSeam(0);
    seam.live(event(3));
    seam.live(event(3));
    seam.live(event(2));
    expect(ids(seam.endReplay())).toEqual([2, 3]);
  });

  it('replays everything from 0', () => {
    const seam = new EventSeam(0);
    expect(seam.replayed(event(1))).toBe(true);
  });
});
