import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { assignRequestId } from './common/request-id.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import type { RouteVersion } from './workflow/route-versions.js';
import { WorkflowModule } from './workflow/workflow.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuditModule } from './audit/audit.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { DocumentTasksModule } from './document-tasks/document-tasks.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { SignersModule } from './signers/signers.module.js';
import { RecipientsModule } from './recipients/recipients.module.js';
import { RenderingModule } from './rendering/rendering.module.js';
import { HealthController } from './health.controller.js';
import { Clock, SystemClock } from './common/clock.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** Initialised, migrated data source (see bootstrap.ts). */
  dataSource: DataSource;
  /** Every deployed route version (route-versions.ts). */
  routes: RouteVersion[];
  /** The owner's database URL, for pg-boss's own schema (scheduler.service.ts). */
  ownerDatabaseUrl: string;
  /** What the product reads the time from; tests inject their own. */
  clock?: Clock;
}

@Global()
@Module({})
export class AppModule {
  static forRoot({ config, dataSource, routes, ownerDatabaseUrl, clock }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: config })] }),
        // Structured JSON logs (pino), one line per request with its id, method, path, status and time.
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: assignRequestId,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        WorkflowModule.forRoot(routes, ownerDatabaseUrl),
        AuthModule,
        AuditModule,
        DirectoryModule,
        SignersModule,
        DocumentsModule,
        RecipientsModule,
        RenderingModule,
        DocumentTasksModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock ?? new SystemClock() },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
