import { connect } from 'node:net';
import { TestSmtpServer } from './support/smtp';

/**
 * The SMTP sink of the mail suites must outlive a client killed in the middle of a message (the
 * cluster suite kills an instance mid-send): an unhandled 'error' there failed a whole suite.
 */
it('keeps serving when clients vanish in the middle of DATA', async () => {
  const smtp = await new TestSmtpServer().start();
  const abortMidData = (reset: boolean) =>
    new Promise<void>((resolve) => {
      const socket = connect(smtp.port, '127.0.0.1');
      const commands = ['EHLO test', 'MAIL FROM:<a@example.fr>', 'RCPT TO:<b@example.fr>', 'DATA'];
      socket.on('error', () => resolve());
      socket.on('data', () => {
        const command = commands.shift();
        if (command === undefined) return;
        socket.write(`${command}\r\n`);
        if (command !== 'DATA') return;
        socket.write('Subject: half a message\r\n\r\nthe body stops here');
        setTimeout(() => {
          if (reset) socket.resetAndDestroy();
          else socket.destroy();
          resolve();
        }, 50);
      });
    });
  try {
    for (const reset of [false, true, false, true]) await abortMidData(reset);
    await smtp.waitFor(() => smtp.connectionErrors.length >= 2);
    expect(smtp.received).toHaveLength(0);
  } finally {
    await smtp.stop();
  }
});
