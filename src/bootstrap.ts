import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';
import { createDataSource } from './database/data-source.js';
import { prepareDatabase } from './database/prepare-database.js';
import { appRoleUrl } from './database/app-role.js';
import type { Clock } from './common/clock.js';
import { loadRoutes } from './workflow/bpmn/load-routes.js';
import type { RouteVersion } from './workflow/route-versions.js';

export interface Booted {
  app: INestApplication;
  /** The application's data source, connected as the application role. */
  dataSource: DataSource;
  /** The URL the application connects with (the application role). */
  appDatabaseUrl: string;
  seeded: boolean;
}

/**
 * Boots the application on the owner's database URL: compile routes → migrate, deploy route versions and seed as the owner →
 * connect as the application role → Nest app. main.ts and the tests both boot through here.
 */
export async function bootApp(
  config: AppConfig,
  databaseUrl: string,
  logger: false | undefined = undefined,
  clock?: Clock,
): Promise<Booted> {
  const sources = await loadRoutes(config.workflowsDir); // fails fast on a bad route file
  const owner = createDataSource(databaseUrl, 2);
  await owner.initialize();
  let seeded: boolean;
  let routes: RouteVersion[];
  try {
    ({ seeded, routes } = await prepareDatabase(owner, {
      ...config,
      routes: sources,
      appRolePassword: config.databaseAppUrl ? undefined : config.databaseAppPassword,
    }));
  } finally {
    await owner.destroy();
  }
  const appDatabaseUrl = config.databaseAppUrl ?? appRoleUrl(databaseUrl, config.databaseAppPassword);
  const dataSource = createDataSource(appDatabaseUrl, config.dbPoolSize);
  await dataSource.initialize();
  try {
    const app = await NestFactory.create(AppModule.forRoot({ config, dataSource, routes, ownerDatabaseUrl: databaseUrl, clock }), {
      logger: logger === false ? false : undefined,
      bufferLogs: logger !== false,
    });
    // Nest's own messages go through pino too, as JSON lines (LOG_LEVEL).
    if (logger !== false) app.useLogger(app.get(Logger));
    configureApp(app, config.webDir, config.corsOrigins);
    return { app, dataSource, appDatabaseUrl, seeded };
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
}
