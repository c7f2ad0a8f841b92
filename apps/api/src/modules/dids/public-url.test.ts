import { describe, expect, it } from 'vitest';
import { publicUrlProblem } from './public-url';

describe('publicUrlProblem (I6)', () => {
  it.each([
    'https://hooks.example.com/sms',
    'http://api.example.org:8080/in?x=1',
    'https://8.8.8.8/hook',
    'https://[2606:4700:4700::1111]/hook',
    'https://172.32.0.1/',
  ])('accepts the public URL %s', (url) => {
    expect(publicUrlProblem(url)).toBeNull();
  });

  it.each([
    'ftp://example.com/file',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pw@example.com/',
    'http://localhost/hook',
    'http://LOCALHOST./hook',
    'http://app.localhost/hook',
    'http://intranet/hook',
    'http://printer.local/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://0.0.0.0/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://224.0.0.1/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[64:ff9b::10.0.0.1]/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://[ff02::1]/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(publicUrlProblem(url)).not.toBeNull();
  });
});
