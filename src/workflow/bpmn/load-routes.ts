import fs from 'node:fs/promises';
import path from 'node:path';
import { compileRoute, RouteDefinitionError } from './compile-route.js';
import type { RouteSource } from '../route-versions.js';

/**
 * Compiles every `*.bpmn` file of a folder. A bad file stops the start with its name and element. Parallel blocks
 * compile (compile-route.ts), but documents do not follow them yet: a route with one is refused here, so that no
 * document can start on it.
 */
export async function loadRoutes(dir: string): Promise<RouteSource[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.bpmn')).sort();
  const sources: RouteSource[] = [];
  for (const file of files) {
    const xml = await fs.readFile(path.join(dir, file), 'utf8');
    const route = await compileRoute(xml, file);
    const block = Object.keys(route.blocks)[0];
    if (block) {
      throw new RouteDefinitionError(
        file,
        block,
        'documents cannot follow parallel gateways yet: consult units in parallel with a multi-instance user task',
      );
    }
    const other = sources.find((s) => s.route.id === route.id);
    if (other) throw new RouteDefinitionError(file, route.id, `the process id is also used by ${other.file}`);
    sources.push({ file, xml, route });
  }
  return sources;
}
