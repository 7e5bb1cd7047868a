import { MAPPING_CODE_INFO, type MappingCode } from '@webriskops/shared';
import { AppError } from '../../errors';

/** One way an export profile (or mapping) does not fit the target's Jira, with the path of its field. */
export interface ProfileProblem {
  code: MappingCode;
  /** The field's path in the profile (`severity_priority_ids.high`, `extra_fields.customfield_10100`). */
  field: string;
  message: string;
  next_action: string;
}

/** A problem with its code's shared next action. */
export const profileProblem = (code: MappingCode, field: string, message: string): ProfileProblem => ({
  code,
  field,
  message,
  next_action: MAPPING_CODE_INFO[code].nextAction,
});

/**
 * 422 with the first problem's mapping code, every problem named in the message, and `details`
 * (`[{code, path, message}]`) so a job or page can point at each field. Nothing was saved or sent.
 */
export class MappingError extends AppError {
  constructor(
    readonly problems: ProfileProblem[],
    lead: string,
    tail: string,
  ) {
    const first = problems[0]!;
    const named = problems.map((problem) => `${problem.field}: ${problem.message}`).join(' ');
    super(first.code, 422, `${lead} ${named} ${tail}`.trim(), first.next_action);
  }

  override toBody() {
    const body = super.toBody();
    return { error: { ...body.error, details: this.problems.map((problem) => ({ code: problem.code, path: problem.field, message: problem.message })) } };
  }
}
