/** Why an archive was refused: one phrase naming the entry and the rule it broke. */
export class ZipRejection extends Error {
  override readonly name = 'ZipRejection';
}

/** "1 entry", "2 entries": counts in rejection phrases. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
