/** The slice of Koa's context the plugin's controllers use. */
export interface Ctx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; ip: string };
  state: { user?: { id: number; email: string } };
  body: unknown;
  status: number;
  type: string;
  set(field: string, value: string): void;
}
