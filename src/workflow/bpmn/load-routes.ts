import fs from 'node:fs/promises';
import path from 'node:path';
import { compileRoute, RouteDefinitionError, type CompiledRoute } from './compile-route.js';

/** Compiles every `*.bpmn` file of a folder, keyed by process id. A bad file stops the start with its name and element. */
export async function loadRoutes(dir: string): Promise<Map<string, CompiledRoute>> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.bpmn')).sort();
  const routes = new Map<string, CompiledRoute>();
  for (const file of files) {
    const route = await compileRoute(await fs.readFile(path.join(dir, file), 'utf8'), file);
    const other = routes.get(route.id);
    if (other) throw new RouteDefinitionError(file, route.id, `the process id is also used by ${other.file}`);
    routes.set(route.id, route);
  }
  return routes;
}
