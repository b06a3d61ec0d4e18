import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The exchange endpoint (EXCHANGE_ENDPOINT): where edXML messages for agencies outside this system go — the provincial
 * LGSP hub or the national axis behind an HTTP URL, or a folder another program picks up.
 *
 * A message has a stable id (its outbox row). Sending the same message again is harmless: a folder gets the same file
 * name (written to a temporary name, then renamed: never half a file), an HTTP endpoint gets the same
 * `Idempotency-Key` and `X-Message-Id`. So a message sent just before a crash and sent again after it is still one
 * package at the receiver.
 */
export interface ExchangeEndpoint {
  send(messageId: string, xml: string): Promise<void>;
}

export function exchangeEndpoint(target: string, timeoutMs = 30_000): ExchangeEndpoint {
  return /^https?:\/\//i.test(target) ? httpEndpoint(target, timeoutMs) : folderEndpoint(target);
}

function folderEndpoint(folder: string): ExchangeEndpoint {
  return {
    async send(messageId, xml) {
      await mkdir(folder, { recursive: true });
      const file = path.join(folder, `${messageId}.edxml`);
      const temporary = path.join(folder, `.${messageId}.tmp`);
      await writeFile(temporary, xml, 'utf8');
      await rename(temporary, file);
    },
  };
}

function httpEndpoint(url: string, timeoutMs: number): ExchangeEndpoint {
  return {
    async send(messageId, xml) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Idempotency-Key': messageId, 'X-Message-Id': messageId },
        body: xml,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) {
        const text = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`the exchange answered ${res.status}${text ? `: ${text}` : ''}`);
      }
    },
  };
}

/** Back-off before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
