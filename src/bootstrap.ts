import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';
import { createDataSource } from './database/data-source.js';
import { prepareDatabase } from './database/prepare-database.js';
import { loadRoutes } from './workflow/bpmn/load-routes.js';

export interface Booted {
  app: INestApplication;
  dataSource: DataSource;
  seeded: boolean;
}

/**
 * Boots the application on a database URL: connect → migrate → seed → compile routes → Nest app.
 * main.ts and the tests both boot through here.
 */
export async function bootApp(config: AppConfig, databaseUrl: string, logger: false | undefined = undefined): Promise<Booted> {
  const routes = await loadRoutes(config.workflowsDir); // fails fast on a bad route file
  const dataSource = createDataSource(databaseUrl, config.dbPoolSize);
  await dataSource.initialize();
  try {
    const { seeded } = await prepareDatabase(dataSource, config);
    const app = await NestFactory.create(AppModule.forRoot({ config, dataSource, routes }), {
      logger: logger === false ? false : ['error', 'warn'],
    });
    configureApp(app);
    return { app, dataSource, seeded };
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
}
