import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** The owner's database URL: pg-boss keeps its own schema (pgboss), which the application role may not create. */
export const SCHEDULER_DATABASE_URL = Symbol('SCHEDULER_DATABASE_URL');

type Handler = () => Promise<unknown>;

/**
 * Durable periodic jobs on pg-boss (PostgreSQL-backed): each registered job runs on its cron on exactly one instance
 * however many run, survives restarts, and can be run at once with `runNow`. Handlers must be idempotent and take their
 * own row locks (pg-boss may retry a job that failed).
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly jobs = new Map<string, { cron: string; handler: Handler; runAtStart: boolean }>();
  private boss: PgBoss | undefined;
  /** Handlers running now, and when one last ended: shutdown waits for pg-boss's worker loops to see them end. */
  private running = 0;
  private lastEnded = 0;

  constructor(
    @Inject(SCHEDULER_DATABASE_URL) private readonly databaseUrl: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Registers a periodic job (before the application starts). Queue names: letters, digits, "_" and "-".
   * `runAtStart`: also queue one run as the instance starts (what a crash left undone is not left for the cron).
   */
  every(name: string, cron: string, handler: Handler, options: { runAtStart?: boolean } = {}): void {
    if (this.boss) throw new Error(`register the job "${name}" before the application starts`);
    this.jobs.set(name, { cron, handler, runAtStart: options.runAtStart ?? false });
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = new PgBoss({ connectionString: this.databaseUrl, max: 3, application_name: 'congvan-scheduler' });
    boss.on('error', (err) => this.logger.error(`pg-boss: ${err.message}`));
    // Instances starting together would create the same queues at once, and PostgreSQL finds a deadlock between
    // them (seen with two processes, test/instances): pg-boss's setup goes one instance at a time.
    await this.oneAtATime(async () => {
      await boss.start();
      for (const [name, job] of this.jobs) {
        await boss.createQueue(name, { name, retryLimit: 3, retryDelay: 30, expireInSeconds: 600 });
        await boss.schedule(name, job.cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
      }
    });
    this.boss = boss;
    for (const [name, job] of this.jobs) {
      await boss.work(name, { pollingIntervalSeconds: 2 }, async () => {
        this.running++;
        try {
          await job.handler();
        } finally {
          this.running--;
          this.lastEnded = Date.now();
        }
      });
      if (job.runAtStart) await boss.send(name, {});
    }
  }

  /** Runs `setup` holding a session advisory lock on the database, on a connection of its own. */
  private async oneAtATime(setup: () => Promise<void>): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'congvan-scheduler-setup' });
    await client.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext('congvan:scheduler-setup'))`);
      await setup();
    } finally {
      await client.end(); // the lock goes with the session
    }
  }

  /** Queues one run of a registered job now: some instance's worker takes it, once. Returns the job id. */
  async runNow(name: string): Promise<string> {
    if (!this.boss || !this.jobs.has(name)) throw new Error(`no job "${name}" is running`);
    const id = await this.boss.send(name, {});
    if (!id) throw new Error(`pg-boss did not queue "${name}"`);
    return id;
  }

  /**
   * Queues one run of a registered job soon, debounced across instances: the first call of a `seconds` slot queues a
   * run now, later ones one run at the next slot, the rest nothing (a run is coming anyway). For bursts (one per issue).
   */
  async runSoon(name: string, seconds: number): Promise<void> {
    if (!this.boss || !this.jobs.has(name)) throw new Error(`no job "${name}" is running`);
    await this.boss.sendDebounced(name, {}, {}, seconds, name);
  }

  /** The state of a job run (created, active, completed, failed …), for tests and operators. */
  async stateOf(name: string, id: string): Promise<string | undefined> {
    return (await this.boss?.getJobById(name, id))?.state;
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    // pg-boss resolves stop() while the loop that retires a worker still polls once a second until the worker's last
    // job has ended (manager.offWork). After a job that ran at the stop, give it that second: nothing of pg-boss runs
    // on past the shutdown (under Jest, it failed the next test file: a require after the environment was torn down).
    if (this.running > 0 || Date.now() - this.lastEnded < 1_100) await new Promise((r) => setTimeout(r, 1_100));
  }
}
