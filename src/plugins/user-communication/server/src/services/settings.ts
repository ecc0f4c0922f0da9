import type { Core } from '@strapi/strapi';
import { SETTINGS_UID } from '../constants';
import {
  DEFAULT_ROW,
  toColumns,
  toSettings,
  type Settings,
  type SettingsRow,
  type SettingsUpdate,
} from './settings-model';

type Listener = (next: Settings, previous: Settings) => void | Promise<void>;

const COLUMNS = Object.keys(DEFAULT_ROW) as (keyof typeof DEFAULT_ROW)[];

const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const listeners = new Set<Listener>();
  const query = () => strapi.db.query(SETTINGS_UID);

  // Several instances may boot at once on an empty database and each insert the
  // defaults; every reader and writer uses the oldest row, so they agree regardless.
  const readRow = async (): Promise<SettingsRow | null> =>
    (await query().findOne({
      select: ['id', ...COLUMNS],
      orderBy: { id: 'asc' },
    })) as SettingsRow | null;

  const ensureRow = async (): Promise<SettingsRow> => {
    const existing = await readRow();
    if (existing) return existing;
    await query().create({ data: { ...DEFAULT_ROW } });
    return (await readRow()) as SettingsRow;
  };

  return {
    async get(): Promise<Settings> {
      return toSettings(await ensureRow());
    },

    async update(input: SettingsUpdate): Promise<Settings> {
      const row = await ensureRow();
      const previous = toSettings(row);
      const data = toColumns(input);
      if (Object.keys(data).length > 0) {
        await query().update({ where: { id: row.id }, data });
      }
      const next = toSettings((await readRow()) as SettingsRow);
      for (const listener of listeners) {
        await listener(next, previous);
      }
      return next;
    },

    /** Lets mechanisms react to a change without a restart (e.g. re-scheduling the reminder job). */
    onChange(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    ensureRow,
  };
};

export type SettingsService = ReturnType<typeof settings>;
export default settings;
