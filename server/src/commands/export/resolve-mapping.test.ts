import { describe, expect, it } from 'vitest';
import { issueMappingSchema } from './export-input';
import { mergeMapping } from './resolve-mapping';

const profile = issueMappingSchema.parse({
  project_key: 'SEC',
  issue_type_id: '1',
  severity_priority_ids: { high: '2' },
  labels: ['appsec'],
  extra_fields: { customfield_10100: { id: '10200' }, components: [{ id: '10000' }] },
});

describe('mergeMapping', () => {
  it('keeps the profile when the call gives nothing', () => {
    expect(mergeMapping(profile, {})).toEqual({ ...profile, priority_id: undefined });
  });

  it('a priority_id replaces the severity map, labels replace labels, extra fields merge by id on the same screen', () => {
    expect(mergeMapping(profile, { priority_id: '4', labels: ['urgent'], extra_fields: { components: [{ id: '10001' }] } })).toEqual({
      project_key: 'SEC',
      issue_type_id: '1',
      priority_id: '4',
      labels: ['urgent'],
      extra_fields: { customfield_10100: { id: '10200' }, components: [{ id: '10001' }] },
    });
  });

  it('another project or issue type drops the profile’s extra fields (made for its own screen)', () => {
    expect(mergeMapping(profile, { project_key: 'OPS', extra_fields: { components: [{ id: '1' }] } }).extra_fields).toEqual({ components: [{ id: '1' }] });
    expect(mergeMapping(profile, { issue_type_id: '10002' }).extra_fields).toEqual({});
  });
});
