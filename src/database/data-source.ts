import { DataSource } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { PreparingClient } from './preparing-client.js';

/** The one DataSource factory: migrations only, never `synchronize`. */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false, // failures surface as exceptions; the HTTP error filter logs 500s
    // Parameterised queries run as prepared statements (see PreparingClient).
    extra: { max: poolSize, application_name: 'congvan', Client: PreparingClient },
  });
}
