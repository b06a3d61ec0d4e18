/** The API's shapes, as the web app reads them (src/documents/document-view.ts and the other responses). */
export interface DocumentSummary {
  id: string;
  type: string;
  typeName: string;
  subject: string;
  urgency: string;
  confidentiality: string;
  state: string;
  step: { id: string; name: string; assignees?: Array<{ id: string; fullName: string }> };
  route: { key: string; name: string; version: number; elementId: string };
  waitingSince: string;
  dueAt: string | null;
  recalledAt: string | null;
  availableActions: string[];
  version: number;
  number: string | null;
  symbol: string | null;
  numberSymbol: string | null;
  dateLine: string | null;
  issuedAt: string | null;
  drafter: { id: string; fullName: string };
  signer: { id: string; fullName: string; positionTitle: string };
  draftingUnit: { id: string; code: string; name: string };
  issuer: { id: string; code: string; name: string; place: string };
  createdAt: string;
  updatedAt: string;
}

export interface OfficialPage {
  marks: { urgency: string | null; confidentiality: string | null };
  superior: string | null;
  issuer: string;
  issuerLines: string[];
  motto: [string, string];
  numberLine: string;
  dateLine: string;
  typeName: string | null;
  subjectLine: string;
  kinhGui: string[];
  body: string[];
  noiNhan: string[];
  signatureTitles: string[];
  signerName: string | null;
  /** The appendix of the tasks the document gives (phụ lục), or null. */
  appendix: {
    heading: [string, string];
    reference: string;
    columns: string[];
    rows: Array<{ kind: 'section'; numeral: string; text: string } | { kind: 'task'; cells: string[] }>;
  } | null;
}

export interface Delivery {
  id: string;
  recipient: { id: string; code: string; name: string };
  role: string;
  channel: string;
  status: string;
  statusAt: string | null;
  statusReason: string | null;
  recall: { status: string; at: string; reason: string | null } | null;
}

export interface DocumentDetail extends DocumentSummary {
  body: string;
  signatureBlock: string[] | null;
  signedAt: string | null;
  addressees: Array<{ id: string; code: string; name: string }>;
  copiesTo: Array<{ id: string; code: string; name: string; note: string | null }>;
  page: OfficialPage;
  deliveries: Delivery[];
  distribution: { deliveries: number; received: number; refused: number; waiting: number; completedAt: string | null };
  recall: { at: string; reason: string | null } | null;
  consultation: { units: Array<{ id: string; name: string }>; deadline: string | null; pending: string[]; answers: unknown[] };
  filing: { unitCodes: string[]; drafterInitials: string | null; copies: number | null };
  field: string | null;
}

export interface HistoryEntry {
  id: string;
  at: string;
  action: string;
  actor: { id: string | null; fullName: string; position: string | null };
  onBehalfOf?: { id: string; fullName: string } | null;
  fromState: string | null;
  toState: string | null;
  step: string | null;
  comment: string | null;
  numberSymbol: string | null;
}

export interface Recipient {
  id: string;
  code: string;
  name: string;
  kind: string;
  channel: string | null;
  category: string | null;
  shortName: string | null;
}

export interface Signer {
  id: string;
  username: string;
  fullName: string;
  positionTitle: string;
}
