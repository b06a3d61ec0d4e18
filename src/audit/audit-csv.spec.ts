import { describe, expect, it } from '@jest/globals';
import { csvHeader, csvLine } from './audit-csv.js';
import { vietnamIso } from '../registers/format-date-line.js';
import { csvField } from '../common/csv.js';
import type { AuditRow } from './audit-filter.js';

describe('audit CSV', () => {
  it.each([
    [null, ''],
    ['Như trên', 'Như trên'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    [42, '42'],
  ])('field %j → %j', (v, expected) => expect(csvField(v)).toBe(expected));

  it('writes times in Vietnam time', () => {
    expect(vietnamIso(new Date('2025-12-31T18:30:00.123Z'))).toBe('2026-01-01T01:30:00.123+07:00');
  });

  it('has one column per header', () => {
    const row = {
      id: '7', at: new Date('2026-01-05T02:00:00Z'), chain_id: 'doc:x', chain_seq: 3, actor_id: 'u', actor_name: 'Trần Văn Nam',
      actor_position: 'Trưởng phòng', action: 'return', document_id: 'x', number_symbol: null, subject: 'Chuyển đổi số, năm 2026',
      from_state: 'review', to_state: 'drafting', from_step: 'contentReview', to_step: 'drafting', comment: 'Bổ sung "căn cứ"',
      request_id: 'r', client_ip: '::1', user_agent: 'jest', on_behalf_of_id: 'o', on_behalf_of_name: 'Lê Văn Phó', hash: 'h',
    } satisfies AuditRow;
    const header = csvHeader();
    expect(header.startsWith('Mã bản ghi,Thời gian,Người thực hiện')).toBe(true);
    const line = csvLine(row);
    expect(line).toContain('"Chuyển đổi số, năm 2026"');
    expect(line).toContain('"Bổ sung ""căn cứ"""');
    expect(line.endsWith('\r\n')).toBe(true);
    expect(header).toContain(',Mã người thực hiện,Thực hiện thay cho,');
    expect(line).toContain(',u,Lê Văn Phó,');
    const fields = (s: string) => s.trim().match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.filter((x) => x !== '').length;
    expect(fields(line)).toBe(fields(header));
  });
});
