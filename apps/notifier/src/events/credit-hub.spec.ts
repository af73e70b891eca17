import { CreditHub } from './credit-hub';
import type { SseEvent } from './sse.format';

const event: SseEvent = { id: 1, text: 'id: 1\n\n' };

describe(CreditHub.name, () => {
  it("fans a user's event out to each of that user's listeners only", () => {
    const hub = new CreditHub();
    const [a1, a2, b] = [jest.fn(), jest.fn(), jest.fn()];
    hub.subscribe(1, a1);
    hub.subscribe(1, a2);
    hub.subscribe(2, b);
    hub.publish(1, event);
    expect(a1).toHaveBeenCalledWith(event);
    expect(a2).toHaveBeenCalledWith(event);
    expect(b).not.toHaveBeenCalled();
  });

  it('counts subscriptions, including one listener subscribed twice, and forgets them on unsubscribe', () => {
    const hub = new CreditHub();
    const listener = jest.fn();
    const first = hub.subscribe(1, listener);
    const second = hub.subscribe(1, listener);
    expect(hub.subscriptionCount()).toBe(2);
    first();
    first();
    expect(hub.subscriptionCount()).toBe(1);
    hub.publish(1, event);
    expect(listener).toHaveBeenCalledTimes(1);
    second();
    expect(hub.subscriptionCount()).toBe(0);
  });

  it('says a user is watched from the first subscription until the last one ends', () => {
    const hub = new CreditHub();
    expect(hub.isWatched(1)).toBe(false);
    const first = hub.subscribe(1, jest.fn());
    const second = hub.subscribe(1, jest.fn());
    first();
    expect(hub.isWatched(1)).toBe(true);
    second();
    expect(hub.isWatched(1)).toBe(false);
  });

  it('still reaches the other listeners when one throws', () => {
    const hub = new CreditHub();
    const after = jest.fn();
    hub.subscribe(1, () => {
      throw new Error('broken socket');
    });
    hub.subscribe(1, after);
    jest.spyOn(hub['logger'], 'error').mockImplementation(() => undefined);
    hub.publish(1, event);
    expect(after).toHaveBeenCalledWith(event);
  });
});
