/**
 * `05/UBND-CNTT` in SQL, for reads that join documents: the same rule as formatNumberSymbol (build-symbol.ts),
 * at least two digits. (Not lpad: it would cut 201 to 20.)
 */
export function numberSymbolSql(alias: string): string {
  return `CASE WHEN ${alias}.number IS NULL THEN NULL WHEN ${alias}.number < 10 THEN '0' || ${alias}.number || '/' || ${alias}.symbol ELSE ${alias}.number || '/' || ${alias}.symbol END`;
}
