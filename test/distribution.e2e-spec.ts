import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from './support/test-app.js';
import { act, createDraft, directory, loginAll, recipient, settleOutbox, toIssuing, type Directory, type Tokens } from './support/factories.js';
import { buildPackage, buildStatus, edxmlDate, edxmlTimestamp, parseEdxml, type EdxmlPackage } from '../src/recipients/edxml.js';

/**
 * Distribution and receipt: a công văn of UBND tỉnh to two agencies working in this system (Sở Tư pháp, Sở Khoa học
 * và Công nghệ) and one outside (Sở Tài chính, through the exchange folder), their status codes coming back, the
 * distribution completing, a refusal flagged to the clerk, the incoming desk importing a package from outside, and a
 * recall answered by everyone.
 */
let t: TestApp;
let tokens: Tokens;
let dir: Directory;
let exchange: string;

const UBND = '000.00.00.H56';
const STC = '000.03.27.H56';
const STP = '000.04.27.H56';

beforeAll(async () => {
  exchange = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-exchange-'));
  t = await createTestApp(undefined, undefined, { EXCHANGE_ENDPOINT: exchange });
  tokens = await loginAll(t);
  dir = await directory(t, tokens);
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(exchange, { recursive: true, force: true });
});

const drain = () => settleOutbox(t);
const as = (who: keyof Tokens) => ({ get: (url: string) => t.http.get(url).set('Authorization', tokens[who]), post: (url: string, body: object = {}) => t.http.post(url).set('Authorization', tokens[who]).send(body) });
const documentOf = async (id: string) => (await as('vanthu').get(`/api/documents/${id}`)).body;
const deliveryTo = (doc: { deliveries: Array<{ recipient: { code: string } }> }, code: string) => doc.deliveries.find((d) => d.recipient.code === code) as any;
/** The messages in the exchange folder, parsed, in the order they were written. */
const packages = () =>
  fs
    .readdirSync(exchange)
    .filter((f) => f.endsWith('.edxml'))
    .map((f) => ({ file: f, at: fs.statSync(path.join(exchange, f)).mtimeMs, message: parseEdxml(fs.readFileSync(path.join(exchange, f))) }))
    .sort((a, b) => a.at - b.at);
const postXml = (who: keyof Tokens, xml: string) =>
  t.http.post('/api/exchange/messages').set('Authorization', tokens[who]).set('Content-Type', 'application/xml').send(xml);

async function issued(overrides: Record<string, unknown>) {
  const draft = await createDraft(t, tokens, dir, overrides);
  await toIssuing(t, tokens, draft.id);
  const res = await act(t, tokens.vanthu, draft.id, 'issue');
  expect(res.status).toBe(200);
  return res.body;
}

describe('distribution of a công văn to two agencies of the system and one outside', () => {
  let doc: any;
  const subject = 'Triển khai rà soát văn bản quy phạm pháp luật & chuyển đổi số <2026>';

  beforeAll(async () => {
    doc = await issued({
      subject,
      addressees: [recipient(dir, 'STP'), recipient(dir, 'SKHCN'), recipient(dir, 'STC')],
      copiesTo: [],
      drafterInitials: 'Hantt',
    });
    await drain();
  });

  it('shows in the directory how each recipient is reached and who a group is', async () => {
    const byCode = Object.fromEntries((await as('chuyenvien').get('/api/recipients')).body.map((r: any) => [r.code, r]));
    expect(byCode.STP).toMatchObject({ channel: 'internal', category: 'Các sở', shortName: 'Tư pháp', organId: STP });
    expect(byCode.STC).toMatchObject({ channel: 'edxml', organId: STC });
    expect(byCode.VPTU).toMatchObject({ channel: 'manual', organId: null });
    expect(byCode['UBND-XA-PHUONG']).toMatchObject({ kind: 'group', channel: null });
    expect(byCode['UBND-XA-PHUONG'].members.map((m: any) => m.name)).toEqual(['UBND phường Hạc Thành', 'UBND xã Đông Tiến']);
  });

  it('prints its Kính gửi and Nơi nhận lines, one delivery per agency through its channel', async () => {
    const d = await documentOf(doc.id);
    expect(d.recipientLines).toEqual({
      kinhGui: ['Kính gửi: Các sở: Tư pháp, Khoa học và Công nghệ, Tài chính.'],
      noiNhan: ['Nơi nhận:', '- Như trên;', '- Lưu: VT, CNTTHantt.'],
    });
    expect(Object.fromEntries(d.deliveries.map((x: any) => [x.recipient.code, x.channel]))).toEqual({ STP: 'internal', SKHCN: 'internal', STC: 'edxml' });
  });

  it('lands in both incoming desks, which register it with consecutive arrival numbers', async () => {
    for (const [clerk, code] of [['vtstp', 'STP'], ['vtskhcn', 'SKHCN']] as const) {
      const desk = await as(clerk).get('/api/incoming');
      expect(desk.status).toBe(200);
      expect(desk.body).toHaveLength(1);
      const incoming = desk.body[0];
      expect(incoming).toMatchObject({
        numberSymbol: doc.numberSymbol,
        subject,
        sender: { organId: UBND, name: 'Ủy ban nhân dân tỉnh Thanh Hóa' },
        status: { code: '01' },
        availableActions: ['register', 'refuse'],
      });
      expect(deliveryTo(await documentOf(doc.id), code).status).toBe('01');
      // Someone else at the Sở may not register it; the clerk may not register it twice.
      expect((await as(code === 'STP' ? 'tpxdkt' : 'tpcds').post(`/api/incoming/${incoming.id}/register`)).status).toBe(404);
      const registered = await as(clerk).post(`/api/incoming/${incoming.id}/register`);
      expect(registered.status).toBe(200);
      expect(registered.body.arrival).toMatchObject({ number: '01', year: new Date(registered.body.arrival.registeredAt).getFullYear() });
      expect(registered.body.status.code).toBe('03');
      const again = await as(clerk).post(`/api/incoming/${incoming.id}/register`);
      expect(again.status).toBe(409);
      expect(again.body.details).toMatchObject({ status: '03', allowedActions: [] });
      expect(deliveryTo(await documentOf(doc.id), code)).toMatchObject({ status: '03' });
    }
  });

  it('sends one edXML package to the agency outside, which parses back to the document', async () => {
    const d = await documentOf(doc.id);
    expect(deliveryTo(d, 'STC').status).toBe('sent');
    const sent = packages();
    expect(sent).toHaveLength(1);
    const { message } = sent[0];
    expect(message.kind).toBe('package');
    const p = (message as { package: EdxmlPackage }).package;
    expect(p).toMatchObject({
      from: { organId: UBND, organName: 'Ủy ban nhân dân tỉnh Thanh Hóa' },
      to: [{ organId: STC, organName: 'Sở Tài chính' }],
      codeNumber: d.number,
      codeNotation: 'UBND-CNTT',
      promulgationDate: edxmlDate(new Date(d.issuedAt)),
      documentId: `${UBND},${edxmlDate(new Date(d.issuedAt))},${d.numberSymbol}`,
      typeName: 'Công văn',
      subject,
      signer: { competence: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', fullName: 'Nguyễn Văn Bình' },
      toPlaces: ['Sở Tư pháp', 'Sở Khoa học và Công nghệ', 'Sở Tài chính'],
      business: { type: 0 },
    });
    expect(d.signatureBlock).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Bình']);
  });

  it('takes the outside agency’s status messages and completes the distribution at 03', async () => {
    const d = await documentOf(doc.id);
    const status = (code: string, description: string | null = null) =>
      buildStatus({
        responseFor: { organId: UBND, code: d.numberSymbol, promulgationDate: edxmlDate(new Date(d.issuedAt)), documentId: `${UBND},${edxmlDate(new Date(d.issuedAt))},${d.numberSymbol}` },
        from: { organId: STC, organName: 'Sở Tài chính' },
        statusCode: code,
        description,
        timestamp: edxmlTimestamp(new Date()),
      });
    expect((await postXml('chuyenvien', status('01'))).status).toBe(403);
    const arrived = await postXml('vanthu', status('01'));
    expect(arrived.status).toBe(200);
    expect(arrived.body).toMatchObject({ kind: 'status', statusCode: '01', applied: true });
    expect((await documentOf(doc.id)).distribution).toMatchObject({ deliveries: 3, received: 2, completedAt: null });
    expect((await documentOf(doc.id)).state).toBe('distribution');

    const registered = await postXml('vanthu', status('03'));
    expect(registered.body).toMatchObject({ applied: true, delivery: { status: '03' } });
    // A late 01 after 03 is recorded, not applied.
    expect((await postXml('vanthu', status('01'))).body).toMatchObject({ applied: false, delivery: { status: '03' } });
    const done = await documentOf(doc.id);
    expect(done.distribution).toMatchObject({ deliveries: 3, received: 3, refused: 0, waiting: 0 });
    expect(done.distribution.completedAt).not.toBeNull();
    expect(done.state).toBe('completed');
    const history = (await as('vanthu').get(`/api/documents/${doc.id}/history`)).body.map((h: any) => h.action);
    expect(history.filter((a: string) => a === 'receipt')).toHaveLength(6);
    expect(history.at(-1)).toBe('complete');
    // The register book's column (9), ký nhận: each recipient's registration and its day.
    const [register] = (await as('vanthu').get('/api/registers')).body.filter((r: any) => r.series === 'type:CV');
    const entry = (await as('vanthu').get(`/api/registers/${register.id}/entries`)).body.entries.find((e: any) => e.documentId === doc.id);
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(entry.receivedBy.split('; ').sort()).toEqual([`Sở Khoa học và Công nghệ (${day})`, `Sở Tài chính (${day})`, `Sở Tư pháp (${day})`]);
    // A status naming a document the agency did not issue is a 404.
    expect((await postXml('vanthu', status('03').replace(d.numberSymbol, `99/${d.symbol}`))).status).toBe(404);
  });

  it('flows assignment, progress and completion back from a desk of the system', async () => {
    const [incoming] = (await as('vtstp').get('/api/incoming')).body;
    const units = (await as('gdstp').get('/api/units')).body as Array<{ id: string; code: string }>;
    const xdkt = units.find((u) => u.code === 'XDKTVB')!;
    const hctp = units.find((u) => u.code === 'HCTP')!;
    // The clerk may not assign; the head of the Sở does.
    expect((await as('vtstp').post(`/api/incoming/${incoming.id}/assign`, { leadUnitId: xdkt.id })).status).toBe(403);
    const bad = await as('gdstp').post(`/api/incoming/${incoming.id}/assign`, { leadUnitId: recipient(dir, 'STC') });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('leadUnitId');
    const assigned = await as('gdstp').post(`/api/incoming/${incoming.id}/assign`, {
      leadUnitId: xdkt.id,
      coordinatingUnitIds: [hctp.id],
      deadline: '2099-12-15',
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: { code: '04' }, assignment: { leadUnitId: xdkt.id, coordinatingUnitIds: [hctp.id], deadline: '2099-12-15' } });
    // The lead unit sees it now and reports it.
    expect((await as('tpxdkt').get('/api/incoming')).body.map((x: any) => x.id)).toEqual([incoming.id]);
    expect((await as('tpxdkt').post(`/api/incoming/${incoming.id}/progress`, { comment: 'Đang rà soát.' })).body.status.code).toBe('05');
    expect((await as('tpxdkt').post(`/api/incoming/${incoming.id}/complete`)).body.status.code).toBe('06');
    const d = await documentOf(doc.id);
    expect(deliveryTo(d, 'STP')).toMatchObject({ status: '06' });
    const events = (await as('vanthu').get(`/api/documents/${doc.id}/history`)).body.filter((h: any) => h.action === 'receipt').map((h: any) => h.comment);
    expect(events).toEqual(expect.arrayContaining(['Sở Tư pháp: 04 Phân công', 'Sở Tư pháp: 05 Đang xử lý', 'Sở Tư pháp: 06 Hoàn thành']));
  });

  it('recalls the document: frozen, every recipient asked, each answers', async () => {
    expect((await as('chuyenvien').post(`/api/documents/${doc.id}/recall`, { reason: 'Sai căn cứ.' })).status).toBe(403);
    expect((await as('vanthu').post(`/api/documents/${doc.id}/recall`, { reason: '  ' })).status).toBe(400);
    const recalled = await as('vanthu').post(`/api/documents/${doc.id}/recall`, { reason: 'Văn bản ban hành sai căn cứ pháp lý.' });
    expect(recalled.status).toBe(200);
    expect(recalled.body.recall).toMatchObject({ reason: 'Văn bản ban hành sai căn cứ pháp lý.' });
    expect(recalled.body.deliveries.every((x: any) => x.recall.status === '13')).toBe(true);
    expect((await as('vanthu').post(`/api/documents/${doc.id}/recall`, { reason: 'Lần nữa.' })).status).toBe(409);
    const frozen = await act(t, tokens.vanthu, doc.id, 'complete');
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('RECALLED');
    await drain();

    // Outside: a package of business type 1 with the reason.
    const recall = packages().map((p) => p.message).filter((m: any) => m.kind === 'package' && m.package.business.type === 1);
    expect(recall).toHaveLength(1);
    expect((recall[0] as any).package).toMatchObject({ to: [{ organId: STC }], codeNotation: 'UBND-CNTT', business: { type: 1, reason: 'Văn bản ban hành sai căn cứ pháp lý.' } });

    // Inside: each desk shows the request; Sở Tư pháp agrees (its copy leaves the desk), Sở KH&CN refuses with a reason.
    const [atStp] = (await as('vtstp').get('/api/incoming?recall=true')).body;
    expect(atStp.recall).toMatchObject({ status: '13', reason: 'Văn bản ban hành sai căn cứ pháp lý.' });
    expect(atStp.availableActions).toContain('answer-recall');
    const agreed = await as('vtstp').post(`/api/incoming/${atStp.id}/recall-answer`, { agree: true });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ removed: true, recallStatus: '15' });
    expect((await as('vtstp').get(`/api/incoming/${atStp.id}`)).status).toBe(404);
    expect((await as('vtstp').get('/api/incoming')).body).toHaveLength(0);

    const [atSkhcn] = (await as('vtskhcn').get('/api/incoming?recall=true')).body;
    expect((await as('vtskhcn').post(`/api/incoming/${atSkhcn.id}/recall-answer`, { agree: false })).status).toBe(400);
    const refused = await as('vtskhcn').post(`/api/incoming/${atSkhcn.id}/recall-answer`, { agree: false, reason: 'Đã triển khai thực hiện.' });
    expect(refused.status).toBe(200);
    expect(refused.body.recall).toMatchObject({ status: '16', answerReason: 'Đã triển khai thực hiện.' });

    // Outside: Sở Tài chính agrees by an edXML status 15.
    const d = await documentOf(doc.id);
    const answer = buildStatus({
      responseFor: { organId: UBND, code: d.numberSymbol, promulgationDate: edxmlDate(new Date(d.issuedAt)), documentId: '' },
      from: { organId: STC, organName: 'Sở Tài chính' },
      statusCode: '15',
      timestamp: edxmlTimestamp(new Date()),
    });
    expect((await postXml('vanthu', answer)).body).toMatchObject({ applied: true, statusCode: '15' });

    const after = await documentOf(doc.id);
    expect(Object.fromEntries(after.deliveries.map((x: any) => [x.recipient.code, [x.recall.status, x.recall.reason]]))).toEqual({
      STP: ['15', null],
      SKHCN: ['16', 'Đã triển khai thực hiện.'],
      STC: ['15', null],
    });
    const history = (await as('luutru').get(`/api/documents/${doc.id}/history`)).body.map((h: any) => h.action);
    expect(history.filter((a: string) => a === 'recall')).toHaveLength(1);
    expect(history.filter((a: string) => a === 'recall-answer')).toHaveLength(3);
  });
});

describe('groups', () => {
  it('are expanded at issue, an agency named twice delivered once, as addressee', async () => {
    const doc = await issued({
      subject: 'Triển khai Đề án 06 tại các sở, ngành và địa phương',
      addressees: [recipient(dir, 'SO-BAN-NGANH'), recipient(dir, 'UBND-XA-PHUONG')],
      copiesTo: [{ recipientId: recipient(dir, 'STP'), note: 'để phối hợp' }, { recipientId: recipient(dir, 'CAT') }],
    });
    const d = await documentOf(doc.id);
    expect(d.recipientLines.kinhGui).toEqual(['Kính gửi:', '- Các sở, ban, ngành, đơn vị cấp tỉnh;', '- UBND các xã, phường.']);
    expect(d.recipientLines.noiNhan).toEqual(['Nơi nhận:', '- Như trên;', '- Sở Tư pháp (để phối hợp);', '- Công an tỉnh;', '- Lưu: VT, CNTT.']);
    const rows = d.deliveries.map((x: any) => [x.recipient.code, x.role, x.viaGroup?.name ?? null, x.channel]).sort();
    expect(rows).toEqual([
      ['CAT', 'copy', null, 'edxml'],
      ['SKHCN', 'addressee', 'Các sở, ban, ngành, đơn vị cấp tỉnh', 'internal'],
      ['SNNMT', 'addressee', 'Các sở, ban, ngành, đơn vị cấp tỉnh', 'edxml'],
      ['STC', 'addressee', 'Các sở, ban, ngành, đơn vị cấp tỉnh', 'edxml'],
      ['STP', 'addressee', 'Các sở, ban, ngành, đơn vị cấp tỉnh', 'internal'],
      ['SYT', 'addressee', 'Các sở, ban, ngành, đơn vị cấp tỉnh', 'edxml'],
      ['UBND-DONG-TIEN', 'addressee', 'UBND các xã, phường', 'edxml'],
      ['UBND-HAC-THANH', 'addressee', 'UBND các xã, phường', 'edxml'],
    ]);
  });
});

describe('a refusal', () => {
  it('needs a reason, moves the delivery to 02 and is flagged to the clerk', async () => {
    const doc = await issued({ subject: 'Đề nghị báo cáo số liệu quý IV', addressees: [recipient(dir, 'SKHCN')], copiesTo: [] });
    await drain();
    const [incoming] = (await as('vtskhcn').get('/api/incoming?status=01')).body.filter((x: any) => x.subject === 'Đề nghị báo cáo số liệu quý IV');
    const blank = await as('vtskhcn').post(`/api/incoming/${incoming.id}/refuse`, {});
    expect(blank.status).toBe(400);
    expect(blank.body.details.fields[0].field).toBe('reason');
    const refused = await as('vtskhcn').post(`/api/incoming/${incoming.id}/refuse`, { reason: 'Không thuộc thẩm quyền của Sở.' });
    expect(refused.body.status).toMatchObject({ code: '02', reason: 'Không thuộc thẩm quyền của Sở.' });
    const d = await documentOf(doc.id);
    expect(deliveryTo(d, 'SKHCN')).toMatchObject({ status: '02', statusReason: 'Không thuộc thẩm quyền của Sở.' });
    expect(d.distribution).toMatchObject({ refused: 1, completedAt: null });
    const flagged = await as('vanthu').get('/api/deliveries/flagged');
    expect(flagged.body).toEqual(expect.arrayContaining([expect.objectContaining({ documentId: doc.id, flag: 'refused', statusReason: 'Không thuộc thẩm quyền của Sở.' })]));
    expect((await as('chuyenvien').get('/api/deliveries/flagged')).status).toBe(403);
  });

  it('a delivery by hand is recorded by the clerk; statuses only move forward', async () => {
    const doc = await issued({ subject: 'Gửi Văn phòng Tỉnh ủy', addressees: [recipient(dir, 'VPTU')], copiesTo: [] });
    const dl = deliveryTo(await documentOf(doc.id), 'VPTU');
    expect(dl).toMatchObject({ channel: 'manual', status: 'pending' });
    expect((await as('vanthu').post(`/api/deliveries/${dl.id}/status`, { code: '02' })).status).toBe(400);
    expect((await as('vanthu').post(`/api/deliveries/${dl.id}/status`, { code: '07' })).status).toBe(400);
    expect((await as('vanthu').post(`/api/deliveries/${dl.id}/status`, { code: '03' })).body).toMatchObject({ status: '03' });
    const back = await as('vanthu').post(`/api/deliveries/${dl.id}/status`, { code: '01' });
    expect(back.status).toBe(409);
    expect(back.body.details).toMatchObject({ status: '03', allowedStatuses: ['04', '05', '06'] });
    expect((await documentOf(doc.id)).state).toBe('completed');
  });
});

describe('the incoming desk importing an edXML package from outside', () => {
  it('creates the incoming document with its attachments, registers it and sends 03 back through the exchange', async () => {
    const pdf = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const pkg: EdxmlPackage = {
      from: { organId: STC, organName: 'Sở Tài chính' },
      to: [{ organId: STP, organName: 'Sở Tư pháp' }],
      documentId: `${STC},2026/11/30,4102/STC-NS`,
      codeNumber: '4102',
      codeNotation: 'STC-NS',
      place: 'Thanh Hóa',
      promulgationDate: '2026/11/30',
      typeName: 'Công văn',
      subject: 'Về việc thẩm định dự toán năm 2027',
      signer: { competence: 'KT. GIÁM ĐỐC', position: 'PHÓ GIÁM ĐỐC', fullName: 'Lê Văn Tài' },
      toPlaces: ['Sở Tư pháp'],
      priority: 1,
      traces: [{ organId: STC, timestamp: '2026/11/30 09:00:00' }],
      business: { type: 0 },
      attachments: [{ name: 'Dự toán 2027.pdf', contentType: 'application/pdf', content: pdf }],
    };
    const before = new Set(fs.readdirSync(exchange));
    const imported = await postXml('vtstp', buildPackage(pkg));
    expect(imported.status).toBe(200);
    expect(imported.body.incoming).toMatchObject({ source: 'edxml', numberSymbol: '4102/STC-NS', status: { code: '01' }, priority: 1 });
    expect(imported.body.incoming.attachments).toEqual([expect.objectContaining({ name: 'Dự toán 2027.pdf', contentType: 'application/pdf', size: 256 })]);
    const file = await as('vtstp').get(`/api/incoming/${imported.body.incoming.id}/attachments/${imported.body.incoming.attachments[0].id}`).buffer(true);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    // The same package twice is one document; a package for another agency is refused.
    expect((await postXml('vtstp', buildPackage(pkg))).status).toBe(409);
    const elsewhere = await postXml('vtskhcn', buildPackage(pkg));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details.fields[0].field).toBe('edXML.To');
    expect((await postXml('vtstp', '<not-edxml/>')).status).toBe(400);

    const registered = await as('vtstp').post(`/api/incoming/${imported.body.incoming.id}/register`);
    // Arrival numbers are consecutive per agency and year: the công văn of UBND was 01.
    expect(registered.body.arrival.number).toBe('02');
    await drain();
    const statuses = fs
      .readdirSync(exchange)
      .filter((f) => !before.has(f) && f.endsWith('.edxml'))
      .map((f) => parseEdxml(fs.readFileSync(path.join(exchange, f))))
      .filter((m): m is Extract<typeof m, { kind: 'status' }> => m.kind === 'status')
      .map((m) => [m.status.statusCode, m.status.responseFor.code, m.status.from.organId])
      .sort();
    expect(statuses).toEqual([
      ['01', '4102/STC-NS', STP],
      ['03', '4102/STC-NS', STP],
    ]);
  });
});
