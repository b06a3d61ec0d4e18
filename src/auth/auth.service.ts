import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
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

/** What a login or a refresh gives: a short-lived access token and the refresh token that renews it. */
export interface Session {
  accessToken: string;
  /** Seconds the access token is valid. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: CurrentUser;
}

const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<Session> {
    const [user] = (await this.db.query(prepared(`${USER_SQL} WHERE u.username = $1`), [username.trim().toLowerCase()])) as UserRow[];
    // Compare even when the user is unknown, so that timing does not tell which usernames exist.
    const ok = await bcrypt.compare(password, user?.password_hash ?? '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva');
    if (!user || !ok || !user.active) throw new UnauthenticatedError('Wrong username or password');
    return this.db.transaction((m) => this.session(m, toCurrentUser(user)));
  }

  /**
   * A new access token for a refresh token, which is used up and replaced (rotation). A refresh token used a second
   * time means it was copied: every session of its user is ended, and the user logs in again.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const hash = sha256(refreshToken);
    const outcome = await this.db.transaction(async (m) => {
      const [row] = (await m.query(
        `SELECT t.id, t.user_id, t.used_at, t.revoked_at, t.expires_at > now() AS live FROM refresh_tokens t WHERE t.token_sha256 = $1 FOR UPDATE`,
        [hash],
      )) as Array<{ id: string; user_id: string; used_at: Date | null; revoked_at: Date | null; live: boolean }>;
      if (!row) return null;
      if (row.used_at) {
        await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [row.user_id]);
        return 'reused' as const;
      }
      if (row.revoked_at || !row.live) return null;
      const [user] = (await m.query(`${USER_SQL} WHERE u.id = $1 AND u.active`, [row.user_id])) as UserRow[];
      if (!user) return null;
      await m.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      return this.session(m, toCurrentUser(user));
    });
    if (outcome === 'reused') throw new UnauthenticatedError('This refresh token was already used: every session of this user is ended; log in again');
    if (!outcome) throw new UnauthenticatedError('Unknown, expired or revoked refresh token: log in again');
    return outcome;
  }

  /** Ends the session of a refresh token (logout); an unknown token changes nothing. */
  async logout(refreshToken: string): Promise<void> {
    await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE token_sha256 = $1 AND revoked_at IS NULL`, [sha256(refreshToken)]);
  }

  private async session(m: EntityManager, user: CurrentUser): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    await m.query(`INSERT INTO refresh_tokens (user_id, token_sha256, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second')`, [
      user.id,
      sha256(refreshToken),
      this.config.refreshTtlSeconds,
    ]);
    const accessToken = await this.jwt.signAsync({ sub: user.id, username: user.username });
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, refreshToken, refreshExpiresIn: this.config.refreshTtlSeconds, user };
  }

  /** Every request's lookup (auth.guard.ts): one indexed query, without the ORM's per-call work. */
  async findActiveUser(id: string): Promise<CurrentUser | null> {
    const [u] = (await this.db.query(prepared(`${USER_SQL} WHERE u.id = $1 AND u.active`), [id])) as UserRow[];
    return u ? toCurrentUser(u) : null;
  }
}
