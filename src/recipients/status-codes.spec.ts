import { describe, expect, it } from '@jest/globals';
import { isReceived, needsReason, nextReceiptCodes, receiptTransition, type DeliveryStatus, type ReceiptCode } from './status-codes.js';

describe('receiptTransition', () => {
  it.each<[DeliveryStatus, ReceiptCode, 'change' | 'repeat' | 'refuse']>([
    ['pending', '01', 'change'],
    ['sent', '01', 'change'],
    ['sent', '03', 'change'], // a receiver may report 03 without 01
    ['01', '03', 'change'],
    ['01', '02', 'change'],
    ['sent', '02', 'change'],
    ['03', '02', 'refuse'], // registered: too late to refuse
    ['03', '04', 'change'],
    ['04', '06', 'change'],
    ['05', '06', 'change'],
    ['03', '01', 'refuse'], // never backwards
    ['06', '05', 'refuse'],
    ['02', '03', 'refuse'], // a refused delivery is over
    ['03', '03', 'repeat'],
    ['02', '02', 'repeat'],
  ])('%s then %s: %s', (current, code, expected) => {
    expect(receiptTransition(current, code)).toBe(expected);
  });

  it('lists what may follow, for the 409', () => {
    expect(nextReceiptCodes('pending')).toEqual(['01', '02', '03', '04', '05', '06']);
    expect(nextReceiptCodes('01')).toEqual(['02', '03', '04', '05', '06']);
    expect(nextReceiptCodes('03')).toEqual(['04', '05', '06']);
    expect(nextReceiptCodes('06')).toEqual([]);
    expect(nextReceiptCodes('02')).toEqual([]);
  });

  it('counts a delivery received from 03 on, and asks a reason for refusals', () => {
    expect(['pending', 'sent', '01', '02', '03', '04', '05', '06'].filter(isReceived)).toEqual(['03', '04', '05', '06']);
    expect(['01', '02', '03', '15', '16'].filter(needsReason)).toEqual(['02', '16']);
  });
});
