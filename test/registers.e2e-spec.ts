import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { createTestApp, login, TestClock, type TestApp } from './support/test-app.js';
import { act, congVanBody, createDraft, directory, loginAll, toIssuing, type Directory, type Tokens, useDemoApp } from './support/factories.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

const ids: Record<string, string> = {};
beforeAll(async () => {
  for (const r of await t.dataSource.query(`SELECT id, username FROM users`)) ids[r.username] = r.id;
});

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

async function readyToIssue(overrides: Record<string, unknown> = {}, signer: keyof Tokens = 'pct') {
  const d = await createDraft(t, tokens, dir, overrides);
  for (const [who, action] of [
    ['chuyenvien', 'submit'],
    ['truongphong', 'approve'],
    ['pcvp', 'approve'],
    [signer, 'sign'],
  ] as const) {
    const res = await act(t, tokens[who], d.id, action);
    if (res.status !== 200) throw new Error(`${who} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return d.id as string;
}

const issue = async (id: string) => {
  const res = await act(t, tokens.vanthu, id, 'issue');
  if (res.status !== 200) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('number series', () => {
  it('200 documents issued concurrently on one series get exactly 01 … 200', async () => {
    const docs = await inBatches(Array.from({ length: 200 }, (_, i) => i), 10, (i) => readyToIssue({ subject: `Công văn thử số ${i}` }));
    const issued = await Promise.all(docs.map(issue));
    const numbers = issued.map((d) => d.number).sort();
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => String(i + 1).padStart(Math.max(2, String(i + 1).length), '0')).sort());
    expect(new Set(issued.map((d) => d.numberSymbol)).size).toBe(200);
    expect(issued.every((d) => d.symbol === 'UBND-CNTT')).toBe(true);
  });

  it('runs each series on its own: per type, confidential, legal normative, an advisory body', async () => {
    const kh1 = await issue(await readyToIssue({ type: 'KH' }));
    const secret = await issue(await readyToIssue({ confidentiality: 'mat' }));
    const kh2 = await issue(await readyToIssue({ type: 'KH' }));
    const cv = await issue(await readyToIssue({}));
    const legal = await issue(await readyToIssue({ type: 'QĐ', legalNormative: true, signerId: ids.chutich }, 'chutich'));
    expect([kh1.numberSymbol, kh2.numberSymbol]).toEqual(['01/KH-UBND', '02/KH-UBND']);
    expect(secret.numberSymbol).toBe('01/UBND-CNTT');
    expect(cv.numberSymbol).toBe('201/UBND-CNTT');
    const year = new Date(legal.issuedAt).getUTCFullYear();
    expect(legal.numberSymbol).toMatch(new RegExp(`^01/(${year}|${year + 1})/QĐ-UBND$`));
    // The Tổ Giúp việc issues under its own series, CV-TGV (seed 001).
    const [cvtgv, pttgv, gdskhcn] = await Promise.all(['cvtgv', 'pttgv', 'gdskhcn'].map((u) => login(t, u)));
    const tgv = await t.http.post('/api/documents').set('Authorization', cvtgv).send({
      type: 'CV', subject: 'Đôn đốc thực hiện các nhiệm vụ', addressees: [dir.recipients[0].id], signerId: ids.gdskhcn,
    });
    for (const [token, action] of [[cvtgv, 'submit'], [pttgv, 'approve'], [pttgv, 'approve'], [gdskhcn, 'sign'], [pttgv, 'issue']] as const) {
      expect((await act(t, token, tgv.body.id, action)).status).toBe(200);
    }
    const issuedTgv = (await t.http.get(`/api/documents/${tgv.body.id}`).set('Authorization', pttgv)).body;
    expect(issuedTgv.numberSymbol).toBe('01/CV-TGV');
  });

  it('puts urgent documents first in the clerk’s queue', async () => {
    const normal = await readyToIssue({ subject: 'Thường' });
    const khan = await readyToIssue({ urgency: 'khan' });
    const hoaToc = await readyToIssue({ urgency: 'hoa-toc' });
    const thuongKhan = await readyToIssue({ urgency: 'thuong-khan' });
    const queue = await t.http.get('/api/documents?box=inbox&state=issuing&limit=100').set('Authorization', tokens.vanthu);
    const order = queue.body.items.map((d: { id: string }) => d.id).filter((id: string) => [normal, khan, hoaToc, thuongKhan].includes(id));
    expect(order).toEqual([hoaToc, thuongKhan, khan, normal]);
    await Promise.all([normal, khan, hoaToc, thuongKhan].map(issue));
  });
});

describe('corrections and replacements', () => {
  it('links a correction and a replacement to the issued document, both ways', async () => {
    const original = await issue(await readyToIssue({ subject: 'Văn bản gốc' }));
    const draft = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, { subject: 'Đính chính Công văn', corrects: original.id }));
    expect(draft.status).toBe(201);
    expect(draft.body.corrects).toMatchObject({ id: original.id, numberSymbol: original.numberSymbol });
    const replacement = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, { subject: 'Thay thế', replaces: original.id }));
    expect(replacement.status).toBe(201);
    const seen = (await t.http.get(`/api/documents/${original.id}`).set('Authorization', tokens.chuyenvien)).body;
    expect(seen.correctedBy.map((x: { id: string }) => x.id)).toEqual([draft.body.id]);
    expect(seen.replacedBy.map((x: { id: string }) => x.id)).toEqual([replacement.body.id]);
    // Only an issued document is corrected; a correction is a công văn; a replacement has the same type.
    const notIssued = await createDraft(t, tokens, dir);
    const bad = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, { corrects: notIssued.id }));
    expect({ status: bad.status, field: bad.body.details.fields[0].field }).toEqual({ status: 400, field: 'corrects' });
    const badType = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, { type: 'KH', corrects: original.id }));
    expect({ status: badType.status, field: badType.body.details.fields[0].field }).toEqual({ status: 400, field: 'type' });
    const badReplace = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, { type: 'TB', replaces: original.id }));
    expect({ status: badReplace.status, field: badReplace.body.details.fields[0].field }).toEqual({ status: 400, field: 'type' });
  });
});

describe('the outgoing register book', () => {
  it('lists every issued document with its ten columns, as JSON, CSV and a printable book', async () => {
    const registers = await t.http.get('/api/registers').set('Authorization', tokens.vanthu);
    expect(registers.status).toBe(200);
    const cvRegister = registers.body.find((r: { series: string; entries: number }) => r.series === 'type:CV');
    expect(cvRegister.name).toMatch(/^Sổ đăng ký công văn đi năm \d{4}$/);
    const issuedCount = (await t.dataSource.query(`SELECT count(*)::int AS n FROM documents WHERE register_id = $1`, [cvRegister.id]))[0].n;
    expect(cvRegister.entries).toBe(issuedCount);

    const entries = await t.http.get(`/api/registers/${cvRegister.id}/entries`).set('Authorization', tokens.vanthu);
    expect(entries.status).toBe(200);
    expect(entries.body.entries).toHaveLength(issuedCount);
    const first = entries.body.entries[0];
    expect(Object.keys(first)).toEqual(['documentId', 'numberSymbol', 'date', 'typeAndSubject', 'signer', 'recipients', 'filedWith', 'copies', 'sentOn', 'receivedBy', 'notes']);
    expect(first).toMatchObject({
      numberSymbol: '01/UBND-CNTT',
      date: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
      typeAndSubject: expect.stringMatching(/^Công văn V\/v /),
      signer: 'Nguyễn Văn Bình',
      recipients: 'Sở Khoa học và Công nghệ; Sở Tài chính; Văn phòng Tỉnh ủy (để b/c)',
      filedWith: 'VT; CNTT (Lê Thị Hà)',
      copies: 5,
      receivedBy: '',
    });
    expect(entries.body.total).toBe(issuedCount);
    // The desk's view: the last entries only, the total beside them.
    const latest = await t.http.get(`/api/registers/${cvRegister.id}/entries?latest=1`).set('Authorization', tokens.vanthu);
    expect(latest.body.entries.map((e: { numberSymbol: string }) => e.numberSymbol)).toEqual([entries.body.entries.at(-1).numberSymbol]);
    expect(latest.body.total).toBe(issuedCount);
    expect((await t.http.get(`/api/registers/${cvRegister.id}/entries?latest=0`).set('Authorization', tokens.vanthu)).status).toBe(400);
    const urgent = entries.body.entries.find((e: { notes: string }) => e.notes.includes('HỎA TỐC'));
    expect(urgent).toBeDefined();

    // CSV: UTF-8 with BOM, and a CSV parser reads it back with its diacritics.
    const csv = await t.http.get(`/api/registers/${cvRegister.id}/export`).set('Authorization', tokens.vanthu).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(bytes.toString('utf8'), { bom: true });
    expect(records[0]).toEqual([
      'Số, ký hiệu văn bản', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung văn bản', 'Người ký', 'Nơi nhận văn bản',
      'Đơn vị, người nhận bản lưu', 'Số lượng bản', 'Ngày chuyển', 'Ký nhận', 'Ghi chú',
    ]);
    expect(records).toHaveLength(issuedCount + 1);
    expect(records[1]).toEqual([
      first.numberSymbol, first.date, first.typeAndSubject, first.signer, first.recipients, first.filedWith, String(first.copies), first.sentOn, '', first.notes,
    ]);

    const book = await t.http.get(`/api/registers/${cvRegister.id}/book`).set('Authorization', tokens.vanthu);
    expect(book.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(book.text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(book.text).toContain('Ủy ban nhân dân tỉnh Thanh Hóa');
    expect(book.text).toContain(`Từ số 01 đến số ${entries.body.entries.at(-1).numberSymbol.split('/')[0]}`);
    expect((book.text.match(/<tr>/g) ?? []).length).toBe(issuedCount + 2);

    // A date range; and only those who keep or read registers.
    const none = await t.http.get(`/api/registers/${cvRegister.id}/entries?to=2000-01-01`).set('Authorization', tokens.vanthu);
    expect(none.body.entries).toEqual([]);
    expect((await t.http.get('/api/registers').set('Authorization', tokens.chuyenvien)).status).toBe(403);
    expect((await t.http.get(`/api/registers/${cvRegister.id}/entries?from=yesterday`).set('Authorization', tokens.vanthu)).status).toBe(400);
  });
});

describe('a new year', () => {
  let y: TestApp;
  let yt: Tokens;
  const clock = new TestClock(new Date('2026-12-31T16:58:00Z')); // 23:58 on 31 December, Vietnam time

  beforeAll(async () => {
    y = await createTestApp(undefined, clock);
    yt = await loginAll(y);
  });
  afterAll(async () => {
    await y?.close();
  });

  it('starts a new series by itself: the first document issued on 1 January gets 01', async () => {
    const yd = await directory(y, yt);
    const ready = async () => {
      const d = await createDraft(y, yt, yd);
      await toIssuing(y, yt, d.id);
      return d.id;
    };
    const [a, b, c] = [await ready(), await ready(), await ready()];
    const issueAt = async (id: string, at: string) => {
      clock.set(at);
      const res = await act(y, yt.vanthu, id, 'issue');
      expect(res.status).toBe(200);
      return res.body;
    };
    const dec31a = await issueAt(a, '2026-12-31T16:58:30Z');
    const dec31b = await issueAt(b, '2026-12-31T16:59:59Z');
    const jan1 = await issueAt(c, '2026-12-31T17:00:00Z'); // 00:00 on 1 January 2027 in Hà Nội
    expect([dec31a.number, dec31b.number, jan1.number]).toEqual(['01', '02', '01']);
    expect(dec31b.dateLine).toBe('Thanh Hóa, ngày 31 tháng 12 năm 2026');
    expect(jan1.dateLine).toBe('Thanh Hóa, ngày 01 tháng 01 năm 2027');
    expect(jan1.issuedAt).toBe('2026-12-31T17:00:00.000Z');
    const registers = await y.http.get('/api/registers').set('Authorization', yt.vanthu);
    expect(registers.body.map((r: { year: number; lastNumber: number }) => [r.year, r.lastNumber])).toEqual([
      [2027, 1],
      [2026, 2],
    ]);
  });
});
