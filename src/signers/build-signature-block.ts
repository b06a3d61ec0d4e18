/**
 * The signature block (Decree 30/2020 App. I; shared/domain.md §4): mark lines, title line, then the full name
 * (the signature itself goes between title and name). Marks are written before the head's title, upper-case:
 * TM. (on behalf of a collective), KT. (a deputy in place of the head), Q. (acting head), TL. (by order of the
 * head, the head of an internal unit), TUQ. (by written authorisation).
 */
export type SigningAuthority =
  /** The head, in his own name; `collective` set: on behalf of the collective body (TM.). */
  | { kind: 'head'; title: string; collective?: string }
  /** A deputy in place of the head (KT.); `collective` set: TM. above. */
  | { kind: 'deputy'; headTitle: string; title: string; collective?: string }
  /** An acting head (Q.); `collective` set: TM. above. */
  | { kind: 'acting'; headTitle: string; collective?: string }
  /** The head of an internal unit, by order of the head (TL.); `deputyTitle` set: his deputy signs KT. */
  | { kind: 'by-order'; headTitle: string; unitHeadTitle: string; deputyTitle?: string }
  /** By written authorisation of the head (TUQ.): the grantee's own title under it. */
  | { kind: 'by-authorisation'; grantorTitle: string; title: string }
  /** The head of an advisory body issuing under an agency's seal: both titles. */
  | { kind: 'advisory'; bodyTitle: string; title: string };

const upper = (s: string) => s.normalize('NFC').trim().toLocaleUpperCase('vi');

/** The lines of the block, top to bottom, the last one being the signer's full name. */
export function buildSignatureBlock(authority: SigningAuthority, fullName: string): string[] {
  const lines = titleLines(authority).map(upper);
  return [...lines, fullName.normalize('NFC').trim()];
}

function titleLines(a: SigningAuthority): string[] {
  const tm = (collective?: string) => (collective ? [`TM. ${upper(collective)}`] : []);
  switch (a.kind) {
    case 'head':
      return [...tm(a.collective), a.title];
    case 'deputy':
      return [...tm(a.collective), `KT. ${upper(a.headTitle)}`, a.title];
    case 'acting':
      return [...tm(a.collective), `Q. ${upper(a.headTitle)}`];
    case 'by-order':
      return a.deputyTitle
        ? [`TL. ${upper(a.headTitle)}`, `KT. ${upper(a.unitHeadTitle)}`, a.deputyTitle]
        : [`TL. ${upper(a.headTitle)}`, a.unitHeadTitle];
    case 'by-authorisation':
      return [`TUQ. ${upper(a.grantorTitle)}`, a.title];
    case 'advisory':
      return [a.bodyTitle, a.title];
  }
}
