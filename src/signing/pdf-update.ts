/**
 * Drawing onto the pages of a finished PDF without changing one of its bytes: an incremental update (ISO 32000-1
 * §7.5.6) appended after the last `%%EOF`, so that every signature already in the file stays valid for the revision
 * it signed. What is drawn comes from an overlay: a PDF of the same page size drawn with pdfkit (the same fonts as
 * the page). Each overlay page becomes a Form XObject (its content stream as is, its fonts and images copied with new
 * object numbers) painted over the target page after its own content, which is wrapped in q … Q so that it cannot
 * leave a transformation behind.
 *
 * The cross-reference sections are read and written with @signpdf/placeholder-plain's helpers, the code that adds
 * the signature fields to the same files: classic cross-reference tables only (the PDFs pdfkit and @signpdf write).
 */
// CommonJS modules: their default export is the `default` property of what Node imports.
import createBufferTrailerModule from '@signpdf/placeholder-plain/dist/createBufferTrailer.js';
import findObjectModule from '@signpdf/placeholder-plain/dist/findObject.js';
import getIndexFromRefModule from '@signpdf/placeholder-plain/dist/getIndexFromRef.js';
import readPdfModule from '@signpdf/placeholder-plain/dist/readPdf.js';
import readRefTableModule from '@signpdf/placeholder-plain/dist/readRefTable.js';

// Their JSDoc types do not match how the library itself calls them; these are the calls it makes.
interface Xref {
  startingIndex: number;
  maxIndex: number;
  offsets: Map<number, number>;
}
interface PdfTrailer {
  xref: Xref;
  rootRef: string;
  root: string;
  infoRef: string;
  xRefPosition: number;
}
const readPdf = readPdfModule.default as unknown as (pdf: Buffer) => PdfTrailer;
const readRefTable = readRefTableModule.default as unknown as (pdf: Buffer) => Xref;
const findObject = findObjectModule.default as unknown as (pdf: Buffer, xref: Xref, ref: string) => Buffer;
const getIndexFromRef = getIndexFromRefModule.default as unknown as (xref: Xref, ref: string) => number;
const createBufferTrailer = createBufferTrailerModule.default as unknown as (pdf: Buffer, info: PdfTrailer, added: Map<number, number>) => Buffer;

type Offsets = Map<number, number>;

/** Where a balanced `<< … >>` starting at `from` ends (just after it); strings and hex strings are skipped. */
function dictEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(') {
      let nest = 1;
      for (i++; i < text.length && nest > 0; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') nest++;
        else if (text[i] === ')') nest--;
      }
      i--;
    } else if (c === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (c === '<') {
      i = text.indexOf('>', i);
    }
  }
  throw new Error('unbalanced dictionary in PDF');
}

/** An object as written: its dictionary (or other value) as text and, for a stream, its bytes. */
function readObject(pdf: Buffer, offsets: Offsets, index: number): { value: string; stream: Buffer | null } {
  const start = offsets.get(index);
  if (start === undefined) throw new Error(`object ${index} is not in the cross-reference table`);
  const text = pdf.toString('latin1', start, Math.min(pdf.length, start + 64 * 1024));
  const open = /^\s*\d+\s+\d+\s+obj\s*/.exec(text);
  if (!open) throw new Error(`object ${index} does not start at its offset`);
  const body = open[0].length;
  if (!text.startsWith('<<', body)) return { value: text.slice(body, text.indexOf('endobj', body)).trim(), stream: null };
  const end = dictEnd(text, body);
  const value = text.slice(body, end);
  const after = /^\s*stream\r?\n/.exec(text.slice(end, end + 16));
  if (!after) return { value, stream: null };
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(value);
  if (!length) throw new Error(`stream ${index} has no direct /Length`);
  const from = start + Buffer.byteLength(text.slice(0, end) + after[0], 'latin1');
  return { value, stream: pdf.subarray(from, from + Number(length[1])) };
}

const refsIn = (text: string) => [...text.matchAll(/(\d+)\s+(\d+)\s+R\b/g)].map((m) => Number(m[1]));

/** The page references of a flat page tree (/Kids of /Root's /Pages), in order. */
function pageRefs(pdf: Buffer, info: PdfTrailer): string[] {
  const pages = /\/Pages\s+(\d+\s+\d+\s+R)/.exec(info.root)?.[1];
  if (!pages) throw new Error('the PDF has no page tree');
  const dict = findObject(pdf, info.xref, pages).toString('latin1');
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
  return [...kids.matchAll(/(\d+\s+\d+\s+R)/g)].map((m) => m[1]);
}

/** The value of `key` in a dictionary's text: a reference, an array or a dictionary, with where it stands. */
function entry(dict: string, key: string): { value: string; start: number; end: number } | null {
  const m = new RegExp(`${key.replace('/', '\\/')}(?![A-Za-z])\\s*`).exec(dict);
  if (!m) return null;
  const at = m.index + m[0].length;
  const ref = /^\d+\s+\d+\s+R/.exec(dict.slice(at));
  if (ref) return { value: ref[0], start: m.index, end: at + ref[0].length };
  if (dict.startsWith('<<', at)) {
    const end = dictEnd(dict, at);
    return { value: dict.slice(at, end), start: m.index, end };
  }
  if (dict[at] === '[') {
    const end = dict.indexOf(']', at) + 1;
    return { value: dict.slice(at, end), start: m.index, end };
  }
  return null;
}

/**
 * Paints page i of `overlay` over page i of `pdf`, for each i in `pages`; returns `pdf` with the update appended.
 * `pdf` itself is the prefix of the result, byte for byte.
 */
export function stampPages(pdf: Buffer, overlay: Buffer, pages: number[]): Buffer {
  const info = readPdf(pdf);
  const targetPages = pageRefs(pdf, info);
  const over = { info: readPdf(overlay), offsets: readRefTable(overlay).offsets };
  const overlayPages = pageRefs(overlay, over.info);

  let out = pdf;
  const added = new Map<number, number>();
  const write = (index: number, body: Buffer | string) => {
    added.set(index, out.length + 1);
    out = Buffer.concat([out, Buffer.from(`\n${index} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
  };
  const next = () => ++info.xref.maxIndex;
  const stream = (dict: string, bytes: Buffer) =>
    Buffer.concat([Buffer.from(`<<${dict} /Length ${bytes.length}>>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);

  // Copies an overlay object and everything it refers to, once each; returns the new numbers.
  const copied = new Map<number, number>();
  const renumber = (text: string) => text.replace(/(\d+)\s+(\d+)\s+R\b/g, (_, n: string) => `${copy(Number(n))} 0 R`);
  function copy(index: number): number {
    const known = copied.get(index);
    if (known !== undefined) return known;
    const fresh = next();
    copied.set(index, fresh);
    const object = readObject(overlay, over.offsets, index);
    const value = renumber(object.value);
    write(fresh, object.stream ? Buffer.concat([Buffer.from(`${value}\nstream\n`, 'latin1'), object.stream, Buffer.from('\nendstream', 'latin1')]) : value);
    return fresh;
  }

  const save = next();
  write(save, stream('', Buffer.from('q\n')));
  for (const i of pages) {
    if (i >= targetPages.length || i >= overlayPages.length) throw new Error(`page ${i + 1} is not in the document`);
    // The overlay page as a Form XObject with its own resources.
    const overPage = findObject(overlay, over.info.xref, overlayPages[i]).toString('latin1');
    const content = entry(overPage, '/Contents');
    const resources = entry(overPage, '/Resources');
    if (!content || content.value.startsWith('[')) throw new Error('the overlay page must have one content stream');
    const drawn = readObject(overlay, over.offsets, refsIn(content.value)[0]);
    const filter = /\/Filter\s*\/(\w+)/.exec(drawn.value)?.[1];
    const formResources = resources ? renumber(resources.value.endsWith('R') ? readObject(overlay, over.offsets, refsIn(resources.value)[0]).value : resources.value) : '<<>>';
    const box = entry(overPage, '/MediaBox')?.value ?? '[0 0 595.28 841.89]';
    const form = next();
    write(form, stream(`/Type /XObject /Subtype /Form /BBox ${box} /Resources ${formResources}${filter ? ` /Filter /${filter}` : ''}`, drawn.stream ?? Buffer.alloc(0)));
    const name = `/CvStamp${form}`;
    const paint = next();
    write(paint, stream('', Buffer.from(`Q\nq ${name} Do Q\n`)));

    // The page, rewritten with its contents wrapped and the form in its resources.
    const pageRef = targetPages[i];
    const page = findObject(pdf, info.xref, pageRef).toString('latin1');
    const contents = entry(page, '/Contents');
    const before = contents ? (contents.value.startsWith('[') ? contents.value.slice(1, -1).trim() : contents.value) : '';
    const res = entry(page, '/Resources');
    let resDict = res ? (res.value.endsWith('R') ? `<<${findObject(pdf, info.xref, res.value).toString('latin1')}>>` : res.value) : '<<>>';
    const xobjects = entry(resDict.slice(2, -2), '/XObject');
    if (xobjects) {
      const start = xobjects.start + 2;
      const own = xobjects.value.endsWith('R') ? `<<${findObject(pdf, info.xref, xobjects.value).toString('latin1')}>>` : xobjects.value;
      resDict = `${resDict.slice(0, start)}/XObject <<${own.slice(2, -2)} ${name} ${form} 0 R>>${resDict.slice(xobjects.end + 2)}`;
    } else {
      resDict = `${resDict.slice(0, -2)} /XObject <<${name} ${form} 0 R>>>>`;
    }
    const resIndex = next();
    write(resIndex, resDict);
    let rewritten = page;
    const replace = (e: ReturnType<typeof entry>, key: string, value: string) => {
      rewritten = e ? `${rewritten.slice(0, e.start)}${key} ${value}${rewritten.slice(e.end)}` : `${rewritten}\n${key} ${value}`;
    };
    // Resources after Contents in the text: replace the later one first so that the earlier positions still hold.
    const edits = [
      { e: contents, key: '/Contents', value: `[${save} 0 R ${before} ${paint} 0 R]` },
      { e: res, key: '/Resources', value: `${resIndex} 0 R` },
    ].sort((a, b) => (b.e?.start ?? -1) - (a.e?.start ?? -1));
    for (const { e, key, value } of edits) replace(e, key, value);
    write(getIndexFromRef(info.xref, pageRef), `<<${rewritten}>>`);
  }
  return Buffer.concat([out, Buffer.from('\n'), createBufferTrailer(out, info, added)]);
}

/** The width and height of page i (its /MediaBox, or its page tree's, or A4), in points. */
export function pageSize(pdf: Buffer, i: number): [number, number] {
  const info = readPdf(pdf);
  const refs = pageRefs(pdf, info);
  if (i >= refs.length) throw new Error(`page ${i + 1} is not in the document`);
  const page = findObject(pdf, info.xref, refs[i]).toString('latin1');
  const parent = entry(page, '/Parent');
  const box = entry(page, '/MediaBox')?.value ?? (parent ? entry(findObject(pdf, info.xref, parent.value).toString('latin1'), '/MediaBox')?.value : undefined);
  const n = box ? [...box.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0])) : [];
  return n.length === 4 ? [n[2] - n[0], n[3] - n[1]] : [595.28, 841.89];
}
