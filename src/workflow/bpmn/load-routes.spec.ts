import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRoutes } from './load-routes.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-routes-'));
  dirs.push(dir);
  for (const [name, xml] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), xml);
  return dir;
}

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:cv="https://congvan.vn/schema/bpmn"`;
const route = (id: string, body: string) =>
  `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="${id}">${body}</bpmn:process></bpmn:definitions>`;
const linear = `<bpmn:startEvent id="s" /><bpmn:userTask id="drafting" cv:phase="drafting" cv:candidates="drafter" cv:actions="submit" />
  <bpmn:endEvent id="done" cv:phase="completed" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="drafting" />
  <bpmn:sequenceFlow id="f2" sourceRef="drafting" targetRef="done" />`;
const parallel = `<bpmn:startEvent id="s" /><bpmn:userTask id="drafting" cv:phase="drafting" cv:candidates="drafter" cv:actions="submit" />
  <bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" />
  <bpmn:userTask id="a" cv:phase="review" cv:candidates="signer" cv:actions="approve" />
  <bpmn:userTask id="b" cv:phase="review" cv:candidates="signer" cv:actions="approve" />
  <bpmn:endEvent id="done" cv:phase="completed" />
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="drafting" /><bpmn:sequenceFlow id="f2" sourceRef="drafting" targetRef="fork" />
  <bpmn:sequenceFlow id="fa" sourceRef="fork" targetRef="a" /><bpmn:sequenceFlow id="fb" sourceRef="fork" targetRef="b" />
  <bpmn:sequenceFlow id="ja" sourceRef="a" targetRef="join" /><bpmn:sequenceFlow id="jb" sourceRef="b" targetRef="join" />
  <bpmn:sequenceFlow id="f3" sourceRef="join" targetRef="done" />`;

describe('loading the workflows folder', () => {
  it('compiles every .bpmn file, in name order, keeping its XML', async () => {
    const dir = folder({ 'b.bpmn': route('b-route', linear), 'a.bpmn': route('a-route', linear), 'notes.txt': 'x' });
    const sources = await loadRoutes(dir);
    expect(sources.map((s) => [s.file, s.route.id])).toEqual([['a.bpmn', 'a-route'], ['b.bpmn', 'b-route']]);
    expect(sources[0].xml).toBe(route('a-route', linear));
  });

  it('refuses two files with one process id, naming both', async () => {
    const dir = folder({ 'a.bpmn': route('same', linear), 'b.bpmn': route('same', linear) });
    await expect(loadRoutes(dir)).rejects.toThrow('b.bpmn: element "same": the process id is also used by a.bpmn');
  });

  it('refuses a route with a parallel block, which documents cannot follow yet', async () => {
    const dir = folder({ 'p.bpmn': route('p', parallel) });
    await expect(loadRoutes(dir)).rejects.toThrow(
      'p.bpmn: element "fork": documents cannot follow parallel gateways yet: consult units in parallel with a multi-instance user task',
    );
  });
});
