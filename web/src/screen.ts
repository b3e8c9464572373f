import { ApiError, SessionExpiredError, UnavailableError } from './api.js';
import { h } from './dom.js';

/** What every part of a page uses to show trouble and to tell screen-reader users what happened. */
export interface Screen {
  /** A panel explaining an error, with the one action that helps: sign in again, or try again. */
  problem(error: unknown, retry: () => void): HTMLElement;
  /** Said politely in the live region (and shown): progress and outcomes. */
  announce(message: string): void;
  announceProblem(error: unknown): void;
}

export function createScreen(status: HTMLElement, signInAgain: () => void): Screen {
  const explain = (error: unknown): string => {
    if (error instanceof SessionExpiredError) return 'Your session has expired. Please sign in again.';
    if (error instanceof UnavailableError) return 'JOI Energy is busy right now and could not answer. Please try again in a moment.';
    if (error instanceof ApiError && error.status === 403) return `You cannot see this meter: ${error.message}.`;
    if (error instanceof ApiError && error.status === 404) return `We could not find this meter: ${error.message}.`;
    if (error instanceof ApiError) return `That did not work: ${error.message}.`;
    return `Something went wrong: ${(error as Error).message ?? error}.`;
  };
  return {
    problem(error, retry) {
      const expired = error instanceof SessionExpiredError;
      return h('div', { class: 'problem', role: 'alert' },
        h('p', {}, explain(error)),
        expired
          ? h('button', { type: 'button', class: 'primary', onclick: signInAgain }, 'Sign in again')
          : h('button', { type: 'button', onclick: () => retry() }, 'Try again'),
      );
    },
    announce(message) {
      status.className = 'status';
      status.textContent = message;
    },
    announceProblem(error) {
      if (error instanceof SessionExpiredError) {
        status.replaceChildren(this.problem(error, () => undefined));
        return;
      }
      status.className = 'status problem';
      status.textContent = explain(error);
    },
  };
}
