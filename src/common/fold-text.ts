/**
 * Folds Vietnamese text for accent-insensitive search: Unicode form, tone-mark placement, diacritics and case
 * stop mattering. `Chuyển đổi số` → `chuyen doi so`; `Thanh Hóa` and `Thanh Hoá` (either NFC or NFD) → `thanh hoa`.
 * The same function folds what is stored and what is searched, so both always agree.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so that a folded query matches literally. */
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
