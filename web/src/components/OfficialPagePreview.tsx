import type { OfficialPage } from '../types';

/**
 * The official page as Decree 30/2020 (Appendix I) lays it out, from the text blocks the server composed
 * (src/rendering/compose-page.ts): a white A4-like sheet, issuer and number on the left, motto and date on the right,
 * the type name and subject (or `V/v …` for a công văn), Kính gửi, the body, then Nơi nhận beside the signature.
 */
export function OfficialPagePreview({ page }: { page: OfficialPage }) {
  const congVan = page.typeName === null;
  const marks = (page.marks.confidentiality || page.marks.urgency) && (
    <div className="sheet-marks">
      {page.marks.confidentiality && <span className="sheet-mark confidential">{page.marks.confidentiality}</span>}
      {page.marks.urgency && <span className="sheet-mark urgency">{page.marks.urgency}</span>}
    </div>
  );
  return (
    <section className="official-preview" aria-labelledby="official-preview-title">
      <h2 id="official-preview-title" className="visually-hidden">
        Bản xem trước văn bản
      </h2>
      <article className="sheet" lang="vi">
        <div className="sheet-head">
          <div className="sheet-head-left">
            {page.superior && <p className="superior">{page.superior}</p>}
            <p className="issuer">
              {page.issuerLines.map((line, i) => (
                <span key={i} className="issuer-line">
                  {line}
                </span>
              ))}
            </p>
            <p className="number-line">{page.numberLine}</p>
            {congVan && <p className="vv-line">{page.subjectLine}</p>}
            {marks}
          </div>
          <div className="sheet-head-right">
            <p className="motto-1">{page.motto[0]}</p>
            <p className="motto-2">
              <span>{page.motto[1]}</span>
            </p>
            <p className="date-line">{page.dateLine}</p>
          </div>
        </div>

        {!congVan && (
          <div className="sheet-title">
            <p className="type-name">{page.typeName}</p>
            <p className="subject-line">{page.subjectLine}</p>
          </div>
        )}

        <KinhGui lines={page.kinhGui} />

        <div className="sheet-body">
          {page.body.length === 0 ? (
            <p className="sheet-empty">(Chưa có nội dung)</p>
          ) : (
            page.body.map((p, i) => <p key={i}>{p}</p>)
          )}
        </div>

        <div className="sheet-foot">
          <div className="noi-nhan">
            {page.noiNhan.map((line, i) =>
              i === 0 ? (
                <p key={i} className="noi-nhan-head">
                  {line}
                </p>
              ) : (
                <p key={i}>{line}</p>
              ),
            )}
          </div>
          <div className="signature">
            {page.signatureTitles.map((t, i) => (
              <p key={i} className="signature-title">
                {t}
              </p>
            ))}
            <div className="signature-space" aria-hidden="true" />
            {page.signerName ? <p className="signer-name">{page.signerName}</p> : <p className="signer-name muted">(Chưa chọn người ký)</p>}
          </div>
        </div>
        {page.appendix && (
          <div className="appendix">
            <h3>{page.appendix.heading[0]}</h3>
            <h3>{page.appendix.heading[1]}</h3>
            <p className="reference">{page.appendix.reference}</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    {page.appendix.columns.map((c) => (
                      <th key={c}>{c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.appendix.rows.map((r, i) =>
                    r.kind === 'section' ? (
                      <tr key={i} className="section">
                        <td>{r.numeral}</td>
                        <td colSpan={page.appendix!.columns.length - 1}>{r.text}</td>
                      </tr>
                    ) : (
                      <tr key={i}>
                        {r.cells.map((c, j) => (
                          <td key={j}>{c}</td>
                        ))}
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </article>
    </section>
  );
}

/** `Kính gửi: X.` on one line, or the heading `Kính gửi:` with the `- …;` lines aligned under each other beside it. */
function KinhGui({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  if (lines.length === 1) {
    return (
      <div className="kinh-gui single">
        <p>{lines[0]}</p>
      </div>
    );
  }
  return (
    <div className="kinh-gui list">
      <p className="kinh-gui-head">{lines[0]}</p>
      <div className="kinh-gui-items">
        {lines.slice(1).map((l, i) => (
          <p key={i}>{l}</p>
        ))}
      </div>
    </div>
  );
}
