// What the status adds when a server demo ran anywhere but WebContainer. Only WebContainer runs a
// live server and shows it in the preview; elsewhere the reader must be told plainly that nothing
// is serving, what the terminal shows instead, and that the preview needs WebContainer. The
// chooser's sentence before it has already said which runtime ran and why WebContainer did not.
import type { Choice } from '../runtimes/index.ts';
import { CLIENT_LABEL } from '../runtimes/transcript.ts';

export function serverNote(demo: { port?: number | undefined }, choice: Pick<Choice, 'runtime' | 'skipped'>): string {
  if (demo.port === undefined || choice.runtime.id === 'webcontainer') return '';
  const webContainer = choice.skipped.find((s) => s.id === 'webcontainer');
  if (choice.runtime.id === 'replay') {
    return (
      ' This demo is a server, and no server is running here: the terminal plays back a recorded session with the real server, ' +
      `driven by a scripted client whose lines start with ${CLIENT_LABEL.trim()}. The live preview needs WebContainer.`
    );
  }
  // The worker runtime cannot serve; a server demo listing it would only print until it listens.
  return ` This demo is a server: only WebContainer can run one and show it in a preview, and ${webContainer?.why ?? 'WebContainer was not tried'}.`;
}
