import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EventStreams } from './event-streams';
import { EventsParams } from './events.dto';
import { resumePoint } from './last-event-id';

@Controller('events')
export class EventsController {
  constructor(private readonly streams: EventStreams) {}

  /**
   * `GET /events/{user_id}`: the user's credits as Server-Sent Events, one event per credit with the earning
   * id as `id:`. With `Last-Event-ID` (or `?last_event_id=`) the credits after that id come first.
   * 400 for a malformed id, 404 for an unknown user.
   */
  @Get(':user_id')
  async stream(
    @Param() params: EventsParams,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('last_event_id') lastEventIdQuery: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.open(params.user_id, resumePoint(lastEventIdHeader, lastEventIdQuery), reply);
  }
}
