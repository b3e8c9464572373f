import { ApiError, SessionExpiredError, UnavailableError } from './api.js';
import { h, replace } from './dom.js';

/** What every part of a page uses to show trouble (news is said where the customer acted, e.g. a switch's outcome). */
export interface Screen {
  /** A panel explaining an error, with the one action that helps: sign in again, try again, or another meter. */
  problem(error: unknown, retry: () => void): HTMLElement;
}

/** A line that says how an action went, where it was taken (role=status: read out when it changes). */
export interface StatusLine {
  element: HTMLElement;
  /** Says this (text, or nodes such as a key shown once); a problem is styled as one. */
  say(message: string | HTMLElement[], problem?: boolean): void;
  /**
   * Says `progress`, runs `work` and says what it answers; on failure says `failed` (when given) and why, in the
   * API's words. Resolves whether it worked.
   */
  attempt(progress: string, work: () => Promise<string | HTMLElement[]>, failed?: string | (() => string)): Promise<boolean>;
}

export function statusLine(testId: string, tag: 'p' | 'div' = 'p'): StatusLine {
  const element = h(tag, { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': testId });
  const say: StatusLine['say'] = (message, problem = false) => {
    element.className = problem ? 'status problem' : 'status';
    replace(element, ...(typeof message === 'string' ? [message] : message));
  };
  return {
    element,
    say,
    async attempt(progress, work, failed) {
      say(progress);
      try {
        say(await work());
        return true;
      } catch (error) {
        const prefix = typeof failed === 'function' ? failed() : failed;
        say(prefix ? `${prefix} ${explainProblem(error)}` : explainProblem(error), true);
        return false;
      }
    },
  };
}

/** What went wrong, in the customer's words. */
export function explainProblem(error: unknown): string {
  if (error instanceof SessionExpiredError) return 'Your session has expired. Please sign in again.';
  if (error instanceof UnavailableError) return 'JOI Energy is busy right now and could not answer. Please try again in a moment.';
  if (error instanceof ApiError && error.status === 403) return `You cannot see this meter: ${error.message}.`;
  if (error instanceof ApiError && error.status === 404) return `We could not find this meter: ${error.message}.`;
  if (error instanceof ApiError) return `That did not work: ${error.message}.`;
  return `Something went wrong: ${(error as Error).message ?? error}.`;
}

/** 403 and 404 do not go away by asking again: the way out is another meter. */
const wrongMeter = (error: unknown) => error instanceof ApiError && (error.status === 403 || error.status === 404);

export function createScreen(signInAgain: () => void): Screen {
  return {
    problem(error, retry) {
      const action =
        error instanceof SessionExpiredError
          ? h('button', { type: 'button', class: 'primary', onclick: signInAgain }, 'Sign in again')
          : wrongMeter(error)
            ? h('a', { class: 'button', href: '#/' }, 'Choose another meter')
            : h('button', { type: 'button', onclick: () => retry() }, 'Try again');
      return h('div', { class: 'problem', role: 'alert' }, h('p', {}, explainProblem(error)), action);
    },
  };
}
