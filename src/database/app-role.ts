/**
 * The database role the application runs as. Migrations (as the owner) create it and give it what it may do:
 * read and write the tables, but only insert into the audit tables — never update or delete them.
 */
export const APP_ROLE = 'congvan_app';

/** The connection URL of the application role, on the same server and database as the owner's URL. */
export function appRoleUrl(ownerUrl: string, password: string): string {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = encodeURIComponent(password);
  return u.toString();
}
