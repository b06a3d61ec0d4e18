import { describe, expect, it } from '@jest/globals';
import { STATUS_NAMES } from './status-codes.js';
import {
  EDXML_NS,
  EdxmlError,
  buildPackage,
  buildStatus,
  documentIdOf,
  edxmlDate,
  edxmlTimestamp,
  parseEdxml,
  type EdxmlPackage,
  type EdxmlStatus,
} from './edxml.js';

const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

function pkg(over: Partial<EdxmlPackage> = {}): EdxmlPackage {
  return {
    from: {
      organId: '000.00.00.H56',
      organName: 'UBND tỉnh Thanh Hóa',
      organAdd: 'Số 35 Đại lộ Lê Lợi, TP. Thanh Hóa',
      email: 'vanthu@thanhhoa.gov.vn',
      telephone: '0237 3852 345',
    },
    to: [
      { organId: '000.01.32.H56', organName: 'Sở Thông tin & Truyền thông', organAdd: null, email: null, telephone: null },
      { organId: '000.02.32.H56', organName: 'Sở Tài chính <Phòng NS>', organAdd: 'Đường "Hạc Thành"', email: null, telephone: '0237' },
    ],
    documentId: documentIdOf('000.00.00.H56', '2026/12/01', '05/UBND-CNTT'),
    codeNumber: '05',
    codeNotation: 'UBND-CNTT',
    place: 'Thanh Hóa',
    promulgationDate: '2026/12/01',
    typeCode: '1',
    typeName: 'Công văn',
    subject: 'V/v triển khai chuyển đổi số & cải cách hành chính <năm 2026> "đợt 1" của \'tỉnh\'',
    content: 'Nội dung dòng 1\nDòng 2 có ký tự đặc biệt: & < > " \'\r\nDòng 3 — ưu tiên, hỏa tốc; Ỹ ỹ Ữ ự',
    signer: { competence: 'TL. CHỦ TỊCH', position: 'Phó Chánh Văn phòng', fullName: 'Nguyễn Thị Hường' },
    dueDate: '2026/12/15',
    toPlaces: ['Như trên;', 'Chủ tịch, các PCT UBND tỉnh (để b/c);', 'Lưu: VT, KSTTHCNC.'],
    priority: 2,
    promulgationAmount: 3,
    pageAmount: 2,
    traces: [{ organId: '000.00.00.H56', timestamp: '2026/12/01 10:15:00' }],
    business: { type: 0, reason: null },
    attachments: [
      { name: 'Công văn 05.pdf', contentType: 'application/pdf', description: 'Văn bản chính', content: Buffer.from('%PDF-1.7 nội dung') },
      { name: 'bytes.bin', contentType: 'application/octet-stream', description: null, content: binary },
    ],
    ...over,
  };
}

function status(code: string, over: Partial<EdxmlStatus> = {}): EdxmlStatus {
  return {
    responseFor: {
      organId: '000.00.00.H56',
      code: '05/UBND-CNTT',
      promulgationDate: '2026/12/01',
      documentId: '000.00.00.H56,2026/12/01,05/UBND-CNTT',
    },
    from: { organId: '000.01.32.H56', organName: 'Sở Thông tin và Truyền thông', organAdd: null, email: null, telephone: null },
    statusCode: code,
    description: 'Đã tiếp nhận & vào sổ <đến>',
    timestamp: '2026/12/01 10:15:00',
    staff: { department: 'Văn phòng Sở', name: 'Lê Văn Thư', mobile: '0912345678', email: 'thu@stttt.gov.vn' },
    ...over,
  };
}

function errorOf(fn: () => unknown): EdxmlError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EdxmlError);
    return err as EdxmlError;
  }
  throw new Error('expected an EdxmlError');
}

describe('edXML helpers', () => {
  it('builds the document id', () => {
    expect(documentIdOf('000.00.00.H56', '2026/12/01', '05/UBND-CNTT')).toBe('000.00.00.H56,2026/12/01,05/UBND-CNTT');
  });

  it('writes dates and timestamps in Vietnam time', () => {
    const d = new Date('2026-11-30T17:30:05Z'); // 00:30:05 on 1 December in Vietnam
    expect(edxmlDate(d)).toBe('2026/12/01');
    expect(edxmlDate(d, 'UTC')).toBe('2026/11/30');
    expect(edxmlTimestamp(d)).toBe('2026/12/01 00:30:05');
    expect(edxmlTimestamp(new Date('2026-12-01T16:59:59Z'))).toBe('2026/12/01 23:59:59');
    expect(errorOf(() => edxmlDate(new Date('x'))).field).toBe('date');
  });
});

describe('edXML package', () => {
  it('round-trips a package: 2 To, 3 ToPlaces, 2 attachments, Vietnamese and special characters', () => {
    const p = pkg();
    const xml = buildPackage(p);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toContain(`xmlns="${EDXML_NS}"`);
    expect(xml).toContain(`<edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}">`);
    expect(xml).toContain('<edXML:CodeNumber>05</edXML:CodeNumber>');
    expect(xml).toContain('<edXML:CodeNotation>UBND-CNTT</edXML:CodeNotation>');
    expect(xml).toContain('<edXML:PromulgationDate>2026/12/01</edXML:PromulgationDate>');
    expect(xml).toContain('<edXML:DocumentId>000.00.00.H56,2026/12/01,05/UBND-CNTT</edXML:DocumentId>');
    expect(xml).toContain('<edXML:BussinessDocType>0</edXML:BussinessDocType>');
    expect(xml).toContain('<edXML:Priority>2</edXML:Priority>');
    expect(xml).toContain('Sở Thông tin &amp; Truyền thông');
    expect(xml).toContain('Sở Tài chính &lt;Phòng NS&gt;');
    expect(xml).toContain('&quot;đợt 1&quot;');
    expect(xml).toContain(`<ContentTransferEncoded>${binary.toString('base64')}</ContentTransferEncoded>`);
    expect(xml).not.toContain('<năm 2026>');
    expect(xml.match(/<edXML:To>/g)).toHaveLength(2);
    expect(xml.match(/<edXML:Place>/g)).toHaveLength(4); // PromulgationInfo/Place + 3 ToPlaces/Place
    // Bussiness sits in TraceHeaderList, next to the TraceHeader; AttachmentEncoded follows the envelope.
    expect(xml.indexOf('<edXML:Bussiness>')).toBeGreaterThan(xml.indexOf('<edXML:TraceHeader>'));
    expect(xml.indexOf('<edXML:Bussiness>')).toBeLessThan(xml.indexOf('</edXML:TraceHeaderList>'));
    expect(xml.indexOf('<AttachmentEncoded>')).toBeGreaterThan(xml.indexOf('</edXML:edXMLEnvelope>'));

    const back = parseEdxml(xml);
    expect(back).toEqual({ kind: 'package', package: p });
    if (back.kind !== 'package') throw new Error('not a package');
    expect(back.package.codeNumber).toBe('05');
    expect(back.package.attachments[1].content.equals(binary)).toBe(true);
    expect([...back.package.attachments[1].content]).toEqual([...binary]);
    expect(back.package.content).toContain('\r\n'); // a carriage return survives (written as &#13;)
    expect(back.package.subject).toBe(p.subject);
  });

  it('parses from a UTF-8 Buffer too', () => {
    const p = pkg();
    expect(parseEdxml(Buffer.from(buildPackage(p), 'utf8'))).toEqual({ kind: 'package', package: p });
  });

  it('writes Vietnamese text in NFC', () => {
    const nfd = 'Hỏa tốc — Ủy ban nhân dân'.normalize('NFD');
    const xml = buildPackage(pkg({ subject: nfd }));
    expect(xml).toContain('Hỏa tốc — Ủy ban nhân dân'.normalize('NFC'));
    const back = parseEdxml(xml);
    if (back.kind !== 'package') throw new Error('not a package');
    expect(back.package.subject).toBe(nfd.normalize('NFC'));
  });

  it('round-trips a recall (BussinessDocType 1) with its reason', () => {
    const p = pkg({ business: { type: 1, reason: 'Thu hồi do sai sót về thể thức & nội dung' }, attachments: [], priority: 0 });
    const xml = buildPackage(p);
    expect(xml).toContain('<edXML:BussinessDocType>1</edXML:BussinessDocType>');
    expect(xml).toContain('<edXML:BussinessDocReason>Thu hồi do sai sót về thể thức &amp; nội dung</edXML:BussinessDocReason>');
    expect(parseEdxml(xml)).toEqual({ kind: 'package', package: p });
  });

  it('reads a single To / Place / TraceHeader / Attachment as arrays, and empty optionals as null', () => {
    const p = pkg({
      to: [{ organId: 'A', organName: 'Một', organAdd: null, email: null, telephone: null }],
      toPlaces: ['Như trên'],
      attachments: [{ name: 'a.txt', contentType: 'text/plain', description: null, content: Buffer.from('x') }],
      content: null,
      dueDate: null,
      promulgationAmount: null,
      pageAmount: null,
    });
    expect(parseEdxml(buildPackage(p))).toEqual({ kind: 'package', package: p });
  });

  it('accepts the layout with the envelope as root, Bussiness in the header and a different prefix', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<q:edXMLEnvelope xmlns:q="${EDXML_NS}">
 <q:edXMLHeader>
  <q:MessageHeader>
   <q:From><q:OrganId>000.00.00.H56</q:OrganId><q:OrganName>UBND</q:OrganName></q:From>
   <q:To><q:OrganId>000.01.32.H56</q:OrganId><q:OrganName>Sở</q:OrganName></q:To>
   <q:Code><q:CodeNumber>007</q:CodeNumber><q:CodeNotation>UBND-VP</q:CodeNotation></q:Code>
   <q:PromulgationInfo><q:Place>Thanh Hóa</q:Place><q:PromulgationDate>2026/01/02</q:PromulgationDate></q:PromulgationInfo>
   <q:Subject><![CDATA[Về việc <A> & B]]></q:Subject>
   <q:OtherInfo><q:Priority>3</q:Priority></q:OtherInfo>
  </q:MessageHeader>
  <q:Bussiness><q:BussinessDocType>3</q:BussinessDocType></q:Bussiness>
 </q:edXMLHeader>
 <q:edXMLBody/>
 <q:AttachmentEncoded><q:Attachment><q:AttachmentName>a.txt</q:AttachmentName><q:ContentType>text/plain</q:ContentType>
  <q:ContentTransferEncoded>
   aGVs
   bG8=
  </q:ContentTransferEncoded></q:Attachment></q:AttachmentEncoded>
</q:edXMLEnvelope>`;
    const m = parseEdxml(xml);
    if (m.kind !== 'package') throw new Error('not a package');
    expect(m.package.codeNumber).toBe('007');
    expect(m.package.documentId).toBe('000.00.00.H56,2026/01/02,007/UBND-VP'); // derived when absent
    expect(m.package.subject).toBe('Về việc <A> & B');
    expect(m.package.priority).toBe(3);
    expect(m.package.business).toEqual({ type: 3, reason: null });
    expect(m.package.attachments[0].content.toString()).toBe('hello');
  });

  it('refuses to build an invalid package, naming the field', () => {
    expect(errorOf(() => buildPackage(pkg({ to: [] }))).field).toBe('MessageHeader.To');
    expect(errorOf(() => buildPackage(pkg({ promulgationDate: '01/12/2026' }))).field).toBe(
      'MessageHeader.PromulgationInfo.PromulgationDate',
    );
    expect(errorOf(() => buildPackage(pkg({ subject: 'a\u0001b' }))).field).toBe('MessageHeader.Subject');
  });
});

describe('edXML status', () => {
  it.each(Object.keys(STATUS_NAMES))('round-trips status %s', (code) => {
    const s = status(code);
    const xml = buildStatus(s);
    expect(xml).toContain(`xmlns:edXML="${EDXML_NS}"`);
    expect(xml).toContain(`<edXML:StatusCode>${code}</edXML:StatusCode>`);
    expect(xml).toContain('<edXML:Code>05/UBND-CNTT</edXML:Code>');
    expect(parseEdxml(xml)).toEqual({ kind: 'status', status: s });
  });

  it('round-trips a status without staff and description', () => {
    const s = status('01', { staff: null, description: null });
    expect(parseEdxml(buildStatus(s))).toEqual({ kind: 'status', status: s });
  });

  it('refuses to build an unknown status code', () => {
    expect(errorOf(() => buildStatus(status('07'))).field).toBe('Status.StatusCode');
  });
});

describe('edXML parse errors', () => {
  const good = buildPackage(pkg());

  it('not XML', () => {
    expect(errorOf(() => parseEdxml('hello, not xml')).field).toBe('xml');
    expect(errorOf(() => parseEdxml('<a><b></a>')).field).toBe('xml');
  });

  it('wrong root element', () => {
    expect(errorOf(() => parseEdxml(`<Envelope xmlns="${EDXML_NS}"/>`)).field).toBe('root');
  });

  it('wrong namespace', () => {
    const xml = good.split(EDXML_NS).join('http://example.com/other');
    expect(errorOf(() => parseEdxml(xml)).field).toBe('namespace');
    expect(errorOf(() => parseEdxml('<edXML:edXMLEnvelope xmlns:edXML="urn:x"/>')).field).toBe('namespace');
    expect(errorOf(() => parseEdxml('<edXMLEnvelope/>')).field).toBe('namespace');
  });

  it('missing CodeNumber', () => {
    const xml = good.replace('<edXML:CodeNumber>05</edXML:CodeNumber>', '');
    expect(xml).not.toBe(good);
    const err = errorOf(() => parseEdxml(xml));
    expect(err.field).toBe('MessageHeader.Code.CodeNumber');
    expect(err.message).toBe('MessageHeader.Code.CodeNumber is required');
  });

  it('missing From.OrganId and no To', () => {
    expect(errorOf(() => parseEdxml(good.replace('<edXML:OrganId>000.00.00.H56</edXML:OrganId>', ''))).field).toBe(
      'MessageHeader.From.OrganId',
    );
    expect(errorOf(() => parseEdxml(good.replace(/<edXML:To>[\s\S]*?<\/edXML:To>/g, ''))).field).toBe('MessageHeader.To');
  });

  it('bad date', () => {
    const xml = good.replace(
      '<edXML:PromulgationDate>2026/12/01</edXML:PromulgationDate>',
      '<edXML:PromulgationDate>2026/02/30</edXML:PromulgationDate>',
    );
    expect(errorOf(() => parseEdxml(xml)).field).toBe('MessageHeader.PromulgationInfo.PromulgationDate');
  });

  it('unknown StatusCode', () => {
    const xml = buildStatus(status('03')).replace('<edXML:StatusCode>03</edXML:StatusCode>', '<edXML:StatusCode>99</edXML:StatusCode>');
    expect(errorOf(() => parseEdxml(xml)).field).toBe('Status.StatusCode');
  });

  it('bad priority', () => {
    const xml = good.replace('<edXML:Priority>2</edXML:Priority>', '<edXML:Priority>7</edXML:Priority>');
    expect(errorOf(() => parseEdxml(xml)).field).toBe('MessageHeader.OtherInfo.Priority');
  });

  it('DOCTYPE present (entity expansion)', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
${good.replace(/^<\?xml[^>]*>\n/, '').replace('Thanh Hóa</edXML:Place>', '&b;</edXML:Place>')}`;
    expect(errorOf(() => parseEdxml(bomb)).field).toBe('DOCTYPE');
    expect(errorOf(() => parseEdxml(`<!doctype edXML SYSTEM "file:///etc/passwd">${good.replace(/^<\?xml[^>]*>\n/, '')}`)).field).toBe(
      'DOCTYPE',
    );
  });

  it('undeclared entity references are refused', () => {
    const xml = good.replace('Thanh Hóa</edXML:Place>', '&ext;</edXML:Place>');
    expect(errorOf(() => parseEdxml(xml)).field).toBe('MessageHeader.PromulgationInfo.Place');
  });

  it('bad base64 in an attachment', () => {
    const xml = good.replace(/<ContentTransferEncoded>[^<]*<\/ContentTransferEncoded>/, '<ContentTransferEncoded>@@@</ContentTransferEncoded>');
    expect(errorOf(() => parseEdxml(xml)).field).toBe('AttachmentEncoded.Attachment[0].ContentTransferEncoded');
  });

  it('a non-UTF-8 encoding is refused', () => {
    expect(errorOf(() => parseEdxml(Buffer.from([0x3c, 0x61, 0xff, 0x3e]))).field).toBe('encoding');
    expect(errorOf(() => parseEdxml(good.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'))).field).toBe('encoding');
  });
});
