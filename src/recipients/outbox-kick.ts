import { Injectable, Logger } from '@nestjs/common';
import { Scheduler } from '../workflow/scheduler.service.js';

/** The outbox's job on the scheduler (outbox.service.ts). */
export const OUTBOX_JOB = 'outbox';

/**
 * Asks some instance to send what the outbox holds now, after a commit that added to it (an issue, a recall, a
 * status). Never fails the caller: the periodic run (OUTBOX_CRON) sends it anyway.
 */
@Injectable()
export class OutboxKick {
  private readonly logger = new Logger('Outbox');

  constructor(private readonly scheduler: Scheduler) {}

  async now(): Promise<void> {
    try {
      // Debounced: a burst of issues queues one run now and one a second later, not one each.
      await this.scheduler.runSoon(OUTBOX_JOB, 1);
    } catch (err) {
      this.logger.warn(`could not queue an outbox run: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
