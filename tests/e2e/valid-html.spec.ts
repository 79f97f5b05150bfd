// Every built page is valid HTML, as the W3C's Nu HTML checker reads it (vnu-jar from npm, run on
// Debian's Java; scripts/setup-system.sh installs Java when it is missing). A page the checker
// cannot read to the end (a <script> after </html>, say) fails here with the line that stopped it.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

interface Message {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/**
 * The checker's CSS parser lags the CSS the site uses (light-dark(), container units and queries,
 * scroll-driven animations): it reports those as errors, and as crashes of its own ("Cannot
 * invoke … because val is null"). Those lines come from the checker, not from our HTML, so they
 * are left out; the stylesheets are checked by the browsers the tests run in.
 */
const fromItsCssParser = (message: Message) => message.message.startsWith('CSS: ');

test('the Nu HTML checker finds no error in any built page', async () => {
  test.setTimeout(180_000);
  const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
  const run = await promisify(execFile)('java', ['-jar', jar, '--format', 'json', '--exit-zero-always', '--skip-non-html', 'dist'], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new Error('java was not found: the Nu HTML checker runs on Java (bash scripts/setup-system.sh installs it).');
      throw error;
    },
  );
  const { messages } = JSON.parse(run.stderr) as { messages: Message[] };
  const errors = messages
    .filter((message) => message.type !== 'info' && !fromItsCssParser(message))
    .map((message) => `${message.url?.replace(/^.*\/dist\//, '/') ?? ''}:${message.lastLine ?? ''} ${message.message} ${JSON.stringify(message.extract ?? '')}`);
  expect(errors).toEqual([]);
});
