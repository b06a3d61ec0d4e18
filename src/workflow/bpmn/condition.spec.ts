import { describe, expect, it } from '@jest/globals';
import { evaluateCondition, formatCondition, parseCondition, specializeCondition } from './condition.js';

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

describe('more conditions', () => {
  it.each([
    ["doc.pages in [1, 2, 3]", true],
    ["doc.pages == '3'", false], // no type coercion
    ['doc.missing in [null]', true],
    ["doc.type == \"QĐ\"", true],
    ["'it\\'s' == \"it's\"", true],
    ['doc.ratio == -0.5', true],
    ["(action == 'return' || action == 'approve') && !(doc.urgency in [])", true],
    ['doc.flags.needsLegalReview != false', true],
    ['null == doc.nothing.at.all', true],
  ])('%s → %s', (src, expected) => {
    expect(evaluateCondition(parseCondition(src), { ...scope, doc: { ...scope.doc, ratio: -0.5 } })).toBe(expected);
  });

  it.each([
    ['action = 1', /position 7/],
    ['doc.', /after "\."/],
    ['action == in', /keyword "in"/],
    ['doc.urgency in [doc.x]', /expected a literal/],
    ['a & b', /"&&"/],
    ['1abc == 1', /bad number/],
    ['('.repeat(100) + 'a' + ')'.repeat(100), /nested deeper/],
  ])('refuses %j', (src, reason) => {
    expect(() => parseCondition(src)).toThrow(reason);
  });

  it.each([
    ["action == 'approve'", 'true'],
    ["action == 'return'", 'false'],
    ["action == 'approve' && doc.urgency == 'khan'", "doc.urgency == 'khan'"],
    ["action == 'return' && doc.urgency == 'khan'", 'false'],
    ["action == 'approve' || doc.urgency == 'khan'", 'true'],
    ["!(action in ['approve']) || doc.x", 'doc.x'],
  ])('specialised for action "approve": %s → %s', (src, expected) => {
    const specialised = specializeCondition(parseCondition(src), { action: 'approve' });
    expect(formatCondition(specialised)).toBe(expected);
  });

  it('formats back to a condition that parses to the same tree', () => {
    const src = "!(doc.a == 'x\\'y' || doc.b in [1, true, null]) && doc.c";
    const cond = parseCondition(src);
    expect(parseCondition(formatCondition(cond))).toEqual(cond);
  });
});
