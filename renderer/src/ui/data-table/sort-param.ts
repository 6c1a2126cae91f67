/**
 * A table's sort as it is written in a route's search params, so a view can be cited and
 * Back restores it: `samples:desc`, `model:asc`; several columns comma-separated.
 */
export interface ColumnSort {
  readonly id: string;
  readonly desc: boolean;
}
export type Sorting = readonly ColumnSort[];

const PART = /^([A-Za-z][\w-]{0,63}):(asc|desc)$/;

/** Reads a sort param; an unreadable part is dropped rather than failing the route. */
export function parseSortParam(param: string | undefined): Sorting {
  if (!param) return [];
  return param.split(',').flatMap((part) => {
    const match = PART.exec(part);
    return match?.[1] && match[2] ? [{ id: match[1], desc: match[2] === 'desc' }] : [];
  });
}

/** Writes a sort param; undefined (no param) for no sort. */
export function sortParam(sorting: Sorting): string | undefined {
  if (sorting.length === 0) return undefined;
  return sorting.map((s) => `${s.id}:${s.desc ? 'desc' : 'asc'}`).join(',');
}
