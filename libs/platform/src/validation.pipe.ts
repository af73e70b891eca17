import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/contracts';
import { memoizeValidationMetadata } from './validation-metadata';

/** Flattens class-validator errors (nested ones too) into one readable sentence. */
export function validationMessage(errors: ValidationError[]): string {
  const messages: string[] = [];
  const walk = (list: ValidationError[]): void => {
    for (const error of list) {
      messages.push(...Object.values(error.constraints ?? {}));
      walk(error.children ?? []);
    }
  };
  walk(errors);
  return messages.join('; ') || 'Invalid input';
}

/** Validates and transforms payloads; a refusal is a VALIDATION.FAILED domain error. */
export function createValidationPipe(): ValidationPipe {
  // Process-wide and idempotent: every service builds its pipe at bootstrap, before it validates anything.
  memoizeValidationMetadata();
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    validateCustomDecorators: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new DomainError(ErrorCode.ValidationFailed, validationMessage(errors)),
  });
}
