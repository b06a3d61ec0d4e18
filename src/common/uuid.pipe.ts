import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from './domain-error.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be a uuid: 400 naming the parameter otherwise. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}
  transform(value: string): string {
    if (!UUID.test(value)) throw new InvalidInputError([{ field: this.field, reason: 'must be a UUID' }]);
    return value.toLowerCase();
  }
}
