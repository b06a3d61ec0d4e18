import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/test-app.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signedIn } from './support/browser.js';
import { act as actApi, createDraft, directory, loginAll, recipient, signer, toIssuing } from './support/factories.js';

/**
 * The web app in a real browser (Debian's Chromium through playwright-core): a công văn drafted and submitted by
 * `chuyenvien`, approved by `truongphong` (after an attempt to return it without a comment, refused on screen) and by
 * `pcvp`, signed by `pct` on a 390×844 phone, issued by `vanthu`, who sees its number, and found by `luutru` by its
 * subject typed without diacritics. Screenshots of every page are kept in test-artifacts/web/.
 */
let t: TestApp;
let browser: Browser;
let baseURL: string;

const SUBJECT = 'Triển khai ứng dụng chữ ký số trên thiết bị di động năm 2027';

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  baseURL = await t.app.getUrl();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const as = (username: string, device = DESKTOP) => signedIn(browser, baseURL, username, DEMO_PASSWORD, device);

/** Confirms an action of the document page through its dialog. */
async function act(page: Page, label: string, comment?: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (comment !== undefined) await dialog.getByLabel('Ý kiến').fill(comment);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Đã' }).first().waitFor();
}

describe('a công văn through the web app', () => {
  let id: string;

  it('is drafted and submitted by the drafting officer', async () => {
    const { context, page } = await as('chuyenvien');
    await screenshot(page, '01-hop-van-ban');
    await page.getByRole('button', { name: 'Soạn văn bản mới' }).click();
    await page.getByLabel('Loại văn bản').selectOption('CV');
    await page.getByLabel('Trích yếu').fill(SUBJECT);
    await page.getByLabel('Nội dung').fill('Thực hiện Kế hoạch chuyển đổi số năm 2027, UBND tỉnh đề nghị các đơn vị triển khai ứng dụng chữ ký số.');
    await page.getByRole('group', { name: 'Kính gửi' }).getByLabel('Sở Khoa học và Công nghệ').check();
    const signer = page.getByLabel('Người ký');
    const option = await signer.locator('option', { hasText: 'Nguyễn Văn Bình' }).first().getAttribute('value');
    await signer.selectOption(option!);
    await expect(page.getByText('KT. CHỦ TỊCH').first().isVisible()).resolves.toBe(true);
    await page.getByLabel('Tệp đính kèm').setInputFiles({ name: 'Phụ lục 1.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
    await screenshot(page, '02-soan-thao');
    await page.getByRole('button', { name: 'Lưu và trình' }).click();
    await page.waitForURL(/\/van-ban\/[0-9a-f-]{36}$/);
    id = page.url().split('/').pop()!;
    await page.getByText('Số:').first().waitFor();
    await expect(page.locator('.number-line').first().textContent()).resolves.toMatch(/^Số:\s+\/UBND-CNTT$/);
    await page.getByRole('region', { name: 'Tệp đính kèm', exact: true }).getByRole('button', { name: 'Phụ lục 1.pdf' }).waitFor();
    await context.close();
  });

  it('cannot be returned without a comment: refused on screen, nothing changes', async () => {
    const { context, page } = await as('truongphong');
    await page.getByRole('link', { name: SUBJECT }).click();
    await page.waitForURL(`**/van-ban/${id}`);
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('Vui lòng nhập ý kiến khi trả lại.');
    await screenshot(page, '03-tra-lai-thieu-y-kien');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    const [doc] = await t.owner(`SELECT state, step_id, version FROM documents WHERE id = $1`, [id]);
    expect(doc).toMatchObject({ state: 'review', step_id: 'contentReview' });
    await act(page, 'Duyệt');
    await screenshot(page, '04-van-ban-da-duyet');
    await context.close();
  });

  it('is approved for format and signed on a phone', async () => {
    const format = await as('pcvp');
    await format.page.goto(`/van-ban/${id}`);
    await act(format.page, 'Duyệt');
    await format.context.close();

    const { context, page } = await as('pct', PHONE);
    await screenshot(page, '05-hop-van-ban-dien-thoai');
    await page.getByRole('link', { name: SUBJECT }).click();
    const sign = page.getByRole('button', { name: 'Ký ban hành', exact: true });
    await sign.waitFor();
    // The route diagram drawn: the page still fits the phone's width (no zooming out).
    await page.locator('.route-canvas svg').first().waitFor();
    await expect(page.evaluate('[window.innerWidth, window.innerHeight, document.documentElement.scrollWidth]')).resolves.toEqual([390, 844, 390]);
    // Within reach of a thumb: on the screen without scrolling, in its lower half.
    const box = (await sign.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.y).toBeGreaterThan(844 / 2);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, '06-ky-tren-dien-thoai');
    await act(page, 'Ký ban hành');
    await context.close();
  });

  it('is issued by the clerk, who sees its number', async () => {
    const { context, page } = await as('vanthu');
    await page.getByRole('link', { name: 'Văn thư' }).click();
    await page.getByRole('link', { name: SUBJECT }).waitFor();
    await screenshot(page, '07-ban-van-thu');
    await page.getByRole('link', { name: SUBJECT }).click();
    await act(page, 'Phát hành');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('01/UBND-CNTT');
    await expect(page.locator('.number-line').first().textContent()).resolves.toBe('Số: 01/UBND-CNTT');
    await screenshot(page, '08-da-phat-hanh');
    await page.getByRole('link', { name: 'Văn bản đến' }).click();
    await page.getByRole('heading', { name: 'Văn bản đến' }).waitFor();
    await screenshot(page, '09-van-ban-den');
    await context.close();
  });

  it('is found by the archivist by its subject typed without diacritics, with its whole history', async () => {
    const { context, page } = await as('luutru');
    await page.getByRole('link', { name: 'Tra cứu nhật ký' }).click();
    await page.getByLabel('Từ khóa (trích yếu, ý kiến)').fill('trien khai ung dung chu ky so');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByText(SUBJECT).first().waitFor();
    await screenshot(page, '10-tra-cuu');
    await page.getByRole('link', { name: 'Xem văn bản' }).first().click();
    await page.waitForURL(`**/van-ban/${id}`);
    const history = page.getByRole('region', { name: 'Lịch sử xử lý' });
    await history.getByText('Phát hành').first().waitFor();
    const text = (await history.textContent()) ?? '';
    for (const step of ['Trình', 'Duyệt', 'Ký ban hành', 'Phát hành', 'Lê Thị Hà', 'Nguyễn Văn Bình', 'Vũ Thị Lan']) expect(text).toContain(step);
    await screenshot(page, '11-lich-su');
    await context.close();
  });
});

describe('every page on a phone', () => {
  it('fits 390 px: no page scrolls sideways', async () => {
    const { context, page } = await as('chuyenvien', PHONE);
    for (const [path, heading] of [
      ['/', 'Hộp văn bản'],
      ['/van-ban/moi', null],
      ['/van-ban-den', 'Văn bản đến'],
    ] as const) {
      await page.goto(path);
      if (heading) await page.getByRole('heading', { name: heading }).waitFor();
      else await page.getByLabel('Trích yếu').waitFor();
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow as number).toBeLessThanOrEqual(0);
    }
    await context.close();
  });

  it('says so in Vietnamese when a document does not exist, never a blank page', async () => {
    const { context, page } = await as('chuyenvien', PHONE);
    await page.goto('/van-ban/00000000-0000-4000-8000-000000000000');
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Không tìm thấy văn bản');
    await context.close();
  });
});

describe('tasks on a phone', () => {
  let plan: string;

  beforeAll(async () => {
    // A plan of UBND tỉnh giving Sở Tư pháp two tasks, issued; Sở Tư pháp's director hands the first to a unit.
    const tokens = await loginAll(t);
    const dir = await directory(t, tokens);
    const draft = await createDraft(t, tokens, dir, { type: 'KH', subject: 'Kế hoạch số hóa hồ sơ hộ tịch năm 2027', addressees: [recipient(dir, 'STP')], copiesTo: [], signerId: signer(dir, 'pct') });
    plan = draft.id;
    const task = { leadIds: [recipient(dir, 'STP')], coordinatingText: 'Công an tỉnh; UBND cấp xã' };
    const set = await t.http.put(`/api/documents/${plan}/tasks`).set('Authorization', tokens.chuyenvien).send({
      tasks: [
        { ...task, content: 'Số hóa 100% sổ hộ tịch lưu trữ tại cấp xã', deadline: '31/12/2027' },
        { ...task, content: 'Báo cáo kết quả rà soát dữ liệu hộ tịch', deadline: 'Hoàn thành trong tháng 6/2026' },
      ],
    });
    expect(set.status).toBe(200);
    await toIssuing(t, tokens, plan);
    expect((await actApi(t, tokens.vanthu, plan, 'issue')).status).toBe(200);
    const [first] = await t.owner(`SELECT a.id FROM task_assignments a JOIN document_tasks dt ON dt.id = a.task_id WHERE a.document_id = $1 AND dt.ordinal = 1`, [plan]);
    const [unit] = await t.owner(`SELECT u.id FROM units u JOIN agencies ag ON ag.id = u.agency_id WHERE ag.code = 'STP' AND u.code = 'XDKTVB'`);
    expect((await t.http.post(`/api/document-tasks/${first.id}/unit`).set('Authorization', tokens.gdstp).send({ unitId: unit.id })).status).toBe(201);
  });

  it('shows a unit head the unit’s tasks with their deadlines, and takes a report of one done from a phone', async () => {
    const { context, page } = await as('tpxdkt', PHONE);
    await page.getByRole('link', { name: 'Nhiệm vụ', exact: true }).click();
    await page.getByRole('heading', { name: 'Nhiệm vụ được giao' }).waitFor();
    const first = page.getByRole('link', { name: /Số hóa 100% sổ hộ tịch/ });
    await expect(first.textContent()).resolves.toContain('Hạn: 31/12/2027');
    const late = page.getByRole('link', { name: /Báo cáo kết quả rà soát/ });
    await expect(late.textContent()).resolves.toMatch(/Quá hạn.*Hạn: 30\/6\/2026 \(Hoàn thành trong tháng 6\/2026\)/);
    await screenshot(page, '10-nhiem-vu-dien-thoai');
    await first.click();
    await page.getByRole('heading', { name: 'Nhiệm vụ 1' }).waitFor();
    await page.getByLabel('Đã hoàn thành').check();
    await page.getByLabel('Kết quả thực hiện (theo mục tiêu và sản phẩm)').fill('Đã số hóa 1.240 sổ hộ tịch của 12 xã, đạt 100% kế hoạch.');
    await page.getByLabel('Tệp minh chứng (tối đa 5 tệp)').setInputFiles({ name: 'Báo cáo kết quả số hóa.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi báo cáo hoàn thành.' }).waitFor();
    await page.getByText('Chờ đánh giá kết quả').first().waitFor();
    await page.getByRole('button', { name: 'Báo cáo kết quả số hóa.pdf' }).waitFor();
    // The decision is the issuer's: not offered to the unit head.
    await expect(page.getByRole('button', { name: 'Công nhận hoàn thành' }).count()).resolves.toBe(0);
    await screenshot(page, '11-bao-cao-nhiem-vu');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow as number).toBeLessThanOrEqual(0);
    const [row] = await t.owner(
      `SELECT a.status, r.kind, r.text, (SELECT count(*)::int FROM task_report_files f WHERE f.report_id = r.id) AS files
         FROM task_assignments a JOIN document_tasks dt ON dt.id = a.task_id JOIN task_reports r ON r.assignment_id = a.id
        WHERE a.document_id = $1 AND dt.ordinal = 1`,
      [plan],
    );
    expect(row).toEqual({ status: 'submitted', kind: 'completion', text: 'Đã số hóa 1.240 sổ hộ tịch của 12 xã, đạt 100% kế hoạch.', files: 1 });
    await context.close();
  });

  it('lets the issuer accept the result, then shows the figures with a chart, and the appendix on the plan’s page', async () => {
    const { context, page } = await as('chuyenvien', PHONE);
    await page.goto('/nhiem-vu?pham-vi=issued');
    await page.getByRole('link', { name: /Số hóa 100% sổ hộ tịch/ }).click();
    await page.getByRole('button', { name: 'Công nhận hoàn thành' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã công nhận kết quả.' }).waitFor();
    await page.getByText('Hoàn thành đúng hạn').first().waitFor();
    await page.goto('/nhiem-vu/bao-cao');
    await page.getByRole('heading', { name: 'Báo cáo tình hình thực hiện nhiệm vụ' }).waitFor();
    await page.getByRole('img', { name: 'Biểu đồ tình hình thực hiện nhiệm vụ theo đơn vị' }).waitFor();
    // Total 2: one done on time, one overdue.
    const cells = await page.getByRole('row', { name: /Sở Tư pháp/ }).getByRole('cell').allTextContents();
    expect(cells).toEqual(['Sở Tư pháp', '2', '1', '0', '1', '0']);
    await screenshot(page, '12-bao-cao-tinh-hinh');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow as number).toBeLessThanOrEqual(0);
    // One click drafts the reminder letter of the overdue task, opened for editing with its table filled in.
    await page.getByRole('button', { name: 'Soạn công văn đôn đốc' }).click();
    await page.waitForURL(/\/van-ban\/[0-9a-f-]{36}\/sua$/);
    await page.getByRole('heading', { name: /Nhiệm vụ giao tại văn bản \(1\)/ }).waitFor();
    await page.getByRole('cell', { name: 'Báo cáo kết quả rà soát dữ liệu hộ tịch' }).waitFor();
    await expect(page.getByLabel('Trích yếu').inputValue()).resolves.toMatch(/^đôn đốc thực hiện các nhiệm vụ được giao tại Kế hoạch số \d+\/KH-UBND/);
    // A row added by hand.
    await page.getByRole('textbox', { name: 'Nội dung nhiệm vụ', exact: true }).fill('Tổng hợp kết quả số hóa gửi Sở Tư pháp');
    await page.locator('#task-add-lead').selectOption({ label: 'Sở Tư pháp' });
    await page.getByLabel(/^Thời gian hoàn thành/).fill('14h00 ngày 15/1/2028');
    await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm nhiệm vụ.' }).waitFor();
    await page.getByRole('heading', { name: /Nhiệm vụ giao tại văn bản \(2\)/ }).waitFor();
    await screenshot(page, '13-cong-van-don-doc');
    const letterId = page.url().split('/').slice(-2)[0];
    let rows = await t.owner(`SELECT ordinal, content, deadline_text, due_at, source_task_id FROM document_tasks WHERE document_id = $1 ORDER BY ordinal`, [letterId]);
    expect(rows.map((r: { content: string }) => r.content)).toEqual(['Báo cáo kết quả rà soát dữ liệu hộ tịch', 'Tổng hợp kết quả số hóa gửi Sở Tư pháp']);
    expect(rows[1].due_at).toEqual(new Date('2028-01-15T07:00:00Z'));
    // Edited in the same form: a new deadline; the first row still names the task it reminds of.
    await page.getByRole('button', { name: 'Sửa nhiệm vụ 2' }).click();
    await page.getByLabel(/^Thời gian hoàn thành/).fill('16/1/2028');
    await page.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã sửa nhiệm vụ 2.' }).waitFor();
    rows = await t.owner(`SELECT ordinal, content, deadline_text, due_at, source_task_id FROM document_tasks WHERE document_id = $1 ORDER BY ordinal`, [letterId]);
    expect(rows[1]).toMatchObject({ content: 'Tổng hợp kết quả số hóa gửi Sở Tư pháp', deadline_text: '16/1/2028', due_at: new Date('2028-01-16T16:59:59Z'), source_task_id: null });
    expect(rows[0].source_task_id).not.toBeNull();
    await page.goto(`/van-ban/${plan}`);
    await page.getByRole('heading', { name: 'DANH MỤC NHIỆM VỤ' }).waitFor();
    await page.getByRole('cell', { name: 'Số hóa 100% sổ hộ tịch lưu trữ tại cấp xã' }).waitFor();
    // The plan's page says where each lead unit stands on each task.
    const progress = page.getByRole('region', { name: 'Tình hình thực hiện nhiệm vụ' });
    await expect(progress.getByRole('listitem').filter({ hasText: 'Phòng Xây dựng và Kiểm tra văn bản' }).first().textContent()).resolves.toContain('Hoàn thành đúng hạn');
    await expect(progress.textContent()).resolves.toContain('Quá hạn');
    await context.close();
  });
});
