import { CHECK_NAMES, type TargetRecord } from '@webriskops/shared';
import { CHECK_LABEL, formatTime } from './format';

/** Each recorded check (URL, ownership, network, authentication, permissions) with its result, time and reason. */
export function CheckList(props: { checks: TargetRecord['checks']; compact?: boolean }) {
  return (
    <ol class={props.compact ? 'checks compact' : 'checks'}>
      {CHECK_NAMES.map((name) => {
        const result = props.checks[name];
        const status = result ? result.status : 'not-run';
        return (
          <li class={`check ${status}`} data-check={name}>
            <span class="check-name">{CHECK_LABEL[name]}</span>{' '}
            <span class="check-status">
              {result ? (result.status === 'passed' ? 'passed' : `failed${result.code ? ` (${result.code})` : ''}`) : 'not run yet'}
            </span>
            {result ? (
              <>
                {' '}
                <time class="check-time" datetime={result.checked_at}>
                  {formatTime(result.checked_at)}
                </time>
                {props.compact ? null : <span class="check-reason">{result.reason}</span>}
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
