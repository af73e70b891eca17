import { Controller, Get, Param, Query } from '@nestjs/common';
import { paiseToRupees, RequestSubject } from '@app/contracts';
import { ServiceClient } from '@app/platform';
import { AnyUser, OwnUserData } from '../auth/access.decorators';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-docs';
import { UserNames } from '../users/user-names';
import { UserIdParams } from '../users/users.dto';
import {
  EarningsQuery,
  EarningsResponse,
  LeaderboardEntryResponse,
  LeaderboardQuery,
  toEarningsResponse,
} from './earnings.dto';

const DEFAULT_LEADERBOARD_SIZE = 10;
/** Enough for any dashboard; the rest is a `cursor` away. */
const DEFAULT_DETAILS_PAGE_SIZE = 100;

@ApiTags('earnings')
@Controller()
export class EarningsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly userNames: UserNames,
  ) {}

  /**
   * A user's total and per-level earnings, the room left under each cap, and their credits newest first, a page
   * at a time (`?limit=` up to 1000, default 100; `?cursor=` the previous page's `next_cursor`).
   */
  @Get('earnings/:user_id')
  @OwnUserData()
  @ApiOperation({ summary: "A user's earnings: total, per level, cap room per level, and every credit" })
  @ApiOkResponse({ type: EarningsResponse })
  @ApiErrors(400, 404, 503)
  async earnings(@Param() params: UserIdParams, @Query() query: EarningsQuery): Promise<EarningsResponse> {
    const userId = params.user_id;
    const summary = await this.services.request(RequestSubject.GetEarnings, {
      userId,
      beforeEarningId: query.cursor,
      limit: query.limit ?? DEFAULT_DETAILS_PAGE_SIZE,
    });
    return toEarningsResponse(summary);
  }

  /** The top earners, by total descending and ties by id: `GET /leaderboard?limit=10`. */
  @Get('leaderboard')
  @AnyUser()
  @ApiOperation({
    summary: 'The top earners',
    description: 'By total descending, ties by user_id ascending; users with no earnings left out.',
  })
  @ApiOkResponse({ type: [LeaderboardEntryResponse] })
  @ApiErrors(400, 503)
  async leaderboard(@Query() query: LeaderboardQuery): Promise<LeaderboardEntryResponse[]> {
    const entries = await this.services.request(RequestSubject.GetLeaderboard, {
      limit: query.limit ?? DEFAULT_LEADERBOARD_SIZE,
    });
    if (entries.length === 0) {
      return [];
    }
    // Commissions' copy of the tree names them; one it does not hold yet (still catching up) is asked for.
    const unnamed = entries.filter((entry) => entry.name === '').map((entry) => entry.userId);
    const names = unnamed.length ? await this.userNames.of(unnamed) : new Map<number, string>();
    return entries.map((entry) => ({
      user_id: entry.userId,
      name: entry.name || (names.get(entry.userId) ?? ''),
      total_earnings: paiseToRupees(entry.totalPaise),
    }));
  }
}
