let created = 0;

/** A target name unique within this test file's process (names are unique per workspace). */
export function targetName(prefix = 'Target'): string {
  created += 1;
  return `${prefix} ${created}`;
}
