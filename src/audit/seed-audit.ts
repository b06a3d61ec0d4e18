/**
 * Synthetic audit entries for measurement (`npm run audit:seed`, the bench): whole, valid hash chains of
 * documents going through the công văn route, with Vietnamese subjects and comments, spread over a time range.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './append-audit-entry.js';
import { chainIdOf } from './append-audit-entry.js';
import { GENESIS_HASH, hashEntry, type HashedFields } from './hash-entry.js';
import { foldText } from '../common/fold-text.js';

export interface SeedOptions {
  /** Entries are spread evenly over [startAt, endAt); default: the two years before now. */
  startAt?: Date;
  endAt?: Date;
  /** Rows per INSERT. */
  batchSize?: number;
  onProgress?: (done: number) => void;
}

export interface SeedResult {
  entries: number;
  chains: number;
  /** A sample of what was seeded, for queries. */
  documentIds: string[];
  numberSymbols: string[];
  actorIds: string[];
}

const TOPICS = [
  'chuyển đổi số', 'cải cách hành chính', 'phòng chống thiên tai', 'xây dựng nông thôn mới', 'phòng cháy chữa cháy',
  'an toàn thông tin mạng', 'giải ngân vốn đầu tư công', 'thu ngân sách nhà nước', 'Đề án 06', 'dịch vụ công trực tuyến',
  'sắp xếp đơn vị hành chính', 'bảo vệ môi trường', 'an toàn giao thông', 'phòng chống dịch bệnh', 'giảm nghèo bền vững',
  'phát triển du lịch', 'quản lý đất đai', 'xúc tiến đầu tư', 'khoa học và công nghệ', 'giáo dục và đào tạo',
];
const PLACES = ['Thanh Hóa', 'Thanh Hoá', 'các xã, phường', 'khu kinh tế Nghi Sơn', 'miền núi', 'ven biển'];
const VERBS = ['Triển khai', 'Tăng cường', 'Đôn đốc thực hiện', 'Báo cáo kết quả', 'Hướng dẫn', 'Tổng kết'];
const COMMENTS = [
  'Bổ sung căn cứ pháp lý.', 'Làm rõ trách nhiệm của các sở, ngành.', 'Sửa lại thể thức Nơi nhận.',
  'Cập nhật số liệu quý gần nhất.', 'Rà soát lại thời hạn hoàn thành.',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Bùi', 'Đặng', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Quang'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hoa', 'Lan', 'Nam', 'Tùng', 'Tuấn', 'Thịnh', 'Mai'];
const POSITIONS = ['Chuyên viên', 'Trưởng phòng', 'Phó Chánh Văn phòng', 'Phó Chủ tịch UBND tỉnh', 'Văn thư'];

/** A small deterministic generator, so that two runs seed the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Step = { action: string; from: string | null; to: string; fromStep: string | null; toStep: string; actor: number; comment?: boolean };

/** The route of one synthetic document: create, submit, reviews (sometimes a return and a new submit), sign, issue. */
function route(rand: () => number): Step[] {
  const steps: Step[] = [
    { action: 'create', from: null, to: 'drafting', fromStep: null, toStep: 'drafting', actor: 0 },
    { action: 'submit', from: 'drafting', to: 'review', fromStep: 'drafting', toStep: 'contentReview', actor: 0 },
  ];
  if (rand() < 0.3) {
    steps.push({ action: 'return', from: 'review', to: 'drafting', fromStep: 'contentReview', toStep: 'drafting', actor: 1, comment: true });
    steps.push({ action: 'edit', from: 'drafting', to: 'drafting', fromStep: 'drafting', toStep: 'drafting', actor: 0 });
    steps.push({ action: 'submit', from: 'drafting', to: 'review', fromStep: 'drafting', toStep: 'contentReview', actor: 0 });
  }
  steps.push(
    { action: 'approve', from: 'review', to: 'review', fromStep: 'contentReview', toStep: 'formatCheck', actor: 1 },
    { action: 'approve', from: 'review', to: 'signing', fromStep: 'formatCheck', toStep: 'signing', actor: 2, comment: rand() < 0.2 },
    { action: 'sign', from: 'signing', to: 'issuing', fromStep: 'signing', toStep: 'issuing', actor: 3 },
    { action: 'issue', from: 'issuing', to: 'distribution', fromStep: 'issuing', toStep: 'distribution', actor: 4 },
  );
  return steps;
}

/** Inserts `count` entries (whole chains; the last one may be cut short). Needs the audit partitions of the range. */
export async function seedAuditEntries(db: Queryable, count: number, opts: SeedOptions = {}): Promise<SeedResult> {
  const endAt = opts.endAt ?? new Date();
  const startAt = opts.startAt ?? new Date(endAt.getTime() - 2 * 365 * 86400_000);
  const batchSize = opts.batchSize ?? 5000;
  const rand = rng(count);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const actors = Array.from({ length: 200 }, (_, i) => ({
    id: randomUUID(),
    name: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
    position: POSITIONS[i % POSITIONS.length],
  }));
  const startYear = startAt.getUTCFullYear();
  for (let y = startYear; y <= endAt.getUTCFullYear(); y++) await db.query('SELECT audit_ensure_partition($1)', [y]);

  const span = endAt.getTime() - startAt.getTime();
  const result: SeedResult = { entries: 0, chains: 0, documentIds: [], numberSymbols: [], actorIds: actors.map((a) => a.id) };
  const columns: unknown[][] = Array.from({ length: 21 }, () => []);
  const heads: Array<[string, number, string]> = [];
  let number = 0;

  const flush = async () => {
    if (columns[0].length === 0) return;
    await db.query(
      `INSERT INTO audit_entries (at, chain_id, chain_seq, actor_id, actor_name, actor_position, action, document_id,
         number_symbol, subject, from_state, to_state, from_step, to_step, comment, request_id, client_ip, user_agent,
         search_text, prev_hash, hash)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[],
         $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
         $17::text[], $18::text[], $19::text[], $20::text[], $21::text[])`,
      columns,
    );
    await db.query(
      `INSERT INTO audit_chain_heads (chain_id, seq, head_hash) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])`,
      [heads.map((h) => h[0]), heads.map((h) => h[1]), heads.map((h) => h[2])],
    );
    for (const c of columns) c.length = 0;
    heads.length = 0;
    opts.onProgress?.(result.entries);
  };

  while (result.entries < count) {
    const documentId = randomUUID();
    const chainId = chainIdOf(documentId, null);
    const subject = `${pick(VERBS)} ${pick(TOPICS)} tại ${pick(PLACES)} năm ${2020 + Math.floor(rand() * 7)} (đợt ${1 + Math.floor(rand() * 40)})`;
    const team = [pick(actors), pick(actors), pick(actors), pick(actors), pick(actors)];
    let prevHash = GENESIS_HASH;
    let seq = 0;
    let numberSymbol: string | null = null;
    for (const step of route(rand)) {
      if (result.entries >= count) break;
      if (step.action === 'issue') numberSymbol = `${String(++number).padStart(2, '0')}/UBND-CNTT`;
      const actor = team[step.actor];
      const at = new Date(Math.floor(startAt.getTime() + (span * result.entries) / count + rand() * 1000));
      const fields: HashedFields = {
        chainId,
        chainSeq: ++seq,
        at,
        actorId: actor.id,
        actorName: actor.name,
        actorPosition: actor.position,
        action: step.action,
        documentId,
        numberSymbol,
        subject,
        fromState: step.from,
        toState: step.to,
        fromStep: step.fromStep,
        toStep: step.toStep,
        comment: step.comment ? pick(COMMENTS) : null,
        requestId: randomUUID(),
        clientIp: '10.0.0.1',
        userAgent: 'congvan-seed',
      };
      const hash = hashEntry(prevHash, fields);
      const row = [
        at, chainId, fields.chainSeq, fields.actorId, fields.actorName, fields.actorPosition, fields.action, documentId,
        numberSymbol, subject, fields.fromState, fields.toState, fields.fromStep, fields.toStep, fields.comment,
        fields.requestId, fields.clientIp, fields.userAgent, foldText(`${subject} ${fields.comment ?? ''}`), prevHash, hash,
      ];
      row.forEach((v, i) => columns[i].push(v));
      prevHash = hash;
      result.entries++;
    }
    heads.push([chainId, seq, prevHash]);
    result.chains++;
    if (result.documentIds.length < 1000 && rand() < 0.05) {
      result.documentIds.push(documentId);
      if (numberSymbol) result.numberSymbols.push(numberSymbol);
    }
    if (columns[0].length >= batchSize) await flush();
  }
  await flush();
  return result;
}
