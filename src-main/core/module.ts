import type { RouteDef } from '../contract/routing';
import type { ModuleHandlers } from './http/handler-env';
import type { Migration } from './store/migrate';

/**
 * What a module of the core brings (DESIGN.md "Layout"): its name, the tables it owns (only its
 * store.ts writes them), its migrations, its routes (from its contract file) and their handlers.
 * core/modules.ts lists every module; the server's handlers, the migrations and table ownership come
 * from there (the route table and the OpenAPI document from contract/api.ts).
 */
export interface CoreModule<R extends Record<string, RouteDef> = Record<string, RouteDef>> {
  name: string;
  tables: readonly string[];
  migrations: readonly Migration[];
  routes: R;
  handlers: ModuleHandlers<R>;
}

/** Declares a module, keeping its routes' types so its handlers are checked one by one. */
export const defineModule = <R extends Record<string, RouteDef>>(m: CoreModule<R>): CoreModule<R> => m;
