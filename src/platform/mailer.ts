import nodemailer from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Fixed per delivery, with angle brackets: `<id@host>`. */
  messageId: string;
}

/** Sends one message; resolves with the server's acceptance line once it has taken the message. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

/** A mailer over SMTP, e.g. `smtp://user:pass@host:587` (STARTTLS when the server offers it). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      return { response: info.response };
    },
    close: () => transport.close(),
  };
}
