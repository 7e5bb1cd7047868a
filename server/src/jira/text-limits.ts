/** Jira refuses a summary of 255 characters or more ("Summary must be less than 255 characters"). */
export const SUMMARY_MAX_CHARS = 254;
/** Jira Data Center's default limit for description and every text field (jira.text.field.character.limit). */
export const DC_TEXT_MAX_CHARS = 32_767;
/**
 * Jira Cloud counts a rich-text field's limit (32,767) on what it stores; bounding the whole ADF
 * JSON we send by the same number keeps every document under it whatever the node overhead.
 */
export const CLOUD_ADF_JSON_MAX_CHARS = 32_767;

const MARKER = /(?:\n| )… \(truncated by WebRiskOps, (\d+) characters\)$/;

/** The note that ends every text the companion had to cut: how many characters were left out. */
export const truncationMarker = (leftOut: number) => `… (truncated by WebRiskOps, ${leftOut} characters)`;

/** `text` cut after `keep` characters (never inside a surrogate pair), with the marker; an earlier marker is merged. */
export function cutAt(text: string, keep: number, separator: ' ' | '\n' = ' '): string {
  const earlier = MARKER.exec(text);
  const body = earlier ? text.slice(0, earlier.index) : text;
  const alreadyLeftOut = earlier ? Number(earlier[1]) : 0;
  if (keep >= body.length && !earlier) return text;
  let end = Math.max(0, Math.min(keep, body.length));
  const last = body.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${body.slice(0, end)}${separator}${truncationMarker(body.length - end + alreadyLeftOut)}`;
}

/**
 * The longest cut of `text` (with the marker) for which `fits` holds, or `text` itself when it
 * fits whole; null when not even the marker alone fits. `fits` judges what is finally sent (after
 * escaping and serialisation), so the limit holds on the wire, not on the raw text.
 */
export function cutToFit(text: string, fits: (candidate: string) => boolean, separator: ' ' | '\n' = ' '): string | null {
  if (fits(text)) return text;
  if (!fits(cutAt(text, 0, separator))) return null;
  let low = 0;
  let high = text.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(cutAt(text, middle, separator))) low = middle;
    else high = middle - 1;
  }
  return cutAt(text, low, separator);
}

/** Plain text cut to `max` characters, marker included. */
export function cutWithMarker(text: string, max: number, separator: ' ' | '\n' = ' '): string {
  return cutToFit(text, (candidate) => candidate.length <= max, separator) ?? text.slice(0, max);
}

/**
 * A finding document (wiki markup or ADF) that fits `max` once rendered and measured: the
 * description gets at most half of the room, the evidence what is left; each cut says so.
 */
export function fitFindingDocument<T>(
  description: string,
  evidence: string,
  render: (description: string, evidence: string) => T,
  size: (document: T) => number,
  max: number,
): T {
  const fits = (d: string, e: string) => size(render(d, e)) <= max;
  if (fits(description, evidence)) return render(description, evidence);
  let keptDescription = description;
  if (size(render(description, '')) > max / 2) keptDescription = cutToFit(description, (d) => size(render(d, '')) <= max / 2, '\n') ?? '';
  let keptEvidence = cutToFit(evidence, (e) => fits(keptDescription, e), '\n');
  if (keptEvidence === null) {
    keptEvidence = '';
    keptDescription = cutToFit(description, (d) => fits(d, ''), '\n') ?? '';
  }
  const document = render(keptDescription, keptEvidence);
  if (size(document) > max) throw new RangeError('The fixed parts of the finding alone exceed the limit.');
  return document;
}
