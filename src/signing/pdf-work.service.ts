import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Piscina } from 'piscina';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { OfficialPage } from '../rendering/compose-page.js';
import type { PdfBlanks, PdfInfo } from '../rendering/render-pdf.js';
import type { IssuedFacts } from './issued-page.js';
import type { TaskFiguresReport } from '../document-tasks/task-figures-pdf.js';
import * as inProcess from './pdf-worker.js';

const WORKER = new URL('./pdf-worker.js', import.meta.url);
const asBuffer = (u: Uint8Array) => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

/**
 * Where PDF work runs: in PDF_THREADS worker threads (piscina; started on first use, stopped when idle), so that a
 * page being laid out or signed (hundreds of milliseconds of CPU) never holds up the requests of others; or, with
 * PDF_THREADS=0 or when running from the TypeScript sources (the tests), in this thread.
 */
@Injectable()
export class PdfWorkService implements OnModuleDestroy {
  private readonly log = new Logger(PdfWorkService.name);
  private pool: Promise<Piscina> | null = null;
  private readonly threads: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.threads = fs.existsSync(fileURLToPath(WORKER)) ? config.pdfThreads : 0;
  }

  private run<T>(name: keyof typeof inProcess, arg: unknown): Promise<T> {
    if (this.threads === 0) return (inProcess[name] as (a: unknown) => Promise<T>)(arg);
    this.pool ??= import('piscina').then(({ Piscina: Pool }) => {
      this.log.log(`PDF work in up to ${this.threads} worker thread(s)`);
      return new Pool({
        filename: WORKER.href,
        minThreads: 0,
        maxThreads: this.threads,
        idleTimeout: 30_000,
        // A page and its fonts take a few MiB: a small heap, collected often, keeps the server's memory down.
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
      });
    });
    return this.pool.then((p) => p.run(arg, { name }) as Promise<T>);
  }

  async render(page: OfficialPage, info: PdfInfo): Promise<Buffer> {
    return asBuffer(await this.run<Uint8Array>('render', { page, info }));
  }

  async renderWithBlanks(page: OfficialPage, info: PdfInfo): Promise<{ pdf: Buffer; blanks: PdfBlanks }> {
    const r = await this.run<{ pdf: Uint8Array; blanks: PdfBlanks }>('renderWithBlanks', { page, info });
    return { pdf: asBuffer(r.pdf), blanks: r.blanks };
  }

  async sign(pdf: Buffer, p12: Buffer, passphrase: string, what: inProcess.SignArgs['what']): Promise<Buffer> {
    return asBuffer(await this.run<Uint8Array>('sign', { pdf, p12, passphrase, what }));
  }

  async complete(signed: Buffer, blanks: PdfBlanks, facts: IssuedFacts): Promise<Buffer> {
    return asBuffer(await this.run<Uint8Array>('complete', { signed, blanks, facts }));
  }

  async stamp(pdf: Buffer, numberSymbol: string, at: Date): Promise<Buffer> {
    return asBuffer(await this.run<Uint8Array>('stamp', { pdf, numberSymbol, at }));
  }

  async taskFigures(report: TaskFiguresReport): Promise<Buffer> {
    return asBuffer(await this.run<Uint8Array>('taskFigures', report));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.pool) await (await this.pool).destroy();
  }
}
