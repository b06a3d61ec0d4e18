/**
 * Synthetic audit entries for measurement (`npm run audit:seed`, `npm run bench`): whole, valid hash chains of
 * documents going through the công văn route (create, edits, submit, reviews with occasional returns, sign, issue,
 * reads, complete), with diverse Vietnamese subjects, written by ~200 synthetic people over a time range.
 *
 * Entries come out in time order with documents interleaved (a few thousand in progress at once, as in an office),
 * so ids follow time as they do in production. Each batch is one INSERT of its entries plus the upsert of the chain
 * heads it moved, in one statement: after every batch the table verifies. Memory stays bounded: only the batch and
 * the documents in progress are held.
 */
import { randomUUID } from 'node:crypto';
import type { Client, ClientBase, PoolClient } from 'pg';
import { foldText } from '../common/fold-text.js';
import { chainIdOf } from './append-audit-entry.js';
import { GENESIS_HASH, hashEntry, type HashedFields } from './hash-entry.js';

export interface SeedAuditOptions {
  /** Mean entries per document; each document gets chainLength ± 2 (default 10, so 8–12). */
  chainLength?: number;
  /** Entries are spread over [startAt, endAt], increasing within a chain; default: the two years up to now. */
  startAt?: Date;
  endAt?: Date;
  /** Called after every batch with the number of entries written so far. */
  onProgress?: (done: number) => void;
  /** Rows per INSERT (default 10,000). */
  batchSize?: number;
  /** Seed of the generator (subjects, people, routes); random by default. Ids are always random. */
  seed?: number;
}

export interface SeedAuditResult {
  entries: number;
  chains: number;
  /** A uniform sample (up to 1,000) of the seeded documents, for queries. */
  documentIds: string[];
  /** A uniform sample (up to 1,000) of the numbers given by the seeded issue entries. */
  numberSymbols: string[];
  /** Every synthetic actor. */
  actorIds: string[];
}

const SAMPLE_SIZE = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

const TOPICS = [
  'chuyển đổi số', 'cải cách hành chính', 'phòng chống thiên tai', 'phòng, chống lụt, bão', 'xây dựng nông thôn mới',
  'phòng cháy, chữa cháy', 'bảo đảm an toàn thông tin mạng', 'giải ngân vốn đầu tư công', 'thu ngân sách nhà nước',
  'Đề án 06', 'dịch vụ công trực tuyến toàn trình', 'sắp xếp đơn vị hành chính cấp xã', 'bảo vệ môi trường',
  'bảo đảm trật tự an toàn giao thông', 'phòng, chống dịch bệnh', 'giảm nghèo bền vững', 'phát triển du lịch',
  'quản lý đất đai', 'xúc tiến đầu tư', 'ứng dụng khoa học và công nghệ', 'đổi mới giáo dục và đào tạo',
  'chăm sóc sức khỏe nhân dân', 'phòng, chống tham nhũng, tiêu cực', 'tiếp công dân, giải quyết khiếu nại, tố cáo',
  'thực hành tiết kiệm, chống lãng phí', 'xây dựng chính quyền số', 'cơ sở dữ liệu quốc gia về dân cư',
  'sử dụng chữ ký số chuyên dùng', 'công tác văn thư, lưu trữ', 'kiểm soát thủ tục hành chính',
  'phổ biến, giáo dục pháp luật', 'bảo hiểm xã hội, bảo hiểm y tế', 'phát triển nhà ở xã hội',
  'phòng, chống đói, rét cho cây trồng, vật nuôi', 'trồng rừng và bảo vệ rừng', 'cấp nước sạch nông thôn',
  'bảo đảm an toàn thực phẩm', 'quản lý thị trường dịp Tết Nguyên đán', 'tuyển sinh đầu cấp',
  'kỳ thi tốt nghiệp trung học phổ thông', 'đền ơn đáp nghĩa', 'xóa nhà tạm, nhà dột nát',
  'phát triển Khu kinh tế Nghi Sơn', 'thực hiện Quy hoạch tỉnh', 'thu hút đầu tư trực tiếp nước ngoài',
  'hỗ trợ doanh nghiệp nhỏ và vừa', 'phát triển kinh tế tập thể, hợp tác xã', 'các chương trình mục tiêu quốc gia',
  'phát triển kinh tế biển', 'ứng phó với biến đổi khí hậu', 'diễn tập khu vực phòng thủ', 'hội nhập quốc tế',
];
const VERBS = [
  'V/v triển khai', 'V/v tăng cường', 'V/v đôn đốc thực hiện', 'V/v báo cáo kết quả', 'V/v hướng dẫn thực hiện',
  'V/v tổng kết', 'V/v góp ý dự thảo Kế hoạch', 'V/v đẩy mạnh', 'V/v rà soát, đánh giá', 'V/v kiểm tra',
  'V/v chấn chỉnh', 'V/v phối hợp thực hiện', 'V/v cung cấp số liệu về', 'V/v tổ chức hội nghị sơ kết',
  'Thông báo kết luận của Chủ tịch UBND tỉnh về', 'Báo cáo tình hình',
];
const AGENCIES = [
  'Sở Khoa học và Công nghệ', 'Sở Tư pháp', 'Sở Tài chính', 'Sở Nông nghiệp và Môi trường', 'Sở Nội vụ', 'Sở Y tế',
  'Sở Giáo dục và Đào tạo', 'Sở Xây dựng', 'Sở Công Thương', 'Sở Văn hóa, Thể thao và Du lịch', 'Công an tỉnh',
  'Bộ Chỉ huy Quân sự tỉnh', 'Trung tâm Phục vụ hành chính công tỉnh', 'Ban Quản lý Khu kinh tế Nghi Sơn và các KCN',
];
const COMMUNES = ['Nghi Sơn', 'Sầm Sơn', 'Bỉm Sơn', 'Hạc Thành', 'Quảng Xương', 'Như Xuân', 'Mường Lát', 'Bá Thước', 'Ngọc Lặc', 'Hoằng Hóa'];
const RETURN_COMMENTS = [
  'Bổ sung căn cứ pháp lý.', 'Làm rõ trách nhiệm của các sở, ngành.', 'Sửa lại thể thức phần Nơi nhận.',
  'Cập nhật số liệu quý gần nhất.', 'Rà soát lại thời hạn hoàn thành.', 'Trích yếu chưa phản ánh đúng nội dung.',
  'Đề nghị lấy ý kiến Sở Tư pháp trước khi trình.', 'Thiếu phụ lục kèm theo.', 'Viết hoa chưa đúng quy định tại Nghị định 30.',
  'Thống nhất số liệu với báo cáo của Sở Tài chính.', 'Rút gọn phần mở đầu.', 'Kiểm tra lại tên cơ quan nhận văn bản.',
];
const APPROVE_COMMENTS = ['Đồng ý, trình ký.', 'Nội dung đạt.', 'Thể thức đạt, trình lãnh đạo ký.', 'Đã kiểm tra.'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Bùi', 'Đặng', 'Ngô', 'Dương', 'Lý', 'Trịnh', 'Mai'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Quang', 'Ngọc', 'Thanh', 'Hữu', 'Xuân'];
const GIVEN = [
  'An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hoa', 'Lan', 'Nam', 'Tùng', 'Tuấn', 'Thịnh', 'Mai', 'Hương', 'Hùng', 'Long',
  'Phương', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Việt', 'Yến', 'Khánh', 'Linh', 'Hải', 'Giang', 'Đạt', 'Nhung', 'Chi', 'Huyền',
];
/** Drafting units of the Văn phòng UBND tỉnh: [symbol part, name]. */
const UNITS: Array<[string, string]> = [
  ['CNTT', 'Công nghệ thông tin'], ['TH', 'Tổng hợp'], ['KGVX', 'Khoa giáo - Văn xã'],
  ['NC', 'Nội chính'], ['KTTC', 'Kinh tế tài chính'], ['NN', 'Nông nghiệp'],
];

// ---------------------------------------------------------------------------------------------------------------
// Generator

/** sfc32: small, fast, good enough for synthetic data. */
function generator(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

interface Actor {
  id: string;
  name: string;
  position: string;
  /** The address their requests come from. */
  ip: string;
}

interface People {
  all: Actor[];
  /** Per unit: its chuyên viên and its heads. */
  drafters: Actor[][];
  heads: Actor[][];
  formatCheckers: Actor[];
  signers: Actor[];
  clerks: Actor[];
  readers: Actor[];
}

function makePeople(rand: () => number): People {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const all: Actor[] = [];
  const person = (position: string): Actor => {
    const ip = `10.38.${Math.floor(all.length / 250)}.${(all.length % 250) + 2}`;
    const a = { id: randomUUID(), name: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`, position, ip };
    all.push(a);
    return a;
  };
  const times = (n: number, position: string) => Array.from({ length: n }, () => person(position));
  const drafters = UNITS.map(([, name]) => times(22, `Chuyên viên Phòng ${name}`)); // 132
  const heads = UNITS.map(([, name]) => [person(`Trưởng phòng ${name}`), ...times(2, `Phó Trưởng phòng ${name}`)]); // 18
  const formatCheckers = [person('Chánh Văn phòng UBND tỉnh'), ...times(4, 'Phó Chánh Văn phòng UBND tỉnh'), ...times(4, 'Chuyên viên Phòng Hành chính - Tổ chức')]; // 9
  const signers = [person('Chủ tịch UBND tỉnh'), ...times(5, 'Phó Chủ tịch UBND tỉnh')]; // 6
  const clerks = times(12, 'Văn thư Văn phòng UBND tỉnh'); // 12
  const readers = [...times(15, 'Lưu trữ viên'), ...times(8, 'Chuyên viên Phòng Nội chính')]; // 23
  return { all, drafters, heads, formatCheckers, signers, clerks, readers };
}

function makeSubject(rand: () => number, year: number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const n = (max: number) => 1 + Math.floor(rand() * max);
  const r = rand();
  const where =
    r < 0.18 ? ' trên địa bàn tỉnh Thanh Hóa'
    : r < 0.3 ? ' trên địa bàn tỉnh Thanh Hoá'
    : r < 0.45 ? ` của ${pick(AGENCIES)}`
    : r < 0.55 ? ` tại xã, phường ${pick(COMMUNES)}`
    : r < 0.62 ? ' tại các xã miền núi'
    : r < 0.67 ? ' tại các xã ven biển'
    : '';
  const s = rand();
  const tail =
    s < 0.25 ? ` năm ${year}`
    : s < 0.4 ? ` quý ${n(4)} năm ${year}`
    : s < 0.5 ? ` 6 tháng đầu năm ${year}`
    : s < 0.65 ? ` theo Kế hoạch số ${n(450)}/KH-UBND`
    : s < 0.75 ? ` theo Chỉ thị số ${n(40)}/CT-UBND`
    : s < 0.85 ? ` (đợt ${n(12)})`
    : s < 0.9 ? `, giai đoạn ${year}-${year + 4}`
    : '';
  return `${pick(VERBS)} ${pick(TOPICS)}${where}${tail}`;
}

type Stage = 'contentReview' | 'formatCheck' | 'signing';
const STAGES: Stage[] = ['contentReview', 'formatCheck', 'signing'];
type Role = 'drafter' | 'head' | 'formatChecker' | 'signer' | 'clerk' | 'reader';

interface Step {
  action: string;
  role: Role;
  from: [string, string] | null;
  to: [string, string];
  comment: string | null;
}

const DRAFTING: [string, string] = ['drafting', 'drafting'];
const AT: Record<Stage, [string, string]> = {
  contentReview: ['review', 'contentReview'],
  formatCheck: ['review', 'formatCheck'],
  signing: ['signing', 'signing'],
};
const ISSUING: [string, string] = ['issuing', 'issuing'];
const DISTRIBUTION: [string, string] = ['distribution', 'distribution'];
const ROLE_AT: Record<Stage, Role> = { contentReview: 'head', formatCheck: 'formatChecker', signing: 'signer' };

/**
 * The route of one document, `length` entries long when it is carried through: create, submit, approve, approve,
 * sign, issue, complete (7), the rest made of returns with a comment (each followed by an edit and a new submit),
 * edits and reads. Shorter than 7: a document still on its way. 2% are withdrawn before signing.
 */
function planRoute(rand: () => number, length: number): Step[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const steps: Step[] = [{ action: 'create', role: 'drafter', from: null, to: DRAFTING, comment: null }];
  const edit = () => steps.push({ action: 'edit', role: 'drafter', from: DRAFTING, to: DRAFTING, comment: null });
  const submit = () => steps.push({ action: 'submit', role: 'drafter', from: DRAFTING, to: AT.contentReview, comment: null });
  const approve = (stage: Stage) => {
    const next = stage === 'contentReview' ? AT.formatCheck : stage === 'formatCheck' ? AT.signing : ISSUING;
    const action = stage === 'signing' ? 'sign' : 'approve';
    steps.push({ action, role: ROLE_AT[stage], from: AT[stage], to: next, comment: rand() < 0.1 ? pick(APPROVE_COMMENTS) : null });
  };
  // Returns: each costs return + edit + submit + the approvals before its stage.
  let slack = Math.max(0, length - 7);
  const returns: Stage[] = [];
  while (slack >= 3 && rand() < 0.45) {
    const stage = STAGES[Math.min(Math.floor(rand() * rand() * 3), Math.min(2, slack - 3))];
    returns.push(stage);
    slack -= 3 + STAGES.indexOf(stage);
  }
  const edits = Math.floor(rand() * (slack + 1));
  const reads = slack - edits;
  for (let i = 0; i < edits; i++) edit();
  submit();
  if (rand() < 0.02) {
    steps.push({ action: 'withdraw', role: 'drafter', from: AT.contentReview, to: ['withdrawn', 'withdrawn'], comment: 'Thu hồi để điều chỉnh nội dung.' });
    return steps;
  }
  for (const stage of returns) {
    for (const s of STAGES.slice(0, STAGES.indexOf(stage))) approve(s);
    steps.push({ action: 'return', role: ROLE_AT[stage], from: AT[stage], to: DRAFTING, comment: pick(RETURN_COMMENTS) });
    edit();
    submit();
  }
  for (const s of STAGES) approve(s);
  steps.push({ action: 'issue', role: 'clerk', from: ISSUING, to: DISTRIBUTION, comment: null });
  for (let i = 0; i < reads; i++) {
    steps.push({ action: rand() < 0.7 ? 'read' : 'read-history', role: 'reader', from: DISTRIBUTION, to: DISTRIBUTION, comment: null });
  }
  steps.push({ action: 'complete', role: 'clerk', from: DISTRIBUTION, to: ['completed', 'completed'], comment: null });
  return length < 7 ? steps.slice(0, Math.max(1, length)) : steps;
}

/** A document in progress. */
interface Chain {
  documentId: string;
  chainId: string;
  subject: string;
  unit: number;
  team: Record<Role, Actor>;
  steps: Step[];
  seq: number;
  prevHash: string;
  lastAt: number;
  numberSymbol: string | null;
}

const COLUMNS = 21;

/**
 * Inserts `count` synthetic, valid audit entries (whole hash chains per document, plus their chain heads) and
 * returns what was seeded. Runs on the owner's connection or the application role's; makes the yearly partitions
 * of the range first. The documents still in progress when `count` is reached are left mid-route, as in life.
 */
export async function seedAuditEntries(
  client: Client | PoolClient,
  count: number,
  opts: SeedAuditOptions = {},
): Promise<SeedAuditResult> {
  const db: ClientBase = client;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  const endAt = opts.endAt ?? new Date();
  const startAt = opts.startAt ?? new Date(endAt.getTime() - 2 * 365 * 86400_000);
  const span = endAt.getTime() - startAt.getTime();
  if (span < 0) throw new Error('startAt must not be after endAt');
  const chainLength = Math.max(1, Math.round(opts.chainLength ?? 10));
  const batchSize = Math.max(1, opts.batchSize ?? 10_000);
  const rand = generator(opts.seed ?? Math.floor(Math.random() * 2 ** 32));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const people = makePeople(rand);

  for (let y = startAt.getUTCFullYear(); y <= endAt.getUTCFullYear(); y++) {
    await db.query('SELECT audit_ensure_partition($1)', [y]);
  }
  // Numbers go on from the chains already there, so that seeding twice gives no number twice.
  const { rows: [existing] } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_chain_heads`);
  let lastNumber = existing.n;

  const result: SeedAuditResult = { entries: 0, chains: 0, documentIds: [], numberSymbols: [], actorIds: people.all.map((a) => a.id) };
  let issued = 0;
  /** Reservoir sampling: every document (number) has the same chance to be in the sample. */
  const sample = (xs: string[], seen: number, x: string) => {
    if (xs.length < SAMPLE_SIZE) xs.push(x);
    else {
      const j = Math.floor(rand() * seen);
      if (j < SAMPLE_SIZE) xs[j] = x;
    }
  };

  const newChain = (at: number): Chain => {
    const documentId = randomUUID();
    const unit = Math.floor(rand() * UNITS.length);
    const length = chainLength - 2 + Math.floor(rand() * 5);
    result.chains++;
    sample(result.documentIds, result.chains, documentId);
    return {
      documentId,
      chainId: chainIdOf(documentId, null),
      subject: makeSubject(rand, new Date(at).getUTCFullYear()),
      unit,
      team: {
        drafter: pick(people.drafters[unit]),
        head: pick(people.heads[unit]),
        formatChecker: pick(people.formatCheckers),
        signer: pick(people.signers),
        clerk: pick(people.clerks),
        reader: pick(people.readers),
      },
      steps: planRoute(rand, length),
      seq: 0,
      prevHash: GENESIS_HASH,
      lastAt: -Infinity,
      numberSymbol: null,
    };
  };

  // Documents in progress at once: a chain then spans about 2% of the range (two weeks over two years).
  const inProgress = Math.max(1, Math.min(2000, Math.round(count / chainLength / 50)));
  const active: Chain[] = [];

  let columns: unknown[][] = Array.from({ length: COLUMNS }, () => []);
  let moved = new Map<string, Chain>();
  let pending: Promise<unknown> = Promise.resolve();

  const flush = async () => {
    const cols = columns;
    const heads = [...moved.values()].map((c) => [c.chainId, c.seq, c.prevHash] as const);
    columns = Array.from({ length: COLUMNS }, () => []);
    moved = new Map();
    if (cols[0].length === 0) return;
    const done = result.entries;
    // Generation of the next batch overlaps with this insert; one insert at a time.
    await pending;
    pending = (async () => {
      // Each batch is a transaction of its own. A larger GIN pending list and work_mem (for merging it) make the
      // trigram index's upkeep cheaper in bulk; SET LOCAL keeps a pooled connection as it was.
      await db.query('BEGIN');
      try {
        await db.query(`SELECT set_config('work_mem', '256MB', true), set_config('gin_pending_list_limit', '65536', true)`);
        await db.query(
          `WITH entries AS (
             INSERT INTO audit_entries (at, chain_id, chain_seq, actor_id, actor_name, actor_position, action, document_id,
               number_symbol, subject, from_state, to_state, from_step, to_step, comment, request_id, client_ip, user_agent,
               search_text, prev_hash, hash)
             SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[],
               $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
               $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[]))
           INSERT INTO audit_chain_heads (chain_id, seq, head_hash)
           SELECT * FROM unnest($22::text[], $23::int[], $24::text[])
           ON CONFLICT (chain_id) DO UPDATE SET seq = excluded.seq, head_hash = excluded.head_hash`,
          [...cols, heads.map((h) => h[0]), heads.map((h) => h[1]), heads.map((h) => h[2])],
        );
        await db.query('COMMIT');
      } catch (err) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      opts.onProgress?.(done);
    })();
    // Keep the rejection observed until it is awaited.
    pending.catch(() => undefined);
  };

  for (let i = 0; i < count; i++) {
    // Entry i falls in the i-th slot of the range; a random document in progress makes it.
    let k = Math.floor(rand() * inProgress);
    if (k >= active.length) {
      k = active.length;
      active.push(newChain(startAt.getTime() + (span * i) / count));
    }
    const chain = active[k];
    const step = chain.steps[chain.seq];
    const slot = startAt.getTime() + (span * (i + rand())) / count;
    const at = new Date(Math.max(Math.floor(slot), chain.lastAt));
    if (step.action === 'issue') {
      chain.numberSymbol = `${String(++lastNumber).padStart(2, '0')}/UBND-${UNITS[chain.unit][0]}`;
      sample(result.numberSymbols, ++issued, chain.numberSymbol);
    }
    const actor = chain.team[step.role];
    const fields: HashedFields = {
      chainId: chain.chainId,
      chainSeq: ++chain.seq,
      at,
      actorId: actor.id,
      actorName: actor.name,
      actorPosition: actor.position,
      action: step.action,
      documentId: chain.documentId,
      numberSymbol: chain.numberSymbol,
      subject: chain.subject,
      fromState: step.from?.[0] ?? null,
      toState: step.to[0],
      fromStep: step.from?.[1] ?? null,
      toStep: step.to[1],
      comment: step.comment,
      requestId: randomUUID(),
      clientIp: actor.ip,
      userAgent: 'congvan-seed',
    };
    const hash = hashEntry(chain.prevHash, fields);
    const row = [
      at, fields.chainId, fields.chainSeq, fields.actorId, fields.actorName, fields.actorPosition, fields.action,
      fields.documentId, fields.numberSymbol, fields.subject, fields.fromState, fields.toState, fields.fromStep,
      fields.toStep, fields.comment, fields.requestId, fields.clientIp, fields.userAgent,
      foldText(`${fields.subject ?? ''} ${fields.comment ?? ''}`), chain.prevHash, hash,
    ];
    for (let c = 0; c < COLUMNS; c++) columns[c].push(row[c]);
    chain.prevHash = hash;
    chain.lastAt = at.getTime();
    moved.set(chain.chainId, chain);
    result.entries++;
    if (chain.seq === chain.steps.length) active[k] = active[active.length - 1], active.pop();
    if (columns[0].length >= batchSize) {
      await flush();
      // Let the socket take the query while the next batch is generated.
      await new Promise((resolve) => setImmediate(resolve));
    } else if (i % 1000 === 999) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await flush();
  await pending;
  await cleanPendingLists(db);
  return result;
}

/**
 * Merges what the batches left in the GIN pending lists of the audit partitions into the indexes, so that searches
 * do not scan it (VACUUM would do it too). Needs the owner; on the application role's connection it is left to
 * autovacuum.
 */
async function cleanPendingLists(db: ClientBase): Promise<void> {
  try {
    await db.query(`SELECT gin_clean_pending_list(i.indexrelid)
                      FROM pg_inherits p
                      JOIN pg_index i ON i.indrelid = p.inhrelid
                      JOIN pg_class c ON c.oid = i.indexrelid
                      JOIN pg_am am ON am.oid = c.relam AND am.amname = 'gin'
                     WHERE p.inhparent = 'audit_entries'::regclass`);
  } catch {
    // Not the owner of the indexes: autovacuum will do it.
  }
}
