import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiProperty, ApiPropertyOptional, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { ErrorCode, MAX_ID } from '@app/contracts';
import type { ErrorResponse } from '@app/platform';

/** The error body of SPEC.md, as the OpenAPI document shows it. */
export class ErrorBody implements ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'A stable error code', enum: Object.values(ErrorCode), example: 'VALIDATION.FAILED' })
  code!: string;

  @ApiProperty({ example: 'referrer_id must be below 2^31' })
  message!: string;
}

const ERROR_MEANINGS: Record<number, string> = {
  400: 'Invalid input (VALIDATION.FAILED) or a broken rule; nothing changed',
  404: 'An id that names nothing (USER.NOT_FOUND, PURCHASE.NOT_FOUND)',
  409: 'The Idempotency-Key was used before with other parameters (IDEMPOTENCY.KEY_REUSED)',
  503: 'A service behind the gateway is unavailable (SERVICE.UNAVAILABLE); retrying is safe',
};

/** The error answers an endpoint can give, each with the shared error body. */
export const ApiErrors = (...statuses: (keyof typeof ERROR_MEANINGS)[]): MethodDecorator =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, type: ErrorBody, description: ERROR_MEANINGS[status] })),
  );

/**
 * Describes an input read by `@Input()`: the DTO's fields as query parameters (as SPEC.md writes them), and the
 * same fields accepted as an optional JSON body. `@Input()` is a custom parameter decorator, which the
 * OpenAPI explorer cannot see through.
 */
export const ApiInput = (dto: Type): MethodDecorator =>
  applyDecorators(
    ApiQuery({ type: dto }),
    ApiBody({ type: dto, required: false, description: 'The same fields as a JSON body (query parameters win)' }),
  );

/** An id: a positive integer below 2^31. */
export const ApiId = (description: string, example = 1): PropertyDecorator =>
  ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_ID, description, example });

/** An amount in rupees with at most two decimals (money is paise inside; rupees only on the wire). */
export const ApiRupees = (description: string, example = 75): PropertyDecorator =>
  ApiProperty({ type: 'number', description: `${description} (rupees)`, example });

/** An optional integer query parameter such as `limit`. */
export const ApiLimit = (description: string, max: number, defaultValue: number): PropertyDecorator =>
  ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: defaultValue, description });
