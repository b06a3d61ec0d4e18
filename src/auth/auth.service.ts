import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import bcrypt from 'bcryptjs';
import { UnauthenticatedError } from '../common/domain-error.js';
import type { CurrentUser } from '../common/current-user.js';
import { UserEntity } from './user.entity.js';
import { prepared } from '../database/preparing-client.js';

export function toCurrentUser(u: UserEntity): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    positionTitle: u.positionTitle,
    agencyId: u.agencyId,
    unitId: u.unitId,
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
    const user = await this.db.getRepository(UserEntity).findOneBy({ username: username.trim().toLowerCase() });
    // Compare even when the user is unknown, so that timing does not tell which usernames exist.
    const ok = await bcrypt.compare(password, user?.passwordHash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva');
    if (!user || !ok || !user.active) throw new UnauthenticatedError('Wrong username or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, username: user.username });
    return { accessToken, user: toCurrentUser(user) };
  }

  /** Every request's lookup (auth.guard.ts): one indexed query, without the ORM's per-call work. */
  async findActiveUser(id: string): Promise<CurrentUser | null> {
    const [u] = (await this.db.query(
      prepared(`SELECT id, username, full_name, position_title, agency_id, unit_id, roles FROM users WHERE id = $1 AND active`),
      [id],
    )) as Array<{ id: string; username: string; full_name: string; position_title: string; agency_id: string; unit_id: string | null; roles: CurrentUser['roles'] }>;
    return u
      ? { id: u.id, username: u.username, fullName: u.full_name, positionTitle: u.position_title, agencyId: u.agency_id, unitId: u.unit_id, roles: u.roles }
      : null;
  }
}
