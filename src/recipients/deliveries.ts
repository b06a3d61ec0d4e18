/**
 * Who receives an issued document: one delivery per recipient agency. A group (e.g. "UBND các xã, phường") is
 * expanded to its members; an agency named twice (directly and in a group, or as addressee and copy) is delivered
 * once, as addressee when it is one; the issuing agency never delivers to itself. The channel follows the directory:
 * an agency working in this system (`recipients.agency_id`) receives it in its incoming desk (`internal`); one with a
 * national identifier (`organ_id`) gets an edXML package through the exchange (`edxml`); any other is delivered by
 * hand or mail, and the clerk records its receipt (`manual`).
 */

export type DeliveryChannel = 'internal' | 'edxml' | 'manual';

/**
 * The SELECT that feeds `INSERT INTO deliveries (document_id, recipient_id, role, channel, via_group_id)` at issue,
 * inside the issuing statement of document-actions.service.ts, whose parameters it reads: `$1` the document id,
 * `$19` whether this action issues, `$30` the issuing agency id.
 */
export const DELIVERIES_AT_ISSUE_SQL = `
  SELECT DISTINCT ON (t.recipient_id) $1::uuid, t.recipient_id, t.role,
         CASE WHEN r.agency_id IS NOT NULL THEN 'internal' WHEN r.organ_id IS NOT NULL THEN 'edxml' ELSE 'manual' END, t.via
    FROM (SELECT x.recipient_id, x.role, NULL::uuid AS via, x.position, 0 AS member_position
            FROM document_recipients x JOIN recipients g ON g.id = x.recipient_id
           WHERE x.document_id = $1 AND g.kind <> 'group'
          UNION ALL
          SELECT gm.member_id, x.role, x.recipient_id, x.position, gm.position
            FROM document_recipients x JOIN recipient_group_members gm ON gm.group_id = x.recipient_id
           WHERE x.document_id = $1) t
    JOIN recipients r ON r.id = t.recipient_id
   WHERE $19::boolean AND r.kind <> 'group' AND r.agency_id IS DISTINCT FROM $30::uuid
   ORDER BY t.recipient_id, t.role, t.via NULLS FIRST, t.position, t.member_position`;
