import { ApiProperty, getSchemaPath, type PathItemObject } from '@nestjs/swagger';
import { MAX_ID } from '@app/contracts';
import { ApiId, ApiRupees, ErrorBody } from '../http/api-docs';

/** The `data:` of one SSE event: one credit. */
export class CreditEventData {
  @ApiRupees('The credit', 75)
  amount!: number;

  @ApiProperty({ enum: [1, 2], example: 1 })
  level!: number;

  @ApiId('The buyer whose purchase paid this', 5)
  source_user_id!: number;

  @ApiId('The purchase', 17)
  purchase_id!: number;

  @ApiRupees("The user's total after this credit", 505)
  total_earnings!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-02T03:04:05.678Z' })
  timestamp!: string;
}

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
});

/**
 * `GET /events/{user_id}` as the OpenAPI document shows it. The route is a Fastify proxy to the notifier (see
 * events.proxy.ts), not a Nest controller, so the explorer cannot find it: it is described here by hand.
 */
export const EVENTS_PATH: PathItemObject = {
  get: {
    tags: ['events'],
    operationId: 'events_stream',
    summary: "A user's credits, live, as Server-Sent Events",
    description:
      'Each credit is one event: `id: <earning id>` and `data:` a JSON CreditEventData, with no `event:` name ' +
      '(so `EventSource.onmessage` receives it). The headers are sent at once; a comment line keeps the ' +
      'connection alive every 15 s. A client that reconnects with `Last-Event-ID` first receives every credit ' +
      'it missed, in id order. Any number of subscribers per user each get every event.',
    parameters: [
      {
        name: 'user_id',
        in: 'path',
        required: true,
        description: 'A user id',
        schema: { type: 'integer', minimum: 1, maximum: MAX_ID },
      },
      {
        name: 'Last-Event-ID',
        in: 'header',
        required: false,
        description: 'Resume after this earning id (EventSource sends it when it reconnects)',
        schema: { type: 'string', pattern: '^\\d+$' },
      },
      {
        name: 'last_event_id',
        in: 'query',
        required: false,
        description: 'The same, for clients that cannot set headers; the header wins',
        schema: { type: 'string', pattern: '^\\d+$' },
      },
    ],
    responses: {
      '200': {
        description: 'The stream: one event per credit, `data` as in CreditEventData',
        content: {
          'text/event-stream': {
            schema: { type: 'string' },
            example:
              'id: 42\ndata: {"amount":75,"level":1,"source_user_id":5,"purchase_id":17,' +
              '"total_earnings":505,"timestamp":"2026-01-02T03:04:05.678Z"}\n\n',
          },
        },
      },
      '400': error('A malformed user id or Last-Event-ID (VALIDATION.FAILED)'),
      '404': error('An unknown user (USER.NOT_FOUND)'),
      '503': error('The notifier or the service behind it is unavailable (SERVICE.UNAVAILABLE)'),
    },
  },
};
