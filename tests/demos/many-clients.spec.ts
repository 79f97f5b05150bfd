import { describe, expect, it } from 'vitest';
import { millis, runDemo } from './run-demo.ts';

// 100 clients, 20 ms of "I/O" each: evented, the waits overlap; blocking, they add up.
describe('demos/many-clients', () => {
  it('serves every client in about one wait when the handler is evented', async () => {
    const output = await runDemo('many-clients', 'server.js');
    expect(output).toContain('evented handler: 1 thread, 100 clients, 20 ms of work each');
    expect(millis(output, 'served 100 clients in')).toBeLessThan(1000);
  });

  it('makes every client wait for every other one when one handler blocks', async () => {
    const output = await runDemo('many-clients', 'server.js', ['--blocking']);
    expect(output).toContain('blocking handler');
    expect(millis(output, 'served 100 clients in')).toBeGreaterThanOrEqual(100 * 20);
    expect(millis(output, 'slowest')).toBeGreaterThanOrEqual(0.9 * 100 * 20);
  });
});
