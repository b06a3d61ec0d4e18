import type { DocumentType } from './document-types.js';

/**
 * Which number series (and so which register) a document is numbered in, Decree 30/2020 art. 15:
 * confidential documents have their own series; each type of legal normative document its own; other
 * administrative documents one series per type or one shared, as the agency decides. An advisory body issuing
 * under an agency's seal is an issuer of its own, so its series are its own (seed 001: `CV-TGV`).
 */
export interface SeriesFacts {
  type: DocumentType;
  confidentiality: string;
  legalNormative: boolean;
}

export type SeriesMode = 'per-type' | 'shared';

export interface Series {
  key: string;
  /** As printed on the register's cover. */
  name: string;
}

export function seriesFor(doc: SeriesFacts, mode: SeriesMode): Series {
  if (doc.confidentiality !== 'normal') return { key: 'confidential', name: 'Sổ đăng ký văn bản mật đi' };
  if (doc.legalNormative) {
    return { key: `legal:${doc.type.code}`, name: `Sổ đăng ký ${doc.type.name.toLowerCase()} (văn bản quy phạm pháp luật)` };
  }
  if (mode === 'shared') return { key: 'administrative', name: 'Sổ đăng ký văn bản hành chính đi' };
  return { key: `type:${doc.type.code}`, name: `Sổ đăng ký ${doc.type.name.toLowerCase()} đi` };
}
