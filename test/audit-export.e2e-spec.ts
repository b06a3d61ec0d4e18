import { beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './support/test-app.js';
import { act, createDraft, type Directory, type Tokens, useDemoApp } from './support/factories.js';

let t: TestApp;
let tokens: Tokens;
let dir: Directory;
let base: string;
useDemoApp((demo) => ({ t, tokens, dir } = demo));

beforeAll(async () => {
  await t.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
});

/** Streams a response, keeping only counts: what a browser saving the file does. */
function download(path: string, token: string, onChunk: (chunk: Buffer) => void = () => undefined) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; lines: number; head: string }>((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers: { Authorization: token } }, (res) => {
        let bytes = 0;
        let lines = 0;
        let head = '';
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (head.length < 4000) head += chunk.toString('utf8');
          for (const b of chunk) if (b === 10) lines++;
          onChunk(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes, lines, head }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('CSV export of the audit trail', () => {
  it('exports a query as UTF-8 CSV with a BOM and Vietnamese headers', async () => {
    const d = await createDraft(t, tokens, dir, { subject: 'Báo cáo "nhanh", số liệu quý I' });
    await act(t, tokens.chuyenvien, d.id, 'submit');
    await act(t, tokens.truongphong, d.id, 'return', { comment: 'Sửa lại:\nthiếu số liệu' });
    const res = await download(`/api/audit/export?documentId=${d.id}`, tokens.chuyenvien);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="nhat-ky-\d{8}-\d{6}\.csv"$/);
    expect(res.head.charCodeAt(0)).toBe(0xfeff);
    const text = res.head.slice(1);
    expect(text.split('\r\n')[0]).toMatch(/^Mã bản ghi,Thời gian,Người thực hiện,Chức vụ/);
    expect(text).toContain('"Báo cáo ""nhanh"", số liệu quý I"');
    expect(text).toContain('"Sửa lại:\nthiếu số liệu"');
    expect(text).toMatch(/\+07:00/);
    expect(text.trim().split('\r\n')).toHaveLength(1 + 3);
  });

  it('answers a refusal as JSON, not as a CSV file to save', async () => {
    const res = await t.http.get('/api/audit/export?action=create').set('Authorization', tokens.chuyenvien);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('streams 100,000 rows in flat memory', async () => {
    // 100,000 entries straight into the table (as the owner): the export reads whatever is there.
    await t.owner(`
      INSERT INTO audit_entries (at, chain_id, chain_seq, actor_id, actor_name, actor_position, action, document_id,
        subject, comment, request_id, client_ip, user_agent, search_text, prev_hash, hash)
      SELECT now() - (g || ' seconds')::interval, 'bulk:' || (g / 10), g % 10 + 1, gen_random_uuid(), 'Nguyễn Văn An',
        'Chuyên viên', 'approve', gen_random_uuid(), 'Triển khai chuyển đổi số số ' || g, 'Ý kiến, có dấu phẩy ' || g,
        md5(g::text), '127.0.0.1', 'bulk', '', md5(g::text), md5((g + 1)::text)
      FROM generate_series(1, 100000) AS g`);
    // Live memory, measured after a full collection (npm test runs node with --expose-gc), every 500 ms: a full
    // collection of Jest's heap stops the export (same process) while it runs, so not more often.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run through npm test: node needs --expose-gc');
    const live = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = live();
    let peak = before;
    let samples = 0;
    // Chained, not an interval: 500 ms of export between two collections however long a collection takes.
    let timer: NodeJS.Timeout;
    const sample = () => {
      peak = Math.max(peak, live());
      samples++;
      timer = setTimeout(sample, 500);
    };
    timer = setTimeout(sample, 500);
    const res = await download('/api/audit/export?action=approve', tokens.luutru);
    clearTimeout(timer);
    expect(samples).toBeGreaterThan(2);
    expect(res.status).toBe(200);
    expect(res.lines).toBeGreaterThanOrEqual(100_001);
    expect(res.bytes).toBeGreaterThan(25_000_000);
    const grown = peak - before;
    // Buffering the export would grow the live heap by its size at least; streaming keeps it to a few batches.
    expect(grown).toBeLessThan(res.bytes / 4);
    console.log(`exported ${res.lines} lines, ${(res.bytes / 1e6).toFixed(1)} MB; heap grew at most ${(grown / 1e6).toFixed(1)} MB`);
  }, 300_000);
});
