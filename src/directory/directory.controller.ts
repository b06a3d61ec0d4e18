import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { User, type CurrentUser } from '../common/current-user.js';

/** The directory: recipients to address documents to, the units to consult, and the signers a drafter may choose. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(private readonly db: DataSource) {}

  /**
   * The recipients to address documents to: agencies and groups, with how each is reached (`internal`: an agency of
   * this system, its incoming desk; `edxml`: through the exchange; `manual`: by hand), how a run of one category
   * prints (`category`, `shortName`), and a group's members.
   */
  @Get('recipients')
  async recipients() {
    const rows = (await this.db.query(
      `SELECT r.id, r.code, r.name, r.kind, r.organ_id, r.category, r.short_name,
              CASE WHEN r.kind = 'group' THEN NULL WHEN r.agency_id IS NOT NULL THEN 'internal' WHEN r.organ_id IS NOT NULL THEN 'edxml' ELSE 'manual' END AS channel,
              (SELECT coalesce(json_agg(json_build_object('id', m.id, 'code', m.code, 'name', m.name) ORDER BY gm.position), '[]')
                 FROM recipient_group_members gm JOIN recipients m ON m.id = gm.member_id WHERE gm.group_id = r.id) AS members
         FROM recipients r ORDER BY r.sort_order, r.name`,
    )) as Array<{
      id: string; code: string; name: string; kind: string; organ_id: string | null; category: string | null; short_name: string | null;
      channel: string | null; members: Array<{ id: string; code: string; name: string }>;
    }>;
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      organId: r.organ_id,
      category: r.category,
      shortName: r.short_name,
      channel: r.channel,
      ...(r.kind === 'group' ? { members: r.members } : {}),
    }));
  }

  /** The units of the caller's agency, with their heads: whom a document can consult (xin ý kiến). */
  @Get('units')
  async units(@User() user: CurrentUser) {
    const rows = (await this.db.query(
      `SELECT n.id, n.code, n.name,
              (SELECT coalesce(json_agg(json_build_object('id', u.id, 'fullName', u.full_name) ORDER BY u.full_name), '[]')
                 FROM users u WHERE u.unit_id = n.id AND u.active AND 'unit-head' = ANY(u.roles)) AS heads
         FROM units n WHERE n.agency_id = $1 ORDER BY n.code`,
      [user.agencyId],
    )) as Array<{ id: string; code: string; name: string; heads: Array<{ id: string; fullName: string }> }>;
    return rows;
  }

  /** People holding a signing position in the caller's agency, with their positions. */
  @Get('signers')
  async signers(@User() user: CurrentUser) {
    const rows = (await this.db.query(
      `SELECT u.id, u.username, u.full_name, u.position_title,
              json_agg(json_build_object('id', p.id, 'title', p.title, 'acting', h.acting) ORDER BY h.acting, p.title) AS positions
         FROM users u JOIN position_holders h ON h.user_id = u.id JOIN positions p ON p.id = h.position_id
        WHERE p.agency_id = $1 AND u.active
        GROUP BY u.id ORDER BY u.full_name`,
      [user.agencyId],
    )) as Array<{ id: string; username: string; full_name: string; position_title: string; positions: unknown[] }>;
    return rows.map((r) => ({ id: r.id, username: r.username, fullName: r.full_name, positionTitle: r.position_title, positions: r.positions }));
  }
}
