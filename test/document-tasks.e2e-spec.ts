import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { createTestApp, createTestDatabase, TestClock, type TestApp } from './support/test-app.js';
import { act, createDraft, directory, loginAll, recipient, settleOutbox, signer, toIssuing, type Directory, type Tokens } from './support/factories.js';
import { Scheduler } from '../src/workflow/scheduler.service.js';
import { TaskRemindersService } from '../src/document-tasks/task-reminders.service.js';
import { expectInOrder, pdfText } from './support/pdf-tools.js';

/**
 * Seed 001's ten tasks (test/fixtures/seed-001-tasks.csv, its appendix) given by a kế hoạch of UBND tỉnh: imported,
 * issued, reported by two lead units (Sở Tư pháp on time, Sở Khoa học và Công nghệ late), reminded before, at and
 * after the deadline on two app instances (each reminder once), the reminder letter drafted from the overdue ones,
 * and the report's figures.
 */
const SEED_001 = fs.readFileSync(new URL('./fixtures/seed-001-tasks.csv', import.meta.url));
// Monday 2 June 2025, 09:00 in Vietnam.
const clock = new TestClock(new Date('2025-06-02T02:00:00Z'));
let a: TestApp;
let b: TestApp;
let tokens: Tokens;
let dir: Directory;
let plan: string;

beforeAll(async () => {
  const url = await createTestDatabase('document_tasks');
  a = await createTestApp(url, clock);
  b = await createTestApp(url, clock);
  tokens = await loginAll(a);
  dir = await directory(a, tokens);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
});

const as = (who: keyof Tokens) => ({
  get: (path: string) => a.http.get(path).set('Authorization', tokens[who]),
  post: (path: string, body?: object) => a.http.post(path).set('Authorization', tokens[who]).send(body),
  put: (path: string, body: object) => a.http.put(path).set('Authorization', tokens[who]).send(body),
});

/** Runs the reminders job through pg-boss on both instances at once and waits for both runs. */
async function remindOnBoth() {
  const runs = await Promise.all([a, b].map(async (t) => ({ t, id: await t.app.get(Scheduler).runNow(TaskRemindersService.JOB) })));
  for (const { t, id } of runs) {
    for (let i = 0; ; i++) {
      const state = await t.app.get(Scheduler).stateOf(TaskRemindersService.JOB, id);
      if (state === 'completed') break;
      if (state === 'failed' || i > 300) throw new Error(`the reminders job ended ${state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function assignmentOf(who: keyof Tokens, ordinal: number, lead: string) {
  const list = await as(who).get(`/api/document-tasks?scope=issued&documentId=${plan}`);
  expect(list.status).toBe(200);
  const found = list.body.find((x: { ordinal: number; lead: { name: string } }) => x.ordinal === ordinal && x.lead.name === lead);
  expect(found).toBeDefined();
  return found as { id: string; status: string; outcome: string };
}

describe('tasks assigned by a plan (seed 001)', () => {
  it('imports the appendix, links the units it names, and lets the drafter pick the rest', async () => {
    const draft = await createDraft(a, tokens, dir, {
      type: 'KH',
      subject: 'Triển khai Kế hoạch số 02-KH/BCĐTW của Ban Chỉ đạo Trung ương trên địa bàn tỉnh',
      body: 'Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nhiệm vụ trọng tâm tại phụ lục kèm theo.',
      addressees: ['VPTU', 'SKHCN', 'STP', 'SNNMT', 'STC', 'TTPVHCC', 'UBND-XA-PHUONG'].map((c) => recipient(dir, c)),
      copiesTo: [],
      signerId: signer(dir, 'pct'),
    });
    plan = draft.id;
    const imported = await a.http.post(`/api/documents/${plan}/tasks/import`).set('Authorization', tokens.chuyenvien).attach('file', SEED_001, { filename: 'phu-luc.csv', contentType: 'text/csv' });
    expect(imported.status).toBe(201);
    expect(imported.body.tasks).toHaveLength(10);
    expect(imported.body.unmatched).toEqual([9]);
    const byOrdinal = (n: number) => imported.body.tasks[n - 1];
    expect(byOrdinal(5).leadIds).toEqual(['SNNMT', 'STP', 'STC'].map((c) => recipient(dir, c)));
    expect(byOrdinal(5).leadText).toBe('Sở Nông nghiệp và Môi trường, Sở Tư pháp, Sở Tài chính');
    expect(byOrdinal(3)).toMatchObject({ leadIds: [recipient(dir, 'SKHCN')], deadline: 'Hoàn thành trong tháng 6/2025', dueAt: '2025-06-30T16:59:59.000Z', section: 'I. Về thể chế (03 nhiệm vụ)' });

    // Task 9's lead units ("Cấp uỷ, chính quyền các xã, phường (mới)") are the group of wards and communes.
    const tasks = imported.body.tasks.map((t: Record<string, unknown>) => ({
      section: t.section ?? undefined, content: t.content, leadIds: t.ordinal === 9 ? [recipient(dir, 'UBND-XA-PHUONG')] : t.leadIds,
      leadText: t.leadText, coordinatingIds: t.coordinatingIds, coordinatingText: t.coordinatingText, deadline: t.deadline,
    }));
    const set = await as('chuyenvien').put(`/api/documents/${plan}/tasks`, { tasks });
    expect(set.status).toBe(200);
    expect(set.body[8].leadIds).toEqual([recipient(dir, 'UBND-XA-PHUONG')]);

    // Refused, and nothing changed: an unreadable deadline, an unknown unit, another person than the drafter.
    const bad = await as('chuyenvien').put(`/api/documents/${plan}/tasks`, { tasks: [{ ...tasks[0], deadline: 'sớm nhất có thể' }, { ...tasks[1], leadIds: ['00000000-0000-4000-8000-000000000000'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['tasks.0.deadline', 'tasks.1.leadIds.0']);
    expect((await as('truongphong').put(`/api/documents/${plan}/tasks`, { tasks })).status).toBe(403);
    expect((await as('chuyenvien').get(`/api/documents/${plan}/tasks`)).body).toHaveLength(10);
  });

  it('prints the table as the appendix of the official page and its PDF', async () => {
    const view = await as('chuyenvien').get(`/api/documents/${plan}`);
    const appendix = view.body.page.appendix;
    expect(appendix.heading).toEqual(['PHỤ LỤC', 'DANH MỤC NHIỆM VỤ']);
    expect(appendix.reference).toBe('(Kèm theo Kế hoạch số            /KH-UBND ngày      /6/2025 của Ủy ban nhân dân tỉnh Thanh Hóa)');
    expect(appendix.columns).toEqual(['TT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành']);
    expect(appendix.rows).toHaveLength(13);
    expect(appendix.rows[0]).toEqual({ kind: 'section', numeral: 'I', text: 'Về thể chế (03 nhiệm vụ)' });
    expect(appendix.rows[5].cells).toEqual(['4', expect.stringMatching(/^Rà soát, cập nhật, chỉnh sửa thông tin dữ liệu hộ tịch/), 'Sở Tư pháp', 'Công an tỉnh; UBND cấp xã', 'Hoàn thành trong tháng 6/2025']);
    const pdf = await as('chuyenvien').get(`/api/documents/${plan}/pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    fs.mkdirSync(new URL('../test-artifacts/pdf/', import.meta.url), { recursive: true });
    fs.writeFileSync(new URL('../test-artifacts/pdf/plan-with-appendix.pdf', import.meta.url), pdf.body as Buffer);
    const lines = pdfText(pdf.body as Buffer);
    expectInOrder(lines, [
      'KẾ HOẠCH',
      'PHỤ LỤC',
      'DANH MỤC NHIỆM VỤ',
      '(Kèm theo Kế hoạch số /KH-UBND ngày /6/2025 của Ủy ban nhân dân tỉnh Thanh',
      'TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian',
      'I Về thể chế (03 nhiệm vụ)',
      '1 Thành lập Tổ Công tác liên ngành Văn phòng Tỉnh ủy Công an tỉnh, Sở Hoàn thành',
      '4 Rà soát, cập nhật, chỉnh sửa thông tin Sở Tư pháp Công an tỉnh; Hoàn thành',
    ]);
  });

  it('gives each task to its lead units at issue: 13 assignments, a group standing for its members', async () => {
    await toIssuing(a, tokens, plan);
    const issued = await act(a, tokens.vanthu, plan, 'issue');
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ number: '01', symbol: 'KH-UBND' });
    // The table cannot change once issued.
    expect((await as('chuyenvien').put(`/api/documents/${plan}/tasks`, { tasks: [] })).status).toBe(409);
    const all = (await as('chuyenvien').get(`/api/document-tasks?scope=issued&documentId=${plan}`)).body as Array<{ ordinal: number; lead: { name: string } }>;
    expect(all).toHaveLength(13);
    expect(all.filter((x) => x.ordinal === 9).map((x) => x.lead.name).sort()).toEqual(['UBND phường Hạc Thành', 'UBND xã Đông Tiến']);
    expect(all.filter((x) => x.ordinal === 5).map((x) => x.lead.name).sort()).toEqual(['Sở Nông nghiệp và Môi trường', 'Sở Tài chính', 'Sở Tư pháp']);
    // The coordinating units see the tasks they work on with others: Sở KH&CN coordinates tasks 1 and 9.
    const coordinated = (await as('gdskhcn').get('/api/document-tasks?scope=coordinating')).body as Array<{ ordinal: number }>;
    expect([...new Set(coordinated.map((x) => x.ordinal))]).toEqual([1, 9]);
    // Each scope, for Sở Tư pháp's director: its two tasks (4 and 5), whether handed to a unit or not.
    const scopes: Record<string, number[]> = {};
    for (const scope of ['unit', 'agency', 'issued', 'coordinating']) {
      const res = await as('gdstp').get(`/api/document-tasks?scope=${scope}`);
      expect(res.status).toBe(200);
      scopes[scope] = res.body.map((x: { ordinal: number }) => x.ordinal).sort();
    }
    expect(scopes).toEqual({ unit: [4, 5], agency: [4, 5], issued: [], coordinating: [] });
  });

  it('lets Sở Tư pháp hand its task to a unit whose head reports it done on time, with evidence; the issuer accepts', async () => {
    const task4 = await assignmentOf('chuyenvien', 4, 'Sở Tư pháp');
    // Seen by the lead agency's people; not by another agency's unit head.
    expect((await as('tpcds').get(`/api/document-tasks/${task4.id}`)).status).toBe(404);
    expect((await as('tpxdkt').post(`/api/document-tasks/${task4.id}/unit`, { unitId: (await a.owner(`SELECT id FROM units WHERE code = 'XDKTVB'`))[0].id })).status).toBe(403);
    const [xdkt] = await a.owner(`SELECT u.id FROM units u JOIN agencies ag ON ag.id = u.agency_id WHERE u.code = 'XDKTVB' AND ag.code = 'STP'`);
    const handed = await as('gdstp').post(`/api/document-tasks/${task4.id}/unit`, { unitId: xdkt.id });
    expect(handed.status).toBe(201);
    expect(handed.body.unit).toMatchObject({ name: 'Phòng Xây dựng và Kiểm tra văn bản' });
    const mine = (await as('tpxdkt').get('/api/document-tasks')).body as Array<{ id: string; ordinal: number }>;
    expect(mine.map((x) => x.ordinal)).toContain(4);
    // The plan reaches Sở Tư pháp's incoming desk: registered, then assigned to Phòng Hành chính tư pháp, which takes
    // the tasks no unit holds yet (task 5); task 4 stays with the unit it was handed to.
    await settleOutbox(a);
    const [incoming] = (await as('vtstp').get('/api/incoming')).body.filter((x: { subject: string }) => x.subject.startsWith('Triển khai Kế hoạch số 02-KH/BCĐTW'));
    expect((await as('vtstp').post(`/api/incoming/${incoming.id}/register`)).status).toBe(200);
    const [hctp] = await a.owner(`SELECT u.id FROM units u JOIN agencies ag ON ag.id = u.agency_id WHERE u.code = 'HCTP' AND ag.code = 'STP'`);
    expect((await as('gdstp').post(`/api/incoming/${incoming.id}/assign`, { leadUnitId: hctp.id })).status).toBe(200);
    const units = (await as('gdstp').get('/api/document-tasks?scope=agency')).body as Array<{ ordinal: number; unit: { name: string } | null }>;
    expect(units.map((x) => [x.ordinal, x.unit?.name]).sort()).toEqual([[4, 'Phòng Xây dựng và Kiểm tra văn bản'], [5, 'Phòng Hành chính tư pháp']]);

    clock.set('2025-06-16T03:00:00Z');
    const progress = await as('tpxdkt').post(`/api/document-tasks/${task4.id}/reports`, { kind: 'progress', text: 'Đã rà soát 60% dữ liệu hộ tịch sai lệch.' });
    expect(progress.status).toBe(201);
    expect(progress.body).toMatchObject({ status: 'in-progress', outcome: 'in-progress' });
    clock.set('2025-06-25T03:00:00Z');
    const done = await a.http
      .post(`/api/document-tasks/${task4.id}/reports`)
      .set('Authorization', tokens.tpxdkt)
      .field('kind', 'completion')
      .field('text', 'Đã cập nhật, chỉnh sửa 12.480 trường hợp sai lệch; kết nối CSDL hộ tịch với CSDL quốc gia về dân cư.')
      .attach('files', Buffer.from('%PDF-1.7\nbao cao'), { filename: 'bao-cao-ket-qua.pdf', contentType: 'application/pdf' });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ status: 'submitted', outcome: 'in-progress' });
    expect(done.body.reports[1].files).toMatchObject([{ name: 'bao-cao-ket-qua.pdf' }]);
    // Another report while the decision is pending: 409 with what may happen.
    const again = await as('tpxdkt').post(`/api/document-tasks/${task4.id}/reports`, { kind: 'progress', text: 'Thêm' });
    expect(again.status).toBe(409);
    expect(again.body.details).toMatchObject({ status: 'submitted', allowedActions: ['review'] });
    // Only the issuer's side decides.
    expect((await as('tpxdkt').post(`/api/document-tasks/${task4.id}/review`, { decision: 'accept' })).status).toBe(403);
    expect((await as('chuyenvien').post(`/api/document-tasks/${task4.id}/review`, { decision: 'return' })).status).toBe(400);
    const accepted = await as('chuyenvien').post(`/api/document-tasks/${task4.id}/review`, { decision: 'accept' });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'done', outcome: 'done-on-time' });
  });

  it('reminds before and at the deadline, and escalates after it, each once though both instances run the job twice', async () => {
    clock.set('2025-06-28T03:00:00Z'); // after "3 days before" (27/6 23:59:59)
    await remindOnBoth();
    await remindOnBoth();
    const before = await a.owner(
      `SELECT x.kind, x.outcome, (SELECT count(*)::int FROM audit_entries e WHERE e.request_id = 'task-reminder:' || x.id) AS entries
         FROM task_reminders x JOIN task_assignments ta ON ta.id = x.assignment_id WHERE ta.document_id = $1 AND x.fired_at IS NOT NULL`,
      [plan],
    );
    expect(before.filter((r: { kind: string }) => r.kind === 'before')).toHaveLength(13);
    expect(before.filter((r: { outcome: string }) => r.outcome === 'obsolete')).toHaveLength(1); // Sở Tư pháp's task 4, done
    for (const r of before) expect(r.entries).toBe(r.outcome === 'obsolete' ? 0 : 1);

    clock.set('2025-07-02T03:00:00Z'); // after the deadline (30/6 23:59:59) + 24 h
    await remindOnBoth();
    await remindOnBoth();
    const fired = await a.owner(
      `SELECT x.kind, x.outcome, (SELECT count(*)::int FROM audit_entries e WHERE e.request_id = 'task-reminder:' || x.id) AS entries
         FROM task_reminders x JOIN task_assignments ta ON ta.id = x.assignment_id WHERE ta.document_id = $1`,
      [plan],
    );
    expect(fired).toHaveLength(39);
    for (const r of fired) expect(r.entries).toBe(r.outcome === 'obsolete' ? 0 : 1);
    const escalated = fired.filter((r: { kind: string; outcome: string }) => r.kind === 'overdue' && r.outcome.startsWith('escalated'));
    expect(escalated).toHaveLength(12);
    // Escalated to the head: Sở KH&CN's task 3 is held by no unit yet, so its director is told.
    const history = (await as('chuyenvien').get(`/api/documents/${plan}/history`)).body as Array<{ action: string; comment: string }>;
    expect(history.filter((h) => h.action === 'task-escalate').map((h) => h.comment)).toContainEqual(
      'Nhiệm vụ 3 (Sở Khoa học và Công nghệ, hạn Hoàn thành trong tháng 6/2025): quá hạn, báo cáo thủ trưởng đơn vị — gửi Lê Quang Huy',
    );
  });

  it('counts a result reported after the deadline as done late', async () => {
    const task3 = await assignmentOf('chuyenvien', 3, 'Sở Khoa học và Công nghệ');
    clock.set('2025-07-03T03:00:00Z');
    const late = await as('tpcds').post(`/api/document-tasks/${task3.id}/reports`, { kind: 'completion', text: 'Đã ban hành Quy chế tạm thời vận hành các hệ thống thông tin dùng chung.' });
    expect({ status: late.status, body: late.body }).toMatchObject({ status: 201 });
    expect(late.body.outcome).toBe('overdue');
    const accepted = await as('truongphong').post(`/api/document-tasks/${task3.id}/review`, { decision: 'accept' });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'done', outcome: 'done-late' });
  });

  it('drafts the reminder letter listing the overdue tasks, which follows its own route and gives no new task', async () => {
    // Only the issuing agency reminds of its tasks; nobody else even sees the plan.
    expect((await as('gdstp').post(`/api/documents/${plan}/reminder-letter`, {})).status).toBe(404);
    expect((await as('chuyenvien').post(`/api/documents/${plan}/reminder-letter`, { reportBy: '8/7/2025' })).status).toBe(400);
    const letter = await as('chuyenvien').post(`/api/documents/${plan}/reminder-letter`, { reportBy: '2025-07-08' });
    expect(letter.status).toBe(201);
    expect(letter.body).toMatchObject({
      type: 'CV',
      state: 'drafting',
      subject: 'đôn đốc thực hiện các nhiệm vụ được giao tại Kế hoạch số 01/KH-UBND ngày 02/6/2025 của Ủy ban nhân dân tỉnh Thanh Hóa',
    });
    expect(letter.body.body).toContain('còn 08 nhiệm vụ đã quá thời hạn hoàn thành');
    expect(letter.body.body).toContain('trước ngày 8/7/2025');
    const table = (await as('chuyenvien').get(`/api/documents/${letter.body.id}/tasks`)).body as Array<{ ordinal: number; content: string; leadText: string; sourceTaskId: string }>;
    const planTable = (await as('chuyenvien').get(`/api/documents/${plan}/tasks`)).body as Array<{ id: string; ordinal: number; content: string }>;
    expect(table.map((t) => t.content)).toEqual([1, 2, 5, 6, 7, 8, 9, 10].map((n) => planTable[n - 1].content));
    expect(table.map((t) => t.sourceTaskId)).toEqual([1, 2, 5, 6, 7, 8, 9, 10].map((n) => planTable[n - 1].id));
    expect(table[2].leadText).toBe('Sở Nông nghiệp và Môi trường, Sở Tài chính, Sở Tư pháp');
    await toIssuing(a, tokens, letter.body.id);
    expect((await act(a, tokens.vanthu, letter.body.id, 'issue')).status).toBe(200);
    const [{ n }] = await a.owner(`SELECT count(*)::int AS n FROM task_assignments WHERE document_id = $1`, [letter.body.id]);
    expect(n).toBe(0);
    // Nothing overdue, nothing to remind of.
    expect((await as('chuyenvien').post(`/api/documents/${letter.body.id}/reminder-letter`, {})).status).toBe(409);
  });

  it('reports per document and per unit: done on time, done late, overdue, in progress, as JSON, CSV and PDF', async () => {
    const report = await as('chuyenvien').get(`/api/document-tasks/report?documentId=${plan}`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({ total: 13, 'done-on-time': 1, 'done-late': 1, overdue: 11, 'in-progress': 0 });
    const unit = (name: string) => report.body.byUnit.find((u: { lead: { name: string } }) => u.lead.name === name);
    expect(unit('Sở Tư pháp')).toMatchObject({ total: 2, 'done-on-time': 1, overdue: 1 });
    expect(unit('Sở Khoa học và Công nghệ')).toMatchObject({ total: 1, 'done-late': 1 });
    expect(unit('Trung tâm Phục vụ hành chính công tỉnh')).toMatchObject({ total: 4, overdue: 4 });
    // A period without a deadline in it.
    expect((await as('chuyenvien').get('/api/document-tasks/report?from=2025-07-01&to=2025-07-31')).body.totals.total).toBe(0);
    expect((await as('chuyenvien').get('/api/document-tasks/report?from=2025-06')).status).toBe(400);
    const csv = await as('chuyenvien').get(`/api/document-tasks/report.csv?documentId=${plan}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Theo,Văn bản / Đơn vị chủ trì,Tổng số,Hoàn thành đúng hạn,Hoàn thành quá hạn,Quá hạn chưa hoàn thành,Đang thực hiện');
    expect(lines).toContain('Đơn vị,Sở Tư pháp,2,1,0,1,0');
    expect(lines[lines.length - 1]).toBe('Tổng cộng,,13,1,1,11,0');
    const pdf = await as('chuyenvien').get(`/api/document-tasks/report.pdf?documentId=${plan}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Kept for a look: test-artifacts/pdf/task-report.pdf.
    const artifacts = new URL('../test-artifacts/pdf/', import.meta.url);
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(new URL('task-report.pdf', artifacts), pdf.body as Buffer);
    const text = pdfText(pdf.body as Buffer);
    expectInOrder(text, [
      'ỦY BAN NHÂN DÂN TỈNH THANH HÓA',
      'BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ',
      'Tổng số: 13 nhiệm vụ. Hoàn thành đúng hạn: 1; Hoàn thành quá hạn: 1; Quá hạn chưa hoàn',
      'Trung tâm Phục vụ hành chính… 4',
      'Theo đơn vị chủ trì',
      'Sở Tư pháp 2 1 0 1 0',
      'Tổng cộng 13 1 1 11 0',
      'Theo văn bản giao nhiệm vụ',
      'Số 01/KH-UBND',
    ]);
    // Sở Tư pháp sees the figures of its own tasks only.
    expect((await as('gdstp').get('/api/document-tasks/report')).body.totals.total).toBe(2);
  });
});
