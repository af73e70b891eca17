import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { EarningCredited } from '@app/contracts';
import { creditEvent, KEEP_ALIVE_COMMENT, OPENING_COMMENT } from './sse.format';

const credit: EarningCredited = {
  earningId: 42,
  userId: 2,
  level: 1,
  amountPaise: 7_500,
  sourceUserId: 5,
  purchaseId: 17,
  totalEarningsPaise: 50_500,
  refundId: null,
  timestamp: '2026-01-02T03:04:05.678Z',
};

function parse(text: string): { events: EventSourceMessage[]; comments: string[] } {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event), onComment: (c) => comments.push(c) });
  parser.feed(text);
  return { events, comments };
}

describe(creditEvent.name, () => {
  it('writes the exact wire form of SPEC.md: id, one data line, no event name', () => {
    expect(creditEvent(credit)).toEqual({
      id: 42,
      text:
        'id: 42\ndata: {"amount":75,"level":1,"source_user_id":5,"purchase_id":17,"total_earnings":505,' +
        '"timestamp":"2026-01-02T03:04:05.678Z"}\n\n',
    });
  });

  it('converts paise to rupees only here, keeping paise exact', () => {
    const data = JSON.parse(
      parse(creditEvent({ ...credit, amountPaise: 5_007, totalEarningsPaise: 1 }).text).events[0].data,
    );
    expect(data).toMatchObject({ amount: 50.07, total_earnings: 0.01 });
  });

  it('is one message to an SSE parser, with the earning id as its id and the default event type', () => {
    const { events } = parse(creditEvent(credit).text);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: '42', event: undefined });
    expect(Object.keys(JSON.parse(events[0].data))).toEqual([
      'amount',
      'level',
      'source_user_id',
      'purchase_id',
      'total_earnings',
      'timestamp',
    ]);
  });

  it('keeps comments out of the event stream', () => {
    expect(parse(OPENING_COMMENT + KEEP_ALIVE_COMMENT)).toEqual({
      events: [],
      comments: ['connected', 'keep-alive'],
    });
  });
});
