/**
 * The steps of the incoming desk and who takes them (domain notes §6): at 01 (arrived) the clerk registers the
 * document (03) or refuses it (02, with a reason); at 03 a leader of the agency assigns it (04: lead unit, coordinating
 * units, deadline); from 04 the lead unit — its people or a leader — reports it in progress (05) and completed (06); a
 * leader may assign it again while it is handled. A recall (13) waiting on the document is answered by the clerk.
 */
export type IncomingAction = 'register' | 'refuse' | 'assign' | 'progress' | 'complete' | 'answer-recall';

export function incomingActions(
  doc: { status: string; recall_status: string | null; lead_unit_id: string | null },
  user: { roles: readonly string[]; unitId: string | null },
  leader: boolean,
): IncomingAction[] {
  const clerk = user.roles.includes('clerk');
  const leadUnit = leader || (user.unitId !== null && user.unitId === doc.lead_unit_id);
  const actions: IncomingAction[] = [];
  if (doc.recall_status === '13' && clerk) actions.push('answer-recall');
  if (doc.recall_status === '15') return actions;
  switch (doc.status) {
    case '01':
      if (clerk) actions.push('register', 'refuse');
      break;
    case '03':
      if (leader) actions.push('assign');
      break;
    case '04':
      if (leader) actions.push('assign');
      if (leadUnit) actions.push('progress', 'complete');
      break;
    case '05':
      if (leader) actions.push('assign');
      if (leadUnit) actions.push('complete');
      break;
  }
  return actions;
}
