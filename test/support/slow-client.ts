// A slow HTTP client on a raw socket (a slow-loris): sends `head`, then one character of `trickle` every
// `everyMs`, until the server closes the connection or `giveUpMs` passes. For tests of server timeouts.
import { connect } from 'node:net';

export interface SlowClientOutcome {
  /** ms from the first byte sent until the connection closed (the server's doing, or giving up). */
  closedAfterMs: number;
  /** The first line the server answered ('' when it answered nothing). */
  statusLine: string;
}

export function slowClient(
  port: number,
  head: string,
  trickle: string,
  everyMs: number,
  giveUpMs: number,
): Promise<SlowClientOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (socket.writable && i < trickle.length) socket.write(trickle[i++]!);
    }, everyMs);
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, statusLine: answer.split('\r\n')[0] ?? '' });
    });
    socket.write(head);
  });
}
