import { IsId } from '@app/contracts';

export class EventsParams {
  @IsId()
  user_id!: number;
}
