import { Injectable, Logger } from '@nestjs/common';
import { Scheduler } from '../workflow/scheduler.service.js';

/** The outbox's job on the scheduler (outbox.service.ts). */
export const OUTBOX_JOB = 'outbox';

/** At most one request to the scheduler per this many milliseconds from one instance. */
const KICK_INTERVAL_MS = 500;

/**
 * Asks some instance to send what the outbox holds, after a commit that added to it (an issue, a recall, a status).
 * It neither waits nor fails the caller: the request leaves in the background, at most one per half second from
 * this instance (a burst of issues makes one request, not one each), and the periodic run (OUTBOX_CRON) and the run
 * at start send anyway what a lost request or a crash left behind. The timer here only spares requests; nothing
 * depends on it.
 */
@Injectable()
export class OutboxKick {
  private readonly logger = new Logger('Outbox');
  private scheduled = false;
  private last = 0;

  constructor(private readonly scheduler: Scheduler) {}

  now(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, this.last + KICK_INTERVAL_MS - Date.now());
    setTimeout(() => {
      this.scheduled = false;
      this.last = Date.now();
      this.scheduler.runSoon(OUTBOX_JOB, 1).catch((err: unknown) => {
        this.logger.warn(`could not queue an outbox run: ${err instanceof Error ? err.message : String(err)}`);
      });
    }, wait).unref();
  }
}
