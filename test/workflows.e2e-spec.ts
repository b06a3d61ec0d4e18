import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, createTestDatabase, type TestApp } from './support/test-app.js';
import { act, createDraft, directory, loginAll, type Directory, type Tokens } from './support/factories.js';

const shippedXml = fs.readFileSync(new URL('../workflows/cong-van.bpmn', import.meta.url), 'utf8');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Version 2 of the công văn route: distribution ends with "close" instead of "complete". */
const v2Xml = shippedXml.replace('cv:actions="complete"', 'cv:actions="close"');
let v2Dir: string;
let url: string;
let t: TestApp | undefined;
let tokens: Tokens;
let dir: Directory;

async function boot(env: Record<string, string> = {}) {
  await t?.close();
  t = await createTestApp(url, undefined, env);
  tokens = await loginAll(t);
  dir = await directory(t, tokens);
  return t;
}

/** Takes a document from drafting to distribution. */
async function toDistribution(id: string) {
  for (const [who, action] of [
    ['chuyenvien', 'submit'],
    ['truongphong', 'approve'],
    ['pcvp', 'approve'],
    ['pct', 'sign'],
    ['vanthu', 'issue'],
  ] as const) {
    const res = await act(t!, tokens[who], id, action);
    expect(res.status).toBe(200);
  }
}

beforeAll(async () => {
  expect(v2Xml).not.toBe(shippedXml);
  v2Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-workflows-'));
  fs.writeFileSync(path.join(v2Dir, 'cong-van.bpmn'), v2Xml);
  url = await createTestDatabase('workflows');
  await boot();
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(v2Dir, { recursive: true, force: true });
});

describe('deployed routes', () => {
  it('lists each route with its version and the hash of its XML', async () => {
    const res = await t!.http.get('/api/workflows').set('Authorization', tokens.chuyenvien);
    expect(res.status).toBe(200);
    const congVan = res.body.find((r: { key: string }) => r.key === 'cong-van');
    expect(congVan).toMatchObject({ key: 'cong-van', name: 'Công văn', file: 'cong-van.bpmn', version: 1, hash: sha256(shippedXml) });
    expect(congVan.versions).toEqual([{ version: 1, hash: sha256(shippedXml), deployedAt: expect.any(String) }]);
  });

  it('gives a route as BPMN XML, version and compiled machine', async () => {
    const res = await t!.http.get('/api/workflows/cong-van').set('Authorization', tokens.chuyenvien);
    expect(res.status).toBe(200);
    expect(res.body.xml).toBe(shippedXml);
    expect(res.body.version).toBe(1);
    expect(res.body.machine.id).toBe('cong-van');
    expect(Object.keys(res.body.machine.states)).toEqual(
      expect.arrayContaining(['drafting', 'contentReview', 'formatCheck', 'signing', 'issuing', 'distribution', 'completed', 'withdrawn']),
    );
    expect(res.body.tasks.map((x: { id: string }) => x.id)).toContain('signing');
  });

  it('answers 404 for an unknown route or version, 400 for a version that is not a number', async () => {
    expect((await t!.http.get('/api/workflows/nope').set('Authorization', tokens.chuyenvien)).status).toBe(404);
    expect((await t!.http.get('/api/workflows/cong-van?version=9').set('Authorization', tokens.chuyenvien)).status).toBe(404);
    expect((await t!.http.get('/api/workflows/cong-van?version=x').set('Authorization', tokens.chuyenvien)).status).toBe(400);
  });

  it('names on a document its route, the version it started on and the BPMN element it stands at', async () => {
    const d = await createDraft(t!, tokens, dir);
    const res = await t!.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.chuyenvien);
    expect(res.body.route).toEqual({ key: 'cong-van', name: 'Công văn', version: 1, elementId: 'drafting' });
    await act(t!, tokens.chuyenvien, d.id, 'submit');
    const after = await t!.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.truongphong);
    expect(after.body.route.elementId).toBe('contentReview');
  });

  it('deploys nothing new when the file did not change', async () => {
    await boot();
    const res = await t!.http.get('/api/workflows/cong-van').set('Authorization', tokens.chuyenvien);
    expect(res.body.version).toBe(1);
    expect(res.body.versions).toHaveLength(1);
  });

  it('keeps a document on the version it started on after a changed route is deployed', async () => {
    // Started on version 1, half-way when version 2 is deployed.
    const old = await createDraft(t!, tokens, dir, { subject: 'Bắt đầu trên phiên bản 1' });
    await act(t!, tokens.chuyenvien, old.id, 'submit');

    await boot({ WORKFLOWS_DIR: v2Dir });
    const listed = await t!.http.get('/api/workflows/cong-van').set('Authorization', tokens.chuyenvien);
    expect(listed.body).toMatchObject({ version: 2, hash: sha256(v2Xml), xml: v2Xml });
    expect(listed.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v1 = await t!.http.get('/api/workflows/cong-van?version=1').set('Authorization', tokens.chuyenvien);
    expect(v1.body.xml).toBe(shippedXml);

    // The old document finishes on version 1: its last step ends with "complete".
    for (const [who, action] of [['truongphong', 'approve'], ['pcvp', 'approve'], ['pct', 'sign'], ['vanthu', 'issue']] as const) {
      expect((await act(t!, tokens[who], old.id, action)).status).toBe(200);
    }
    const closeOld = await act(t!, tokens.vanthu, old.id, 'close');
    expect(closeOld.status).toBe(409);
    expect(closeOld.body.details.allowedActions).toEqual(['complete']);
    const done = await act(t!, tokens.vanthu, old.id, 'complete');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'completed', route: { key: 'cong-van', version: 1, elementId: 'completed' } });

    // A new document starts on version 2, whose last step ends with "close".
    const fresh = await createDraft(t!, tokens, dir, { subject: 'Bắt đầu trên phiên bản 2' });
    expect(fresh).toMatchObject({ route: { version: 2 } });
    await toDistribution(fresh.id);
    const completeFresh = await act(t!, tokens.vanthu, fresh.id, 'complete');
    expect(completeFresh.status).toBe(409);
    expect(completeFresh.body.details.allowedActions).toEqual(['close']);
    const closed = await act(t!, tokens.vanthu, fresh.id, 'close');
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'completed', route: { version: 2 } });
  });
});

describe('route assignments (document type, issuer) → route', () => {
  it('lets only an administrator assign, checks the route and the agency, and audits the change', async () => {
    const body = { documentType: 'KH', routeKey: 'cong-van' };
    const refused = await t!.http.put('/api/workflows/assignments').set('Authorization', tokens.chuyenvien).send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ADMIN_ONLY');

    const unknown = await t!.http.put('/api/workflows/assignments').set('Authorization', tokens.admin).send({ ...body, routeKey: 'khong-co' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.fields).toEqual([
      { field: 'routeKey', reason: 'is not a deployed route (deployed: cong-van, ke-hoach, quyet-dinh, to-trinh)' },
    ]);

    const badType = await t!.http.put('/api/workflows/assignments').set('Authorization', tokens.admin).send({ ...body, documentType: 'XX' });
    expect(badType.status).toBe(400);

    const noAgency = await t!.http
      .put('/api/workflows/assignments')
      .set('Authorization', tokens.admin)
      .send({ ...body, issuerAgencyId: '00000000-0000-4000-8000-000000000000' });
    expect(noAgency.status).toBe(400);
    expect(noAgency.body.details.fields[0].field).toBe('issuerAgencyId');
    const defaults = [
      expect.objectContaining({ documentType: 'KH', issuerAgencyId: null, routeKey: 'ke-hoach' }),
      expect.objectContaining({ documentType: 'QĐ', issuerAgencyId: null, routeKey: 'quyet-dinh' }),
      expect.objectContaining({ documentType: 'TTr', issuerAgencyId: null, routeKey: 'to-trinh' }),
    ];
    expect((await t!.http.get('/api/workflows/assignments').set('Authorization', tokens.admin)).body).toEqual(defaults);

    const ok = await t!.http.put('/api/workflows/assignments').set('Authorization', tokens.admin).send(body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ documentType: 'KH', issuerAgencyId: null, routeKey: 'cong-van' });
    const again = await t!.http.put('/api/workflows/assignments').set('Authorization', tokens.admin).send(body);
    expect(again.status).toBe(200);
    const listed = await t!.http.get('/api/workflows/assignments').set('Authorization', tokens.admin);
    expect(listed.body).toEqual([expect.objectContaining({ documentType: 'KH', routeKey: 'cong-van' }), ...defaults.slice(1)]);

    const audit = await t!.http.get('/api/audit?action=route-assign').set('Authorization', tokens.luutru);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(2);
    expect(audit.body.items[0]).toMatchObject({ action: 'route-assign', comment: 'KH → cong-van' });
  });
});
