/** A JQL date value: relative (`-15m`, `-2h`, `-1d`, `-1w`) or `yyyy-MM-dd[ HH:mm]`, as epoch ms (both fake Jiras read dates this way). */
export function jqlTime(value: string, now: number): number {
  const relative = /^-(\d+)([mhdw])$/.exec(value.trim());
  if (relative) return now - Number(relative[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'm' | 'h' | 'd' | 'w'];
  const parsed = Date.parse(value.replace(/\//g, '-').replace(' ', 'T'));
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
}
