import { IsId, NAME_MAX_LENGTH, Trim, type UserView } from '@app/contracts';
import { IsString, Length } from 'class-validator';

export class CreateUserInput {
  /** 1–100 characters after trimming; not unique. */
  @Trim()
  @IsString({ message: 'name is required and must be a string' })
  @Length(1, NAME_MAX_LENGTH, { message: `name must be 1 to ${NAME_MAX_LENGTH} characters after trimming` })
  name!: string;
}

export class UserIdParams {
  @IsId()
  user_id!: number;
}

export interface UserResponse {
  user_id: number;
  name: string;
  is_active: boolean;
  referred_by: number | null;
}

export interface UserStatusResponse {
  user_id: number;
  is_active: boolean;
}

export const toUserResponse = (user: UserView): UserResponse => ({
  user_id: user.id,
  name: user.name,
  is_active: user.isActive,
  referred_by: user.referredBy,
});
