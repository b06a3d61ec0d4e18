import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/test-app.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signedIn } from './support/browser.js';

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
