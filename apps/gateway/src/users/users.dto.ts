import { IsId, IsUserName, NAME_MAX_LENGTH, Trim, type UserView } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiId } from '../http/api-docs';

export class CreateUserInput {
  /** 1–100 characters (code points) after trimming, no control characters; not unique. */
  @ApiProperty({
    description: '1–100 characters (code points) after trimming, no control characters; not unique',
    minLength: 1,
    maxLength: NAME_MAX_LENGTH,
    example: 'Alice',
  })
  @Trim()
  @IsUserName(NAME_MAX_LENGTH)
  name!: string;
}

export class UserIdParams {
  @ApiId('A user id')
  @IsId()
  user_id!: number;
}

export class UserResponse {
  @ApiId('The new user id')
  user_id!: number;

  @ApiProperty({ example: 'Alice' })
  name!: string;

  @ApiProperty({ example: true })
  is_active!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, example: null, description: 'The referrer, once set' })
  referred_by!: number | null;
}

export class UserStatusResponse {
  @ApiId('The user id', 3)
  user_id!: number;

  @ApiProperty({ example: false })
  is_active!: boolean;
}

export const toUserResponse = (user: UserView): UserResponse => ({
  user_id: user.id,
  name: user.name,
  is_active: user.isActive,
  referred_by: user.referredBy,
});
