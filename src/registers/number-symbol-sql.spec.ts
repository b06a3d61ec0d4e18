import { describe, expect, it } from '@jest/globals';
import { numberSymbolSql } from './number-symbol-sql.js';

describe('numberSymbolSql', () => {
  it('writes the number like formatNumber, never cutting it', () => {
    const sql = numberSymbolSql('d');
    expect(sql).not.toMatch(/lpad/);
    expect(sql).toContain(`d.number < 10 THEN '0' || d.number`);
  });
});
