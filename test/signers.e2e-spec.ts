import { beforeAll, describe, expect, it } from '@jest/globals';
import type { TestApp } from './support/test-app.js';
import { login } from './support/test-app.js';
import { act, congVanBody, type Directory, type Tokens, useDemoApp } from './support/factories.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

const ids: Record<string, string> = {};
const positions: Record<string, string> = {};
let gdstp: string;
let cvtgv: string;
let pttgv: string;
let gdskhcn: string;

beforeAll(async () => {
  for (const r of await t.dataSource.query(`SELECT id, username FROM users`)) ids[r.username] = r.id;
  for (const r of await t.dataSource.query(`SELECT id, title FROM positions`)) positions[r.title] = r.id;
  [gdstp, cvtgv, pttgv, gdskhcn] = await Promise.all(['gdstp', 'cvtgv', 'pttgv', 'gdskhcn'].map((u) => login(t, u)));
});

async function draft(overrides: Record<string, unknown>, token = tokens.chuyenvien) {
  const res = await t.http.post('/api/documents').set('Authorization', token).send(congVanBody(dir, overrides));
  expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({ status: 201, body: 'ok' });
  return res.body;
}

/** chuyenvien's draft, through content and format review, to its signer. */
async function toSigning(overrides: Record<string, unknown>) {
  const d = await draft(overrides);
  for (const [token, action] of [
    [tokens.chuyenvien, 'submit'],
    [tokens.truongphong, 'approve'],
    [tokens.pcvp, 'approve'],
  ] as const) {
    expect((await act(t, token, d.id, action)).status).toBe(200);
  }
  return d;
}

async function signAndRead(id: string, token: string) {
  const res = await act(t, token, id, 'sign');
  expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
  expect(res.body.state).toBe('issuing');
  expect(res.body.signedAt).toBeTruthy();
  return res.body.signatureBlock as string[];
}

describe('signing with each kind of authority, through HTTP', () => {
  it.each<[string, () => Record<string, unknown>, keyof Tokens | 'gdstp', string[]]>([
    ['KT.: a Phó Chủ tịch in place of the Chủ tịch (seed 000)', () => ({ signerId: ids.pct, field: 'chuyen-doi-so' }), 'pct', ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Bình']],
    ['the Chủ tịch in his own name', () => ({ signerId: ids.chutich }), 'chutich', ['CHỦ TỊCH', 'Đỗ Minh Tuấn']],
    ['TM.: a collective decision signed by the Chủ tịch', () => ({ type: 'QĐ', signerId: ids.chutich }), 'chutich', ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Đỗ Minh Tuấn']],
    [
      'TM. + KT.: a collective decision signed by a Phó Chủ tịch',
      () => ({ type: 'QĐ', signerId: ids.pct, field: 'khoa-hoc-cong-nghe' }),
      'pct',
      ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Bình'],
    ],
    ['Q.: the acting Chủ tịch', () => ({ signerId: ids.pct, signerPositionId: positions['CHỦ TỊCH'] }), 'pct', ['Q. CHỦ TỊCH', 'Nguyễn Văn Bình']],
    ['TL.: the Chánh Văn phòng by order', () => ({ signerId: ids.cvp }), 'cvp', ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Hoàng Văn Tùng']],
    [
      'TL. + KT.: the Phó Chánh Văn phòng (seed 002)',
      () => ({ signerId: ids.pcvp }),
      'pcvp',
      ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Phạm Minh Đức'],
    ],
    ['TUQ.: a Giám đốc Sở by written authorisation', () => ({ signerId: ids.gdstp }), 'gdstp', ['TUQ. CHỦ TỊCH', 'GIÁM ĐỐC SỞ TƯ PHÁP', 'Trịnh Thị Mai']],
  ])('%s', async (_name, overrides, who, expected) => {
    const d = await toSigning(overrides());
    // The block shows from the moment the signer is chosen…
    const shown = await t.http.get(`/api/documents/${d.id}`).set('Authorization', tokens.chuyenvien);
    expect(shown.body.signatureBlock).toEqual(expected);
    // …the signer finds the document in his inbox, signs, and the block is frozen as signed.
    const token = who === 'gdstp' ? gdstp : tokens[who];
    const inbox = await t.http.get('/api/documents?box=inbox').set('Authorization', token);
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect(await signAndRead(d.id, token)).toEqual(expected);
    const [row] = await t.dataSource.query(`SELECT signature_block, signing_authority FROM documents WHERE id = $1`, [d.id]);
    expect(row.signature_block).toEqual(expected);
    expect(row.signing_authority.kind).toBeTruthy();
  });

  it('an advisory body’s document prints both titles (seed 001)', async () => {
    const res = await t.http.post('/api/documents').set('Authorization', cvtgv).send({
      type: 'CV',
      subject: 'Đôn đốc thực hiện các nhiệm vụ được giao tại Kế hoạch số 285-KH/TU',
      addressees: [dir.recipients[0].id],
      signerId: ids.gdskhcn,
    });
    expect(res.status).toBe(201);
    const expected = ['TỔ TRƯỞNG', 'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Lê Quang Huy'];
    expect(res.body.signatureBlock).toEqual(expected);
    for (const [token, action] of [
      [cvtgv, 'submit'],
      [pttgv, 'approve'],
      [pttgv, 'approve'],
    ] as const) {
      expect((await act(t, token, res.body.id, action)).status).toBe(200);
    }
    expect(await signAndRead(res.body.id, gdskhcn)).toEqual(expected);
  });
});

describe('refusals at signing: 403 with the rule, and nothing changes', () => {
  async function expectRefused(id: string, token: string, code: string) {
    const before = await t.dataSource.query(`SELECT state, version, signature_block, signed_at FROM documents WHERE id = $1`, [id]);
    const [{ n: entries }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE document_id = $1`, [id]);
    const res = await act(t, token, id, 'sign');
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code });
    expect(res.body.message.length).toBeGreaterThan(10);
    expect(await t.dataSource.query(`SELECT state, version, signature_block, signed_at FROM documents WHERE id = $1`, [id])).toEqual(before);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE document_id = $1`, [id]);
    expect(n).toBe(entries);
  }

  it('an authorisation that expired yesterday no longer lets its grantee sign', async () => {
    const d = await toSigning({ signerId: ids.gdstp });
    const [delegation] = await t.dataSource.query(`SELECT id, valid_to FROM delegations WHERE grantee_user_id = $1`, [ids.gdstp]);
    await t.owner(`UPDATE delegations SET valid_to = now() - interval '1 day' WHERE id = $1`, [delegation.id]);
    try {
      await expectRefused(d.id, gdstp, 'AUTHORISATION_EXPIRED');
      // The signer picker no longer offers him.
      const picker = await t.http.get(`/api/documents/${d.id}/signers`).set('Authorization', tokens.chuyenvien);
      expect(picker.body.map((o: { signer: { username: string } }) => o.signer.username)).not.toContain('gdstp');
    } finally {
      await t.owner(`UPDATE delegations SET valid_to = $2 WHERE id = $1`, [delegation.id, delegation.valid_to]);
    }
  });

  it('a revoked authorisation', async () => {
    const created = await t.http.post('/api/delegations').set('Authorization', tokens.chutich).send({
      kind: 'TUQ',
      grantorPositionId: positions['CHỦ TỊCH'],
      granteeUserId: ids.gdstp,
      granteePositionId: positions['GIÁM ĐỐC SỞ TƯ PHÁP'],
      documentTypes: ['TB'],
      validFrom: new Date(Date.now() - 86400_000).toISOString(),
      validTo: new Date(Date.now() + 86400_000).toISOString(),
      reference: 'Quyết định ủy quyền số 02/QĐ-UBND',
    });
    expect(created.status).toBe(201);
    const d = await toSigning({ type: 'TB', signerId: ids.gdstp });
    expect((await t.http.delete(`/api/delegations/${created.body.id}`).set('Authorization', tokens.chutich)).status).toBe(204);
    await expectRefused(d.id, gdstp, 'AUTHORISATION_REVOKED');
  });

  it.each<[string, string, () => Record<string, unknown>, keyof Tokens, string, string, string]>([
    [
      'a deputy outside his assigned fields',
      'OUTSIDE_FIELD',
      () => ({ signerId: ids.pct, field: 'chuyen-doi-so' }),
      'pct',
      `UPDATE positions SET fields = '{y-te}' WHERE id = $1`,
      `UPDATE positions SET fields = '{khoa-hoc-cong-nghe,chuyen-doi-so,thong-tin-truyen-thong,giao-duc-dao-tao,y-te}' WHERE id = $1`,
      'PHÓ CHỦ TỊCH',
    ],
    [
      'a type the working rules do not let the Chánh Văn phòng sign by order',
      'TYPE_NOT_ALLOWED_BY_ORDER',
      () => ({ signerId: ids.cvp }),
      'cvp',
      `UPDATE agencies SET by_order_types = '{TB}' WHERE code = 'UBND' AND $1::uuid IS NOT NULL`,
      `UPDATE agencies SET by_order_types = '{CV,TB,GM,GGT}' WHERE code = 'UBND' AND $1::uuid IS NOT NULL`,
      'CHÁNH VĂN PHÒNG',
    ],
    [
      'an acting head after his appointment ended',
      'ACTING_PERIOD_OVER',
      () => ({ signerId: ids.pct, signerPositionId: positions['CHỦ TỊCH'] }),
      'pct',
      `UPDATE position_holders SET valid_to = now() - interval '1 day' WHERE position_id = $1 AND acting`,
      `UPDATE position_holders SET valid_to = now() + interval '300 days' WHERE position_id = $1 AND acting`,
      'CHỦ TỊCH',
    ],
    [
      'a deputy who is not the deputy of that head',
      'NOT_A_DEPUTY_OF_HEAD',
      () => ({ signerId: ids.pct }),
      'pct',
      `UPDATE positions SET deputy_of_id = (SELECT id FROM positions WHERE title = 'GIÁM ĐỐC SỞ TƯ PHÁP') WHERE id = $1`,
      `UPDATE positions SET deputy_of_id = (SELECT id FROM positions WHERE title = 'CHỦ TỊCH') WHERE id = $1`,
      'PHÓ CHỦ TỊCH',
    ],
    [
      'an authorisation passed on by someone other than the head',
      'REDELEGATION_FORBIDDEN',
      () => ({ signerId: ids.gdstp }),
      'chuyenvien',
      `UPDATE delegations SET grantor_position_id = (SELECT id FROM positions WHERE title = 'PHÓ CHỦ TỊCH') WHERE grantor_position_id = $1 AND kind = 'TUQ' AND revoked_at IS NULL`,
      `UPDATE delegations SET grantor_position_id = $1 WHERE grantor_position_id = (SELECT id FROM positions WHERE title = 'PHÓ CHỦ TỊCH')`,
      'CHỦ TỊCH',
    ],
    [
      'a collective document by order',
      'COLLECTIVE_NEEDS_HEAD',
      () => ({ signerId: ids.cvp }),
      'cvp',
      `UPDATE documents SET collective = true WHERE signer_position_id = $1 AND state = 'signing'`,
      `SELECT $1::uuid`,
      'CHÁNH VĂN PHÒNG',
    ],
    [
      'someone who no longer holds the position he was to sign in',
      'POSITION_NOT_HELD',
      () => ({ signerId: ids.cvp }),
      'cvp',
      `DELETE FROM position_holders WHERE position_id = $1`,
      `INSERT INTO position_holders (position_id, user_id) SELECT $1, id FROM users WHERE username = 'cvp'`,
      'CHÁNH VĂN PHÒNG',
    ],
  ])('%s: %s', async (_name, code, overrides, who, breakSql, mendSql, position) => {
    const d = await toSigning(overrides());
    await t.owner(breakSql, [positions[position]]);
    try {
      await expectRefused(d.id, who === 'chuyenvien' ? gdstp : tokens[who], code);
    } finally {
      await t.owner(mendSql, [positions[position]]);
    }
  });

  it('choosing a signer without authority is a 400 that names the rule', async () => {
    for (const [overrides, field, reason] of [
      [{ signerId: ids.cvp, type: 'QĐ' }, 'signerId', /COLLECTIVE_NEEDS_HEAD/],
      [{ signerId: ids.cvp, type: 'KH' }, 'signerId', /TYPE_NOT_ALLOWED_BY_ORDER/],
      // As Phó Chủ tịch (he is also acting Chủ tịch, who may sign in any field).
      [{ signerId: ids.pct, signerPositionId: positions['PHÓ CHỦ TỊCH'], field: 'dat-dai' }, 'signerPositionId', /OUTSIDE_FIELD/],
      [{ signerId: ids.vanthu }, 'signerId', /NO_AUTHORITY/],
      [{ signerId: ids.gdstp, type: 'KH' }, 'signerId', /AUTHORISATION_NOT_COVERING/],
      [{ signerId: ids.pct, signerPositionId: positions['CHÁNH VĂN PHÒNG'] }, 'signerPositionId', /POSITION_NOT_HELD/],
    ] as const) {
      const res = await t.http.post('/api/documents').set('Authorization', tokens.chuyenvien).send(congVanBody(dir, overrides));
      expect({ overrides, status: res.status }).toEqual({ overrides, status: 400 });
      expect(res.body.details.fields[0].field).toBe(field);
      expect(res.body.details.fields[0].reason).toMatch(reason);
    }
  });
});

describe('the signer picker and authorisations', () => {
  it('lists who may sign a document, with the block each would print', async () => {
    const cv = await draft({});
    const picker = await t.http.get(`/api/documents/${cv.id}/signers`).set('Authorization', tokens.chuyenvien);
    expect(picker.status).toBe(200);
    const blocks = Object.fromEntries(picker.body.map((o: { signer: { username: string }; kind: string; signatureBlock: string[] }) => [`${o.signer.username}/${o.kind}`, o.signatureBlock]));
    expect(blocks).toMatchObject({
      'chutich/head': ['CHỦ TỊCH', 'Đỗ Minh Tuấn'],
      'pct/KT': ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn Bình'],
      'pct/Q': ['Q. CHỦ TỊCH', 'Nguyễn Văn Bình'],
      'cvp/TL': ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Hoàng Văn Tùng'],
      'pcvp/TL-KT': ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Phạm Minh Đức'],
      'gdstp/TUQ': ['TUQ. CHỦ TỊCH', 'GIÁM ĐỐC SỞ TƯ PHÁP', 'Trịnh Thị Mai'],
    });
    const qd = await draft({ type: 'QĐ' });
    const qdPicker = await t.http.get(`/api/documents/${qd.id}/signers`).set('Authorization', tokens.chuyenvien);
    const kinds = qdPicker.body.map((o: { signer: { username: string }; kind: string }) => `${o.signer.username}/${o.kind}`).sort();
    expect(kinds).toEqual(['chutich/TM', 'pct/KT', 'pct/Q']);
    // Changing the signer of a draft changes its block.
    const edited = await t.http.patch(`/api/documents/${cv.id}`).set('Authorization', tokens.chuyenvien).send({ signerId: ids.cvp });
    expect(edited.body.signatureBlock).toEqual(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Hoàng Văn Tùng']);
  });

  it('grants and revokes authorisations: the head or an admin, never passed on, every change audited', async () => {
    const body = {
      kind: 'TUQ',
      grantorPositionId: positions['CHỦ TỊCH'],
      granteeUserId: ids.gdstp,
      granteePositionId: positions['GIÁM ĐỐC SỞ TƯ PHÁP'],
      documentTypes: ['GM'],
      validFrom: '2026-01-01T00:00:00+07:00',
      validTo: '2026-12-31T23:59:59+07:00',
    };
    // The grantee cannot pass it on; a drafter cannot grant in the Chủ tịch's name; a deputy is no head.
    const passOn = await t.http.post('/api/delegations').set('Authorization', gdstp).send(body);
    expect({ status: passOn.status, code: passOn.body.code }).toEqual({ status: 403, code: 'REDELEGATION_FORBIDDEN' });
    const drafter = await t.http.post('/api/delegations').set('Authorization', tokens.chuyenvien).send(body);
    expect({ status: drafter.status, code: drafter.body.code }).toEqual({ status: 403, code: 'NOT_GRANTOR' });
    const fromDeputy = await t.http
      .post('/api/delegations')
      .set('Authorization', tokens.admin)
      .send({ ...body, grantorPositionId: positions['PHÓ CHỦ TỊCH'] });
    expect({ status: fromDeputy.status, code: fromDeputy.body.code }).toEqual({ status: 403, code: 'REDELEGATION_FORBIDDEN' });
    const bad = await t.http.post('/api/delegations').set('Authorization', tokens.admin).send({ ...body, validTo: '2025-01-01T00:00:00+07:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields[0].field).toBe('validTo');

    const created = await t.http.post('/api/delegations').set('Authorization', tokens.admin).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'TUQ', grantor: { title: 'CHỦ TỊCH' }, grantee: { fullName: 'Trịnh Thị Mai', title: 'GIÁM ĐỐC SỞ TƯ PHÁP' }, documentTypes: ['GM'], revokedAt: null });
    const seenByGrantee = await t.http.get('/api/delegations').set('Authorization', gdstp);
    expect(seenByGrantee.body.map((x: { id: string }) => x.id)).toContain(created.body.id);
    const seenByOther = await t.http.get('/api/delegations').set('Authorization', tokens.truongphong);
    expect(seenByOther.body).toEqual([]);
    expect((await t.http.delete(`/api/delegations/${created.body.id}`).set('Authorization', gdstp)).status).toBe(403);
    expect((await t.http.delete(`/api/delegations/${created.body.id}`).set('Authorization', tokens.chutich)).status).toBe(204);
    const again = await t.http.delete(`/api/delegations/${created.body.id}`).set('Authorization', tokens.chutich);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'ALREADY_REVOKED' });

    const audit = await t.http.get('/api/audit').query({ q: created.body.id, order: 'asc' }).set('Authorization', tokens.luutru);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string; actor: { fullName: string } }) => [e.action, e.actor.fullName])).toEqual([
      ['delegation-grant', 'Quản trị hệ thống'],
      ['delegation-revoke', 'Đỗ Minh Tuấn'],
    ]);
  });
});
