import { describe, expect, it } from '@jest/globals';
import { evaluateCondition, parseCondition } from './condition.js';

const scope = {
  action: 'approve',
  doc: { type: 'QĐ', urgency: 'khan', confidentiality: 'normal', flags: { needsLegalReview: true }, pages: 3 },
};

describe('conditions', () => {
  it.each([
    ["action == 'approve'", true],
    ["action != 'approve'", false],
    ['action == "return"', false],
    ["doc.type == 'QĐ' && doc.flags.needsLegalReview", true],
    ["doc.type == 'QĐ' && !doc.flags.needsLegalReview", false],
    ["doc.urgency in ['khan', 'thuong-khan', 'hoa-toc']", true],
    ["doc.confidentiality in ['mat', 'toi-mat']", false],
    ["action == 'return' || doc.urgency == 'khan'", true],
    ["!(action == 'approve' || action == 'return')", false],
    ['doc.missing == null', true],
    ['doc.missing.deeper == null', true],
    ['doc.flags.needsLegalReview == true', true],
    ['doc.pages == 3', true],
    ['doc.missing', false],
  ])('%s → %s', (src, expected) => {
    expect(evaluateCondition(parseCondition(src), scope)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ["action == == 'x'", /position/],
    ["action == 'x", /unterminated/],
    ['action ~ 1', /unexpected "~"/],
    ["doc.type in 'x'", /"\["/],
    ["(action == 'x'", /"\)"/],
    ["action == 'x' doc", /end of the condition/],
  ])('refuses %j', (src, reason) => {
    expect(() => parseCondition(src)).toThrow(reason);
  });

  it('never reaches outside the scope', () => {
    expect(evaluateCondition(parseCondition('constructor == null'), {})).toBe(true);
    expect(evaluateCondition(parseCondition('doc.toString == null'), { doc: {} })).toBe(true);
  });
});
