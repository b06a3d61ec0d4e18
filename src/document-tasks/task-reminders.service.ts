import { Injectable, Logger, type OnModuleInit, Inject } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { Scheduler } from '../workflow/scheduler.service.js';
import { formatNumberSymbol } from '../registers/build-symbol.js';

type Kind = 'before' | 'due' | 'overdue';

const REMINDER_ACTOR = { id: null, fullName: 'Hệ thống', positionTitle: 'Nhắc việc' };

/** What a reminder says, in the history users read (Vietnamese). */
const SAYS: Record<Kind, string> = { before: 'sắp đến hạn', due: 'đến hạn', overdue: 'quá hạn, báo cáo thủ trưởng đơn vị' };

/**
 * Reminders of tasks assigned by documents, on the durable scheduler (pg-boss job `task-reminders`, TIMERS_CRON):
 * before the deadline, at it, and after it to the head of the lead unit. Each reminder row is taken with SKIP LOCKED
 * and marked fired in the same transaction as its audit entry: once, whatever the number of instances, and after a
 * restart. A task already done (or whose completion came in time and awaits the decision) is not reminded: obsolete.
 */
@Injectable()
export class TaskRemindersService implements OnModuleInit {
  static readonly JOB = 'task-reminders';
  private readonly logger = new Logger('TaskReminders');

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.every(TaskRemindersService.JOB, this.config.timersCron, () => this.fireDue());
  }

  async fireDue(): Promise<{ reminded: number; escalated: number; obsolete: number }> {
    const counts = { reminded: 0, escalated: 0, obsolete: 0 };
    const now = this.clock.now();
    for (;;) {
      const outcome = await this.db.transaction(async (m) => {
        const [r] = (await m.query(
          `SELECT x.id, x.kind, a.id AS assignment_id, a.status, a.completed_at, a.agency_id, a.unit_id, t.ordinal, t.due_at, t.deadline_text,
                  rc.name AS lead_name, d.id AS document_id, d.subject, d.number, d.symbol
             FROM task_reminders x JOIN task_assignments a ON a.id = x.assignment_id JOIN document_tasks t ON t.id = a.task_id
             JOIN documents d ON d.id = a.document_id JOIN recipients rc ON rc.id = a.recipient_id
            WHERE x.fired_at IS NULL AND x.due_at <= $1 ORDER BY x.due_at, x.id LIMIT 1 FOR UPDATE OF x SKIP LOCKED`,
          [now],
        )) as Array<{
          id: string; kind: Kind; assignment_id: string; status: string; completed_at: Date | null; agency_id: string | null; unit_id: string | null;
          ordinal: number; due_at: Date; deadline_text: string; lead_name: string; document_id: string; subject: string; number: number | null; symbol: string | null;
        }>;
        if (!r) return null;
        const settled = r.status === 'done' || (r.status === 'submitted' && r.completed_at !== null && r.completed_at <= r.due_at);
        if (settled) {
          await m.query(`UPDATE task_reminders SET fired_at = $2, outcome = 'obsolete' WHERE id = $1`, [r.id, now]);
          return 'obsolete' as const;
        }
        // Who is told: the unit holding the task, or the agency's leaders while no unit holds it; after the deadline,
        // the head of that unit (or the agency's head).
        const people = r.agency_id ? await this.toldOf(m, r.agency_id, r.unit_id, r.kind === 'overdue') : [];
        const to = people.length > 0 ? people.join(', ') : r.lead_name;
        const comment = `Nhiệm vụ ${r.ordinal} (${r.lead_name}, hạn ${r.deadline_text}): ${SAYS[r.kind]} — gửi ${to}`;
        await this.audit.record(m, REMINDER_ACTOR, { requestId: `task-reminder:${r.id}`, clientIp: null, userAgent: null }, {
          action: r.kind === 'overdue' ? 'task-escalate' : 'task-remind',
          documentId: r.document_id,
          subject: r.subject,
          numberSymbol: r.number !== null && r.symbol ? formatNumberSymbol(r.number, r.symbol) : null,
          comment,
        });
        await m.query(`UPDATE task_reminders SET fired_at = $2, outcome = $3 WHERE id = $1`, [r.id, now, `${r.kind === 'overdue' ? 'escalated' : 'reminded'}: ${to}`.slice(0, 500)]);
        return r.kind === 'overdue' ? ('escalated' as const) : ('reminded' as const);
      });
      if (outcome === null) return counts;
      counts[outcome]++;
    }
  }

  /** The people a reminder goes to: the unit holding the task (its head after the deadline), else the agency's leaders. */
  private async toldOf(m: EntityManager, agencyId: string, unitId: string | null, escalated: boolean): Promise<string[]> {
    const rows = (await m.query(
      unitId
        ? `SELECT full_name FROM users WHERE unit_id = $1 AND active AND (NOT $2::boolean OR 'unit-head' = ANY(roles)) ORDER BY full_name`
        : `SELECT DISTINCT u.full_name FROM users u JOIN position_holders h ON h.user_id = u.id JOIN positions p ON p.id = h.position_id
            WHERE p.agency_id = $1 AND p.role IN ('head', 'deputy') AND u.active AND (NOT $2::boolean OR p.role = 'head') ORDER BY u.full_name`,
      [unitId ?? agencyId, escalated],
    )) as Array<{ full_name: string }>;
    return rows.map((u) => u.full_name);
  }
}
