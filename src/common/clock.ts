/**
 * The time the product reads for what the law dates: issue time, signing date. Injected, so that a test can stand
 * on 31 December at 23:59 Vietnam time.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
