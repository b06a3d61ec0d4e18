/**
 * edXML messages of QCVN 102:2016/BTTTT (the technical standard for the structure of electronic document packages
 * exchanged between agencies), namespace `http://www.mic.gov.vn/TBT/QCVN_102_2016`, prefix `edXML`.
 * Pure functions: build a document package or a status message, and parse either back.
 *
 * Sources followed for the structure (no XSD of the standard is published; these are the SDKs and integrations the
 * national exchange axis (VXP / LGSP) is used through):
 * - Bkav eDoc SDK / service (Java, jdom2): `BaseXmlBuilder`, `StatusXmlBuilder`, `ExtractMime`, `EdXmlConstant`
 *   (root `edXML` in the default namespace; `edXMLEnvelope` with the `edXML` prefix; `AttachmentEncoded` a sibling
 *   of the envelope; a status is `edXML > edXMLEnvelope > edXMLHeader > Status`);
 * - builders written against the VPCP .NET SDK sample `edoc_new.edxml` (MessageHeader items 1.1–1.14 in order, with
 *   DocumentId last; `Bussiness` is a child of `TraceHeaderList`, next to the `TraceHeader`s; dates `yyyy/MM/dd`,
 *   timestamps `yyyy/MM/dd HH:mm:ss`);
 * - Bkav eGovCloud DTOs: BussinessDocType 0 new, 1 recall (thu hồi), 2 update (cập nhật), 3 replace (thay thế);
 *   Priority 0..3 in increasing urgency; status codes 01 arrived, 02 refused, 03 accepted (vào sổ), 04 assigned,
 *   05 being processed, 06 completed, 13 take-back requested, 15 take-back accepted, 16 take-back refused.
 * The standard really spells `Bussiness` / `BussinessDocType` / `BussinessDocReason` with a double s.
 *
 * Package (văn bản):
 * ```
 * <?xml version="1.0" encoding="UTF-8"?>
 * <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
 *  <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
 *   <edXML:edXMLHeader>
 *    <edXML:MessageHeader>
 *     <edXML:From> OrganId OrganName OrganAdd Email Telephone </edXML:From>
 *     <edXML:To> (same fields) </edXML:To>                         one per receiving agency
 *     <edXML:Code> CodeNumber CodeNotation </edXML:Code>            "05" and "UBND-CNTT" for 05/UBND-CNTT
 *     <edXML:PromulgationInfo> Place PromulgationDate </edXML:PromulgationInfo>
 *     <edXML:DocumentType> Type TypeName </edXML:DocumentType>
 *     <edXML:Subject/> <edXML:Content/>
 *     <edXML:SignerInfo> Competence Position FullName </edXML:SignerInfo>
 *     <edXML:DueDate/>
 *     <edXML:ToPlaces> Place* </edXML:ToPlaces>                     the "Nơi nhận" lines
 *     <edXML:OtherInfo> Priority SphereOfPromulgation TyperNotation PromulgationAmount PageAmount </edXML:OtherInfo>
 *     <edXML:DocumentId>000.00.00.H56,2026/12/01,05/UBND-CNTT</edXML:DocumentId>
 *    </edXML:MessageHeader>
 *    <edXML:TraceHeaderList>
 *     <edXML:TraceHeader> OrganId Timestamp </edXML:TraceHeader>*
 *     <edXML:Bussiness> BussinessDocType BussinessDocReason </edXML:Bussiness>
 *    </edXML:TraceHeaderList>
 *   </edXML:edXMLHeader>
 *   <edXML:edXMLBody>
 *    <edXML:edXMLManifest version="1.0">
 *     <edXML:Reference xlink:href="cid:att1" xlink:type="simple"> ContentId AttachmentName ContentType Description
 *     </edXML:Reference>*
 *    </edXML:edXMLManifest>
 *   </edXML:edXMLBody>
 *  </edXML:edXMLEnvelope>
 *  <AttachmentEncoded>                                              default namespace, i.e. the edXML namespace
 *   <Attachment> ContentId ContentType Description AttachmentName ContentTransferEncoded(base64) </Attachment>*
 *  </AttachmentEncoded>
 * </edXML>
 * ```
 * Status message: `edXML > edXMLEnvelope > (edXMLHeader > Status, edXMLBody)`, where Status holds
 * `ResponseFor (OrganId Code PromulgationDate DocumentId)`, `From (organ)`, `StatusCode`, `Description`,
 * `Timestamp`, `StaffInfo (Department Staff Mobile Email)`.
 *
 * Parsing is namespace-aware (prefixes are resolved, not matched literally) and tolerant of the layouts seen in the
 * field: the root may be the `edXML` wrapper or the `edXMLEnvelope` itself; `Bussiness` may sit in `TraceHeaderList`
 * or directly in `edXMLHeader`; `AttachmentEncoded` may be a sibling of the envelope or inside it; children may be
 * in the edXML namespace or in no namespace. Values are never converted by the XML parser (CodeNumber "05" stays
 * "05"); text is NFC-normalised on build and on parse; empty optional elements read back as null. Security: a
 * DOCTYPE anywhere is refused, entities are never expanded by the parser (only the five predefined ones and
 * character references are decoded, by this module), other entity references are refused.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { STATUS_NAMES } from './status-codes.js';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

export interface EdxmlOrgan {
  organId: string;
  organName: string;
  organAdd?: string | null;
  email?: string | null;
  telephone?: string | null;
}

export interface EdxmlAttachment {
  name: string;
  contentType: string;
  description?: string | null;
  content: Buffer;
}

/** BussinessDocType: 0 new document, 1 recall (thu hồi), 2 update (cập nhật), 3 replace (thay thế). */
export type EdxmlBusinessType = 0 | 1 | 2 | 3;

export interface EdxmlPackage {
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  documentId: string;
  codeNumber: string;
  codeNotation: string;
  place: string;
  /** yyyy/MM/dd */
  promulgationDate: string;
  /** DocumentType/Type, the code of the document type; written as "1" when absent. */
  typeCode?: string | null;
  typeName: string;
  subject: string;
  content?: string | null;
  signer: { competence: string; position: string; fullName: string };
  /** yyyy/MM/dd */
  dueDate?: string | null;
  toPlaces: string[];
  /** 0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc. */
  priority: 0 | 1 | 2 | 3;
  promulgationAmount?: number | null;
  pageAmount?: number | null;
  traces: Array<{ organId: string; timestamp: string }>;
  business: { type: EdxmlBusinessType; reason?: string | null };
  attachments: EdxmlAttachment[];
}

export interface EdxmlStatus {
  responseFor: { organId: string; code: string; promulgationDate: string; documentId: string };
  from: EdxmlOrgan;
  statusCode: string;
  description?: string | null;
  /** yyyy/MM/dd HH:mm:ss */
  timestamp: string;
  staff?: { department?: string | null; name?: string | null; mobile?: string | null; email?: string | null } | null;
}

export type EdxmlMessage = { kind: 'package'; package: EdxmlPackage } | { kind: 'status'; status: EdxmlStatus };

export class EdxmlError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
    this.name = 'EdxmlError';
  }
}

export function documentIdOf(organId: string, date: string, numberSymbol: string): string {
  return `${organId},${date},${numberSymbol}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(d: Date, timeZone: string): Record<string, string> {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new EdxmlError('date', 'is not a valid date');
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(d)) out[p.type] = p.value;
  out.year = out.year.padStart(4, '0');
  return out;
}

/** yyyy/MM/dd of `d` in `timeZone` (Vietnam time by default). */
export function edxmlDate(d: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const p = partsIn(d, timeZone);
  return `${p.year}/${p.month}/${p.day}`;
}

/** yyyy/MM/dd HH:mm:ss of `d` in `timeZone` (Vietnam time by default). */
export function edxmlTimestamp(d: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const p = partsIn(d, timeZone);
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation shared by build and parse; field names are the element paths.

const STATUS_CODES = new Set(Object.keys(STATUS_NAMES));

function isEdxmlDate(s: string): boolean {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function blank(s: string | null | undefined): boolean {
  return s == null || s.trim() === '';
}

function required(value: string | null | undefined, field: string): void {
  if (blank(value)) throw new EdxmlError(field, 'is required');
}

function requiredDate(value: string | null | undefined, field: string): void {
  required(value, field);
  if (!isEdxmlDate(value!)) throw new EdxmlError(field, 'must be a date yyyy/MM/dd');
}

function validateOrgan(o: EdxmlOrgan | null | undefined, field: string): void {
  if (!o) throw new EdxmlError(field, 'is required');
  required(o.organId, `${field}.OrganId`);
}

function validatePackage(p: EdxmlPackage): void {
  const h = 'MessageHeader';
  validateOrgan(p.from, `${h}.From`);
  if (!Array.isArray(p.to) || p.to.length === 0) throw new EdxmlError(`${h}.To`, 'needs at least one receiving organ');
  p.to.forEach((o, i) => validateOrgan(o, `${h}.To[${i}]`));
  required(p.codeNumber, `${h}.Code.CodeNumber`);
  required(p.codeNotation, `${h}.Code.CodeNotation`);
  requiredDate(p.promulgationDate, `${h}.PromulgationInfo.PromulgationDate`);
  required(p.subject, `${h}.Subject`);
  if (p.dueDate != null && p.dueDate !== '' && !isEdxmlDate(p.dueDate)) {
    throw new EdxmlError(`${h}.DueDate`, 'must be a date yyyy/MM/dd');
  }
  if (![0, 1, 2, 3].includes(p.priority)) throw new EdxmlError(`${h}.OtherInfo.Priority`, 'must be 0, 1, 2 or 3');
  for (const [v, name] of [
    [p.promulgationAmount, 'PromulgationAmount'],
    [p.pageAmount, 'PageAmount'],
  ] as const) {
    if (v != null && !(Number.isSafeInteger(v) && v >= 0)) {
      throw new EdxmlError(`${h}.OtherInfo.${name}`, 'must be a non-negative integer');
    }
  }
  required(p.documentId, `${h}.DocumentId`);
  (p.traces ?? []).forEach((t, i) => required(t.organId, `TraceHeaderList.TraceHeader[${i}].OrganId`));
  if (!p.business || ![0, 1, 2, 3].includes(p.business.type)) {
    throw new EdxmlError('Bussiness.BussinessDocType', 'must be 0, 1, 2 or 3');
  }
  (p.attachments ?? []).forEach((a, i) => {
    const f = `AttachmentEncoded.Attachment[${i}]`;
    required(a.name, `${f}.AttachmentName`);
    required(a.contentType, `${f}.ContentType`);
    if (!Buffer.isBuffer(a.content)) throw new EdxmlError(`${f}.ContentTransferEncoded`, 'must be a Buffer');
  });
}

function validateStatus(s: EdxmlStatus): void {
  const r = 'Status.ResponseFor';
  if (!s.responseFor) throw new EdxmlError(r, 'is required');
  required(s.responseFor.organId, `${r}.OrganId`);
  required(s.responseFor.code, `${r}.Code`);
  requiredDate(s.responseFor.promulgationDate, `${r}.PromulgationDate`);
  required(s.responseFor.documentId, `${r}.DocumentId`);
  validateOrgan(s.from, 'Status.From');
  if (!STATUS_CODES.has(s.statusCode)) {
    throw new EdxmlError('Status.StatusCode', `must be one of ${[...STATUS_CODES].join(' ')}`);
  }
  required(s.timestamp, 'Status.Timestamp');
}

// ---------------------------------------------------------------------------------------------------------------
// Building: a tiny element tree and its serializer (escaping done here, with the element path for errors).

interface El {
  name: string;
  attrs?: Record<string, string>;
  children?: El[];
  text?: string;
}

const INVALID_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function escapeXml(s: string, path: string): string {
  if (INVALID_XML_CHAR.test(s)) throw new EdxmlError(shortPath(path), 'contains characters not allowed in XML');
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** Element path for errors, without the wrappers every message has: `MessageHeader.Subject`. */
function shortPath(path: string): string {
  return path.replace(/^(edXML(\.|$))?(edXMLEnvelope(\.|$))?(edXMLHeader(\.|$))?/, '') || path;
}

function localOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function serialize(el: El, indent: string, parentPath: string, out: string[]): void {
  const local = localOf(el.name);
  const path = parentPath === '' ? local : `${parentPath}.${local}`;
  let open = `<${el.name}`;
  for (const [k, v] of Object.entries(el.attrs ?? {})) open += ` ${k}="${escapeXml(v, `${path}@${k}`)}"`;
  if (el.children && el.children.length > 0) {
    out.push(`${indent}${open}>`);
    for (const c of el.children) serialize(c, `${indent} `, path, out);
    out.push(`${indent}</${el.name}>`);
  } else if (el.text != null && el.text !== '') {
    out.push(`${indent}${open}>${escapeXml(el.text.normalize('NFC'), path)}</${el.name}>`);
  } else {
    out.push(`${indent}${open}/>`);
  }
}

function toXml(root: El): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  serialize(root, '', '', out);
  return `${out.join('\n')}\n`;
}

const e = (local: string, content?: string | number | null | El[], attrs?: Record<string, string>): El =>
  Array.isArray(content)
    ? { name: `edXML:${local}`, children: content, attrs }
    : { name: `edXML:${local}`, text: content == null ? '' : String(content), attrs };

/** An element in the default namespace (the AttachmentEncoded part, as the SDKs write it). */
const plain = (local: string, content?: string | null | El[]): El =>
  Array.isArray(content) ? { name: local, children: content } : { name: local, text: content ?? '' };

function organEl(local: string, o: EdxmlOrgan): El {
  return e(local, [
    e('OrganId', o.organId),
    e('OrganName', o.organName),
    e('OrganAdd', o.organAdd),
    e('Email', o.email),
    e('Telephone', o.telephone),
  ]);
}

function envelope(header: El[], body: El[]): El {
  return {
    name: 'edXML:edXMLEnvelope',
    attrs: { 'xmlns:edXML': EDXML_NS },
    children: [e('edXMLHeader', header), e('edXMLBody', body)],
  };
}

const contentIdOf = (i: number): string => `att${i + 1}`;

/** The package as edXML (XML declaration, UTF-8). Throws EdxmlError naming the element of an invalid field. */
export function buildPackage(p: EdxmlPackage): string {
  validatePackage(p);
  const messageHeader = e('MessageHeader', [
    organEl('From', p.from),
    ...p.to.map((o) => organEl('To', o)),
    e('Code', [e('CodeNumber', p.codeNumber), e('CodeNotation', p.codeNotation)]),
    e('PromulgationInfo', [e('Place', p.place), e('PromulgationDate', p.promulgationDate)]),
    e('DocumentType', [e('Type', blank(p.typeCode) ? '1' : p.typeCode), e('TypeName', p.typeName)]),
    e('Subject', p.subject),
    e('Content', p.content),
    e('SignerInfo', [
      e('Competence', p.signer?.competence),
      e('Position', p.signer?.position),
      e('FullName', p.signer?.fullName),
    ]),
    e('DueDate', p.dueDate),
    e('ToPlaces', (p.toPlaces ?? []).map((place) => e('Place', place))),
    e('OtherInfo', [
      e('Priority', p.priority),
      e('SphereOfPromulgation'),
      e('TyperNotation'),
      e('PromulgationAmount', p.promulgationAmount),
      e('PageAmount', p.pageAmount),
    ]),
    e('DocumentId', p.documentId),
  ]);
  const traceHeaderList = e('TraceHeaderList', [
    ...(p.traces ?? []).map((t) => e('TraceHeader', [e('OrganId', t.organId), e('Timestamp', t.timestamp)])),
    e('Bussiness', [e('BussinessDocType', p.business.type), e('BussinessDocReason', p.business.reason)]),
  ]);
  const attachments = p.attachments ?? [];
  const manifest = e(
    'edXMLManifest',
    attachments.map((a, i) =>
      e(
        'Reference',
        [
          e('ContentId', contentIdOf(i)),
          e('AttachmentName', a.name),
          e('ContentType', a.contentType),
          e('Description', a.description),
        ],
        { 'xlink:href': `cid:${contentIdOf(i)}`, 'xlink:type': 'simple' },
      ),
    ),
    { version: '1.0', 'xmlns:xlink': XLINK_NS },
  );
  const encoded = plain(
    'AttachmentEncoded',
    attachments.map((a, i) =>
      plain('Attachment', [
        plain('ContentId', contentIdOf(i)),
        plain('ContentType', a.contentType),
        plain('Description', a.description),
        plain('AttachmentName', a.name),
        plain('ContentTransferEncoded', a.content.toString('base64')),
      ]),
    ),
  );
  return toXml({
    name: 'edXML',
    attrs: { xmlns: EDXML_NS },
    children: [envelope([messageHeader, traceHeaderList], [manifest]), encoded],
  });
}

/** A status message (phản hồi trạng thái) as edXML. */
export function buildStatus(s: EdxmlStatus): string {
  const status: EdxmlStatus = {
    ...s,
    responseFor: {
      ...s.responseFor,
      documentId: blank(s.responseFor?.documentId)
        ? documentIdOf(s.responseFor?.organId ?? '', s.responseFor?.promulgationDate ?? '', s.responseFor?.code ?? '')
        : s.responseFor.documentId,
    },
  };
  validateStatus(status);
  const r = status.responseFor;
  const children: El[] = [
    e('ResponseFor', [
      e('OrganId', r.organId),
      e('Code', r.code),
      e('PromulgationDate', r.promulgationDate),
      e('DocumentId', r.documentId),
    ]),
    organEl('From', status.from),
    e('StatusCode', status.statusCode),
    e('Description', status.description),
    e('Timestamp', status.timestamp),
  ];
  if (status.staff) {
    children.push(
      e('StaffInfo', [
        e('Department', status.staff.department),
        e('Staff', status.staff.name),
        e('Mobile', status.staff.mobile),
        e('Email', status.staff.email),
      ]),
    );
  }
  return toXml({
    name: 'edXML',
    attrs: { xmlns: EDXML_NS },
    children: [envelope([e('Status', children)], [])],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing: fast-xml-parser (preserveOrder, no value parsing, no entity processing) into a namespace-resolved tree.

interface XNode {
  ns: string;
  local: string;
  children: XNode[];
  text: string;
}

type RawNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
});

function decodeEntities(s: string, fullPath: string): string {
  const path = shortPath(fullPath);
  return s.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new EdxmlError(path, 'contains a bare "&"');
    switch (ref) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new EdxmlError(path, `contains an unknown entity reference &${ref};`);
    const cp = m[1] != null ? parseInt(m[1], 16) : parseInt(m[2], 10);
    const ok =
      cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
      (cp >= 0x10000 && cp <= 0x10ffff);
    if (!ok) throw new EdxmlError(path, `contains a character reference to a character not allowed in XML`);
    return String.fromCodePoint(cp);
  });
}

function toTree(items: RawNode[], scope: ReadonlyMap<string, string>, parentPath: string): XNode[] {
  const out: XNode[] = [];
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (key === ':@' || key === '#text' || key === '#cdata' || key.startsWith('?') || key.startsWith('!')) continue;
      const attrs = (item[':@'] ?? {}) as Record<string, string>;
      let inner: Map<string, string> | null = null;
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          inner ??= new Map(scope);
          inner.set(k === 'xmlns' ? '' : k.slice(6), decodeEntities(v, `${parentPath}@${k}`));
        }
      }
      const here = inner ?? scope;
      const parts = key.split(':');
      if (parts.length > 2 || parts.some((s) => s === '')) {
        throw new EdxmlError(shortPath(`${parentPath}.${key}`), 'is not a valid element name');
      }
      const prefix = parts.length === 2 ? parts[0] : '';
      const local = parts[parts.length - 1];
      const ns = here.get(prefix);
      const path = parentPath === '' ? local : `${parentPath}.${local}`;
      if (ns === undefined) {
        if (prefix !== '') throw new EdxmlError(shortPath(path), `uses the undeclared namespace prefix "${prefix}"`);
      }
      const raw = (item[key] ?? []) as RawNode[];
      let text = '';
      for (const c of raw) {
        if (typeof c['#text'] === 'string') text += decodeEntities(c['#text'], path);
        else if (Array.isArray(c['#cdata'])) {
          for (const t of c['#cdata'] as RawNode[]) if (typeof t['#text'] === 'string') text += t['#text'];
        }
      }
      out.push({ ns: ns ?? '', local, children: toTree(raw, here, path), text: text.normalize('NFC') });
    }
  }
  return out;
}

const inNs = (n: XNode): boolean => n.ns === EDXML_NS || n.ns === '';
const kids = (n: XNode | undefined, local: string): XNode[] =>
  n ? n.children.filter((c) => c.local === local && inNs(c)) : [];
const one = (n: XNode | undefined, local: string): XNode | undefined => kids(n, local)[0];
/** Text of a child, exactly (free text). */
const str = (n: XNode | undefined, local: string): string => one(n, local)?.text ?? '';
/** Text of a child, trimmed (identifiers, codes, dates, numbers). */
const id = (n: XNode | undefined, local: string): string => str(n, local).trim();
const optStr = (n: XNode | undefined, local: string): string | null => {
  const v = str(n, local);
  return v === '' ? null : v;
};
const optId = (n: XNode | undefined, local: string): string | null => {
  const v = id(n, local);
  return v === '' ? null : v;
};

function int(n: XNode | undefined, local: string, field: string): number | null {
  const v = id(n, local);
  if (v === '') return null;
  if (!/^\d{1,9}$/.test(v)) throw new EdxmlError(field, 'must be a non-negative integer');
  return Number(v);
}

function readOrgan(n: XNode | undefined): EdxmlOrgan {
  return {
    organId: id(n, 'OrganId'),
    organName: str(n, 'OrganName'),
    organAdd: optStr(n, 'OrganAdd'),
    email: optId(n, 'Email'),
    telephone: optId(n, 'Telephone'),
  };
}

function readPackage(mh: XNode, header: XNode, attachmentHolders: XNode[]): EdxmlPackage {
  const h = 'MessageHeader';
  const code = one(mh, 'Code');
  const info = one(mh, 'PromulgationInfo');
  const type = one(mh, 'DocumentType');
  const signer = one(mh, 'SignerInfo');
  const other = one(mh, 'OtherInfo');
  const traceList = one(header, 'TraceHeaderList');
  const business = one(traceList, 'Bussiness') ?? one(header, 'Bussiness');

  if (!code) throw new EdxmlError(`${h}.Code`, 'is required');
  const priorityText = id(other, 'Priority');
  if (priorityText !== '' && !/^[0-3]$/.test(priorityText)) {
    throw new EdxmlError(`${h}.OtherInfo.Priority`, 'must be 0, 1, 2 or 3');
  }
  const businessText = id(business, 'BussinessDocType');
  if (businessText !== '' && !/^[0-3]$/.test(businessText)) {
    throw new EdxmlError('Bussiness.BussinessDocType', 'must be 0, 1, 2 or 3');
  }

  const attachments: EdxmlAttachment[] = [];
  for (const holder of attachmentHolders) {
    for (const a of kids(holder, 'Attachment')) {
      const field = `AttachmentEncoded.Attachment[${attachments.length}]`;
      const b64 = str(a, 'ContentTransferEncoded').replace(/\s+/g, '');
      if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) {
        throw new EdxmlError(`${field}.ContentTransferEncoded`, 'is not valid base64');
      }
      attachments.push({
        name: str(a, 'AttachmentName'),
        contentType: id(a, 'ContentType'),
        description: optStr(a, 'Description'),
        content: Buffer.from(b64, 'base64'),
      });
    }
  }

  const codeNumber = id(code, 'CodeNumber');
  const codeNotation = id(code, 'CodeNotation');
  const from = readOrgan(one(mh, 'From'));
  const promulgationDate = id(info, 'PromulgationDate');
  const p: EdxmlPackage = {
    from,
    to: kids(mh, 'To').map(readOrgan),
    documentId:
      id(mh, 'DocumentId') ||
      (from.organId && codeNumber && codeNotation && promulgationDate
        ? documentIdOf(from.organId, promulgationDate, `${codeNumber}/${codeNotation}`)
        : ''),
    codeNumber,
    codeNotation,
    place: str(info, 'Place'),
    promulgationDate,
    typeCode: optId(type, 'Type'),
    typeName: str(type, 'TypeName'),
    subject: str(mh, 'Subject'),
    content: optStr(mh, 'Content'),
    signer: {
      competence: str(signer, 'Competence'),
      position: str(signer, 'Position'),
      fullName: str(signer, 'FullName'),
    },
    dueDate: optId(mh, 'DueDate'),
    toPlaces: kids(one(mh, 'ToPlaces'), 'Place').map((n) => n.text),
    priority: (priorityText === '' ? 0 : Number(priorityText)) as EdxmlPackage['priority'],
    promulgationAmount: int(other, 'PromulgationAmount', `${h}.OtherInfo.PromulgationAmount`),
    pageAmount: int(other, 'PageAmount', `${h}.OtherInfo.PageAmount`),
    traces: kids(traceList, 'TraceHeader').map((t) => ({ organId: id(t, 'OrganId'), timestamp: id(t, 'Timestamp') })),
    business: {
      type: (businessText === '' ? 0 : Number(businessText)) as EdxmlBusinessType,
      reason: optStr(business, 'BussinessDocReason'),
    },
    attachments,
  };
  validatePackage(p);
  return p;
}

function readStatus(st: XNode): EdxmlStatus {
  const r = one(st, 'ResponseFor');
  if (!r) throw new EdxmlError('Status.ResponseFor', 'is required');
  if (!one(st, 'From')) throw new EdxmlError('Status.From', 'is required');
  const staff = one(st, 'StaffInfo');
  const responseFor = {
    organId: id(r, 'OrganId'),
    code: id(r, 'Code'),
    promulgationDate: id(r, 'PromulgationDate'),
    documentId: id(r, 'DocumentId'),
  };
  if (responseFor.documentId === '' && responseFor.organId && responseFor.code && responseFor.promulgationDate) {
    responseFor.documentId = documentIdOf(responseFor.organId, responseFor.promulgationDate, responseFor.code);
  }
  const s: EdxmlStatus = {
    responseFor,
    from: readOrgan(one(st, 'From')),
    statusCode: id(st, 'StatusCode'),
    description: optStr(st, 'Description'),
    timestamp: id(st, 'Timestamp'),
    staff: staff
      ? {
          department: optStr(staff, 'Department'),
          name: optStr(staff, 'Staff'),
          mobile: optId(staff, 'Mobile'),
          email: optId(staff, 'Email'),
        }
      : null,
  };
  validateStatus(s);
  return s;
}

function decodeInput(xml: string | Buffer): string {
  let text: string;
  if (typeof xml === 'string') text = xml;
  else {
    if ((xml[0] === 0xff && xml[1] === 0xfe) || (xml[0] === 0xfe && xml[1] === 0xff)) {
      throw new EdxmlError('encoding', 'must be UTF-8');
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(xml);
    } catch {
      throw new EdxmlError('encoding', 'is not valid UTF-8');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const decl = /^<\?xml\s[^?]*?encoding\s*=\s*["']([^"']*)["']/.exec(text);
  if (decl && !/^utf-?8$/i.test(decl[1])) throw new EdxmlError('encoding', `must be UTF-8, not ${decl[1]}`);
  return text;
}

/**
 * Parses a package or a status message. Throws EdxmlError naming the offending field: `xml` (not well-formed),
 * `DOCTYPE`, `encoding`, `root`, `namespace`, or the element path (e.g. `MessageHeader.Code.CodeNumber`).
 */
export function parseEdxml(xml: string | Buffer): EdxmlMessage {
  let text = decodeInput(xml);
  // No DOCTYPE anywhere (outside comments and CDATA, where it is only text): no internal subset, no entities.
  if (/<!DOCTYPE/i.test(text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, ''))) {
    throw new EdxmlError('DOCTYPE', 'is not allowed');
  }
  if (INVALID_XML_CHAR.test(text)) throw new EdxmlError('xml', 'contains characters not allowed in XML');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new EdxmlError('xml', `is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  text = text.replace(/\r\n?/g, '\n'); // XML end-of-line handling
  const roots = toTree(parser.parse(text) as RawNode[], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), '');
  if (roots.length !== 1) throw new EdxmlError('root', 'must be a single element');
  const root = roots[0];
  if (root.local !== 'edXML' && root.local !== 'edXMLEnvelope') {
    throw new EdxmlError('root', `must be edXML or edXMLEnvelope, not ${root.local}`);
  }
  if (root.ns !== EDXML_NS) throw new EdxmlError('namespace', `of ${root.local} must be ${EDXML_NS}`);
  const env = root.local === 'edXMLEnvelope' ? root : one(root, 'edXMLEnvelope');
  if (!env) throw new EdxmlError('edXMLEnvelope', 'is required');
  const header = one(env, 'edXMLHeader');
  if (!header) throw new EdxmlError('edXMLHeader', 'is required');
  const mh = one(header, 'MessageHeader');
  if (mh) {
    const holders = [...kids(root, 'AttachmentEncoded'), ...(env === root ? [] : kids(env, 'AttachmentEncoded'))];
    return { kind: 'package', package: readPackage(mh, header, holders) };
  }
  const st = one(header, 'Status');
  if (st) return { kind: 'status', status: readStatus(st) };
  throw new EdxmlError('edXMLHeader', 'holds neither MessageHeader nor Status');
}
