import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { CurrentUser } from '../common/current-user.js';
import { Clock } from '../common/clock.js';
import { Scheduler } from '../workflow/scheduler.service.js';
import { RouteRegistry } from '../workflow/route-registry.js';
import { workingMsBetween } from '../workflow/working-calendar.js';
import { DocumentActionsService } from './document-actions.service.js';
import { visibleSql } from './visibility.js';

type Outcome = 'escalated' | 'reminded' | 'obsolete' | 'failed';

/**
 * Deadlines and reminders of route tasks (boundary timers): rows in task_timers, written when a document enters a
 * task (document-actions.service.ts), fired by a periodic job on pg-boss (`deadlines`, TIMERS_CRON) — each timer once,
 * whatever the number of instances, and after a restart — on the time of the injected clock.
 */
@Injectable()
export class TimersService implements OnModuleInit {
  static readonly JOB = 'deadlines';
  private readonly logger = new Logger('Timers');

  constructor(
    private readonly db: DataSource,
    private readonly actions: DocumentActionsService,
    private readonly scheduler: Scheduler,
    private readonly routes: RouteRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.every(TimersService.JOB, this.config.timersCron, () => this.fireDue());
  }

  /**
   * Fires every timer due by now, one transaction each: the timer's row is taken with SKIP LOCKED, so two instances
   * never fire the same one, and marked fired in the same transaction as its effect. A timer that fails is marked
   * failed (and logged) rather than retried forever.
   */
  async fireDue(): Promise<Record<Outcome, number>> {
    const counts: Record<Outcome, number> = { escalated: 0, reminded: 0, obsolete: 0, failed: 0 };
    const now = this.clock.now();
    for (;;) {
      let taken: { id: string; timer_id: string } | undefined;
      try {
        const outcome = await this.db.transaction(async (m) => {
          const [t] = (await m.query(
            `SELECT id, document_id, timer_id, interrupting FROM task_timers
              WHERE fired_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [now],
          )) as Array<{ id: string; document_id: string; timer_id: string; interrupting: boolean }>;
          if (!t) return null;
          taken = t;
          const result = await this.actions.fireTimer(m, { id: t.id, documentId: t.document_id, timerId: t.timer_id, interrupting: t.interrupting });
          await m.query(`UPDATE task_timers SET fired_at = $2, outcome = $3 WHERE id = $1`, [t.id, now, result]);
          return result;
        });
        if (outcome === null) return counts;
        counts[outcome]++;
      } catch (err) {
        if (!taken) throw err;
        const message = err instanceof Error ? err.message : String(err);
        this.logger.error(`timer ${taken.timer_id} (${taken.id}) failed: ${message}`);
        await this.db.query(`UPDATE task_timers SET fired_at = $2, outcome = $3 WHERE id = $1 AND fired_at IS NULL`, [
          taken.id,
          now,
          `failed: ${message}`.slice(0, 500),
        ]);
        counts.failed++;
      }
    }
  }

  /**
   * The tasks past their deadline now: documents the caller may see whose current task's earliest deadline has passed,
   * oldest deadline first; `mine`: only those waiting for the caller.
   */
  async overdue(user: CurrentUser, mine: boolean) {
    const now = this.clock.now();
    const params: unknown[] = [now];
    const where: string[] = [];
    if (mine) {
      params.push(user.id);
      where.push(`d.assignee_ids @> ARRAY[$${params.length}]::uuid[]`);
    } else where.push(visibleSql(user, params));
    const rows = (await this.db.query(
      `SELECT d.id, d.subject, d.type, d.urgency, d.state, d.step_id, d.route_id, d.route_version, d.step_since,
              min(t.due_at) AS due_at,
              (SELECT coalesce(json_agg(json_build_object('id', u.id, 'fullName', u.full_name) ORDER BY u.full_name), '[]')
                 FROM users u WHERE u.id = ANY(d.assignee_ids)) AS assignees
         FROM task_timers t JOIN documents d ON d.id = t.document_id AND d.step_id = t.step_id AND d.step_since = t.step_since
        WHERE t.due_at <= $1 ${where.length ? `AND ${where.join(' AND ')}` : ''}
        GROUP BY d.id
        ORDER BY min(t.due_at), d.id
        LIMIT 500`,
      params,
    )) as Array<{
      id: string; subject: string; type: string; urgency: string; state: string; step_id: string; route_id: string;
      route_version: number; step_since: Date; due_at: Date; assignees: Array<{ id: string; fullName: string }>;
    }>;
    return rows.map((r) => ({
      documentId: r.id,
      subject: r.subject,
      type: r.type,
      urgency: r.urgency,
      state: r.state,
      step: { id: r.step_id, name: this.routes.get(r.route_id, r.route_version).tasks[r.step_id]?.name ?? r.step_id },
      assignees: r.assignees,
      waitingSince: r.step_since,
      dueAt: r.due_at,
      /** Working minutes past the deadline. */
      overdueWorkingMinutes: Math.floor(workingMsBetween(this.config.workingCalendar, new Date(r.due_at), now) / 60_000),
    }));
  }
}
