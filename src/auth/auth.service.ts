import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import bcrypt from 'bcryptjs';
import { UnauthenticatedError } from '../common/domain-error.js';
import type { CurrentUser } from '../common/current-user.js';
import { prepared } from '../database/preparing-client.js';

/** A user as requests see it, with what login checks. */
const USER_SQL = `SELECT u.id, u.username, u.full_name, u.position_title, u.agency_id, a.code AS agency_code, u.unit_id, u.roles,
         u.active, u.password_hash
    FROM users u JOIN agencies a ON a.id = u.agency_id`;

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  position_title: string;
  agency_id: string;
  agency_code: string;
  unit_id: string | null;
  roles: CurrentUser['roles'];
  active: boolean;
  password_hash: string;
}

function toCurrentUser(u: UserRow): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    positionTitle: u.position_title,
    agencyId: u.agency_id,
    agencyCode: u.agency_code,
    unitId: u.unit_id,
    roles: u.roles,
  };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string; user: CurrentUser }> {
    const [user] = (await this.db.query(prepared(`${USER_SQL} WHERE u.username = $1`), [username.trim().toLowerCase()])) as UserRow[];
    // Compare even when the user is unknown, so that timing does not tell which usernames exist.
    const ok = await bcrypt.compare(password, user?.password_hash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva');
    if (!user || !ok || !user.active) throw new UnauthenticatedError('Wrong username or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, username: user.username });
    return { accessToken, user: toCurrentUser(user) };
  }

  /** Every request's lookup (auth.guard.ts): one indexed query, without the ORM's per-call work. */
  async findActiveUser(id: string): Promise<CurrentUser | null> {
    const [u] = (await this.db.query(prepared(`${USER_SQL} WHERE u.id = $1 AND u.active`), [id])) as UserRow[];
    return u ? toCurrentUser(u) : null;
  }
}
