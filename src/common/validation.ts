import { ValidationError, ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { cleanInput } from './clean-input.js';
import { InvalidInputError, type FieldProblem } from './domain-error.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const reason of Object.values(e.constraints ?? {})) out.push({ field, reason });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Body and query text in NFC, control characters and deep nesting refused (clean-input.ts), before validation. */
class CleanInputPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    // JSON bodies, form fields and queries; a raw text body (edXML) goes to its own parser as it came.
    if ((meta.type !== 'body' && meta.type !== 'query') || typeof value !== 'object' || value === null) return value;
    const { value: cleaned, problems } = cleanInput(value);
    if (problems.length > 0) throw new InvalidInputError(problems);
    return cleaned;
  }
}

/** The global pipes: input cleaned, then validated — unknown fields are refused, every problem names its field. */
export function createValidationPipes(): PipeTransform[] {
  return [
    new CleanInputPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new InvalidInputError(flatten(errors)),
    }),
  ];
}
