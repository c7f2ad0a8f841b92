import type { MailMessage } from './mailer';

/** The account e-mails. Plain text: they must read well in every client and leak nothing into logs. */
export function passwordResetMail(to: string, link: string, minutes: number): MailMessage {
  return {
    to,
    subject: 'Reset your Switchboard password',
    text: [
      'Someone asked to reset the password of your Switchboard account.',
      '',
      `To choose a new password, open this link within ${minutes} minutes:`,
      link,
      '',
      'The link works once. If you did not ask for it, ignore this e-mail: your password stays as it is.',
      'If two-factor sign-in is on, you will still need your authenticator app after the reset.',
    ].join('\n'),
  };
}

export function welcomeMail(to: string, signInUrl: string, company: string): MailMessage {
  return {
    to,
    subject: 'Your Switchboard organisation is ready',
    text: [
      `Your organisation "${company}" is set up and you are its admin.`,
      '',
      `Sign in here: ${signInUrl}`,
    ].join('\n'),
  };
}

/** Sent when someone registers with an address that already has an account (A3: the form says nothing). */
export function alreadyRegisteredMail(to: string, signInUrl: string, resetUrl: string): MailMessage {
  return {
    to,
    subject: 'Someone tried to register with your e-mail address',
    text: [
      'Someone tried to create a new Switchboard organisation with this e-mail address,',
      'which already has an account. No new organisation was created.',
      '',
      `Sign in: ${signInUrl}`,
      `Forgot your password? ${resetUrl}`,
      '',
      'If this was not you, you can ignore this e-mail.',
    ].join('\n'),
  };
}

/** Two sign-ups raced for one address; the other one won between our check and our insert. */
export function slugLostMail(to: string, registerUrl: string, slug: string): MailMessage {
  return {
    to,
    subject: 'Your Switchboard sign-up did not go through',
    text: [
      `The address "${slug}" was taken by another sign-up at the same moment, so no organisation was created.`,
      '',
      `Please sign up again with another address: ${registerUrl}`,
    ].join('\n'),
  };
}

/**
 * Sent to the address an account used to have, so a takeover by re-addressing the account is
 * seen by its owner (issue 16.1). Nothing in it works as a credential.
 */
export function emailChangedMail(oldAddress: string, newAddress: string, byOther: boolean): MailMessage {
  return {
    to: oldAddress,
    subject: 'The e-mail address of your Switchboard account changed',
    text: [
      byOther
        ? `An administrator of your organisation changed the e-mail address of your Switchboard account to ${newAddress}.`
        : `The e-mail address of your Switchboard account was changed to ${newAddress}.`,
      ...(byOther ? ['Your sessions were ended; sign in again with the new address.'] : []),
      '',
      'From now on, sign-in and password reset e-mails go to the new address.',
      'If you did not expect this, contact your organisation\u2019s admin at once.',
    ].join('\n'),
  };
}

/** An e-mailed one-time sign-in, sent when the password was right but the account is under attack (A2). */
export function loginLinkMail(to: string, link: string, minutes: number): MailMessage {
  return {
    to,
    subject: 'Your Switchboard sign-in link',
    text: [
      'Someone signed in to your Switchboard account with the right password while many wrong',
      'passwords were being tried on it, so we ask you to confirm it is you.',
      '',
      `To finish signing in, open this link within ${minutes} minutes:`,
      link,
      '',
      'The link works once. If this was not you, change your password now and turn on two-factor sign-in.',
    ].join('\n'),
  };
}

/** Sent at most once per window when wrong passwords keep being tried on an account (A2). */
export function loginAttackMail(to: string, failures: number, minutes: number, resetUrl: string): MailMessage {
  return {
    to,
    subject: 'Someone is trying to guess your Switchboard password',
    text: [
      `${failures} wrong passwords were tried on your Switchboard account in the last ${minutes} minutes.`,
      'You can still sign in as usual; the addresses that keep failing are slowed down.',
      '',
      'If these attempts were not yours, make sure your password is long and used nowhere else,',
      `and turn on two-factor sign-in. To change your password: ${resetUrl}`,
    ].join('\n'),
  };
}
