import type { DocumentType } from './document-types.js';

/**
 * Which number series a document draws from. For now one series per type (the demo UBND tỉnh's
 * setting); confidential, legal normative, advisory-body and copy series come with the registers issue.
 */
export function seriesKey(type: DocumentType): string {
  return `type:${type.code}`;
}
