import type { Child } from 'hono/jsx';
import { ErrorNotice } from './layout';
import type { Refusal, TargetStep } from './target-page-props';

/** One numbered step of a setup page: a labelled section a fragment link (#step-…) can land on. */
export function StepSection(props: { step: TargetStep | 'revoke'; title: string; locked?: boolean; children: Child }) {
  const id = `step-${props.step}`;
  return (
    <section class={`step${props.locked ? ' locked' : ''}`} id={id} aria-labelledby={`${id}-title`} tabindex={-1}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** The refusal of the form in `step`, if that is where it happened. */
export function StepRefusal(props: { refusal: Refusal | null | undefined; step: TargetStep }) {
  const refusal = props.refusal;
  if (!refusal || refusal.step !== props.step) return null;
  return <ErrorNotice code={refusal.code} message={refusal.message} nextAction={refusal.nextAction} />;
}

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/**
 * A copy button for the text of element `target`; hidden until the script can make it work. Its
 * name is "Copy <what>": the visible word is part of it (the script swaps only that word for
 * "Copied"), so speech input and screen readers agree with what is seen.
 */
export function CopyButton(props: { target: string; what: string }) {
  return (
    <button type="button" class="copy" data-copy={props.target} hidden>
      <span data-copy-word>Copy</span>
      <span class="sr-only"> {props.what}</span>
    </button>
  );
}
