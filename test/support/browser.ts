import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Browser tests: playwright-core driving Debian's Chromium (installed by `npm test` through test/ensure-test-tools.mjs;
 * never a downloaded browser), against the built web app (web/dist, built by `npm test`) served by a test app.
 * Screenshots go to test-artifacts/web/.
 */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  const webIndex = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
  if (!fs.existsSync(webIndex)) throw new Error('web/dist is missing: run the tests through `npm test` (it builds the web app)');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** A person's own browser session, logged in through the login page. */
export async function signedIn(browser: Browser, baseURL: string, username: string, password: string, device = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...device, baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Hộp văn bản' }).waitFor();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
