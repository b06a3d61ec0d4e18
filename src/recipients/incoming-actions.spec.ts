import { describe, expect, it } from '@jest/globals';
import { incomingActions } from './incoming-actions.js';

const clerk = { roles: ['clerk'], unitId: 'vp' };
const officer = { roles: ['drafter'], unitId: 'lead' };
const other = { roles: ['drafter'], unitId: 'elsewhere' };
const at = (status: string, recall: string | null = null) => ({ status, recall_status: recall, lead_unit_id: 'lead' });

describe('incomingActions', () => {
  it.each([
    ['01 arrived: the clerk registers or refuses', at('01'), clerk, false, ['register', 'refuse']],
    ['01 arrived: a leader waits for the clerk', at('01'), other, true, []],
    ['03 registered: a leader assigns', at('03'), other, true, ['assign']],
    ['03 registered: the clerk may not assign', at('03'), clerk, false, []],
    ['04 assigned: the lead unit reports', at('04'), officer, false, ['progress', 'complete']],
    ['04 assigned: another unit may not', at('04'), other, false, []],
    ['04 assigned: a leader reassigns or reports', at('04'), other, true, ['assign', 'progress', 'complete']],
    ['05 in progress: the lead unit completes', at('05'), officer, false, ['complete']],
    ['06 completed: nothing left', at('06'), officer, true, []],
    ['02 refused: nothing left', at('02'), clerk, true, []],
    ['a recall waits: the clerk answers it', at('03', '13'), clerk, false, ['answer-recall']],
    ['a recall waits: the work goes on meanwhile', at('04', '13'), officer, false, ['progress', 'complete']],
    ['a recall agreed: the copy is gone', at('04', '15'), officer, true, []],
  ])('%s', (_, doc, user, leader, expected) => {
    expect(incomingActions(doc, user, leader)).toEqual(expected);
  });
});
