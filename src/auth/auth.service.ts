import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import bcrypt from 'bcryptjs';
import { UnauthenticatedError } from '../common/domain-error.js';
import type { CurrentUser } from '../common/current-user.js';
import { UserEntity } from './user.entity.js';

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

  async findActiveUser(id: string): Promise<CurrentUser | null> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id, active: true });
    return user ? toCurrentUser(user) : null;
  }
}
