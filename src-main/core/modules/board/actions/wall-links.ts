// View-only wall links: a lead makes one for a TV on the warehouse wall. Its token (answered once,
// stored as a SHA-256) reads the floor and nothing else; revoking it stops the TV at its next read.
// Kept apart from bench pairing on purpose: a wall gets no session, no role, no other route.
import { createHash, randomBytes } from 'node:crypto';
import type { CoreContext } from '../../../context';
import type { WallLink } from '../../../../contract/board';
import { appendEvent, type Actor } from '../../../store/events';
import { fail } from '../../../../lib/errors';
import { insertWallLink, revokeWallLinkRow, wallLink, wallLinkByHash, wallLinks, type WallLinkRow } from '../store';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const toLink = (r: WallLinkRow): WallLink => ({ id: r.id, name: r.name, createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at });

export const listWallLinks = (ctx: CoreContext) => wallLinks(ctx.db).map(toLink);

export function createWallLink(ctx: CoreContext, name: string, actor: Actor): WallLink {
  const id = ctx.ids('wallLink');
  const token = `wall_${randomBytes(24).toString('base64url')}`;
  insertWallLink(ctx.db, { id, name, tokenHash: hash(token), createdBy: actor.id, createdAt: ctx.clock.iso() });
  appendEvent(ctx.db, ctx.clock, { type: 'wall_link.created', entity: 'wall_link', entityId: id, actor, data: { name } });
  return { ...toLink(wallLink(ctx.db, id)!), token };
}

export function revokeWallLink(ctx: CoreContext, id: string, actor: Actor): WallLink {
  const r = wallLink(ctx.db, id) ?? fail('not_found', `no wall link ${id}`, [{ path: 'id', message: 'unknown' }]);
  if (r.revoked_at) return toLink(r);
  revokeWallLinkRow(ctx.db, id, ctx.clock.iso());
  appendEvent(ctx.db, ctx.clock, { type: 'wall_link.revoked', entity: 'wall_link', entityId: id, actor, data: { name: r.name } });
  return toLink(wallLink(ctx.db, id)!);
}

/** The live link a token belongs to; refused (401) for an unknown or revoked one. */
export function wallLinkOf(ctx: CoreContext, token: string): WallLinkRow {
  return wallLinkByHash(ctx.db, hash(token)) ?? fail('unauthenticated', 'this wall link is unknown or was revoked: ask a lead for a new one');
}
