'use client';

import { Copy, QrCode } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-field';
import { errorMessage } from '@/lib/api/errors';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useTotpConfirm, useTotpEnroll } from '../queries';
import { CodeForm } from './code-form';
import { RecoveryCodes } from './recovery-codes';

type Step =
  { kind: 'start' } | { kind: 'scan'; secret: string; qr: string } | { kind: 'codes'; codes: string[] };

/** Enrol → scan the QR code (or type the secret) → confirm a code → keep the recovery codes. */
export function TwoFactorEnroll() {
  const t = useT();
  const { reloadUser } = useAuth();
  const enroll = useTotpEnroll();
  const confirm = useTotpConfirm();
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [startError, setStartError] = useState<string | null>(null);

  const start = async () => {
    setStartError(null);
    try {
      const result = await enroll.mutateAsync();
      setStep({ kind: 'scan', secret: result.secret, qr: result.qr_data_url });
    } catch (error) {
      setStartError(errorMessage(error, t));
    }
  };

  if (step.kind === 'start') {
    return (
      <div className="grid gap-3">
        <FormError message={startError} />
        <Button onClick={() => void start()} loading={enroll.isPending} className="w-fit">
          {enroll.isPending ? null : <QrCode aria-hidden="true" />}
          {t('settings.twoFactor.setUp')}
        </Button>
      </div>
    );
  }

  if (step.kind === 'codes') {
    return (
      <RecoveryCodes
        codes={step.codes}
        onDone={() => {
          // The session says 2FA is on only after this; the view then switches to "manage".
          void reloadUser();
        }}
      />
    );
  }

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(step.secret);
      toast.success(t('settings.twoFactor.secretCopied'));
    } catch {
      toast.error(t('settings.twoFactor.copyFailed'));
    }
  };

  return (
    <div className="grid gap-6 md:grid-cols-[auto_1fr]">
      {/* A data: URL from the API; next/image adds nothing for it. */}
      <img
        src={step.qr}
        alt={t('settings.twoFactor.qrAlt')}
        width={192}
        height={192}
        className="size-48 rounded-lg border bg-white p-2"
      />
      <div className="grid content-start gap-4">
        <ol className="grid list-decimal gap-1 pl-5 text-sm text-muted-foreground">
          <li>{t('settings.twoFactor.stepScan')}</li>
          <li>{t('settings.twoFactor.stepCode')}</li>
        </ol>
        <div className="grid gap-1.5">
          <span className="text-xs font-medium text-muted-foreground">{t('settings.twoFactor.secret')}</span>
          <div className="flex items-center gap-2">
            <code className="rounded-md border bg-muted/40 px-2 py-1 font-mono text-sm break-all">
              {step.secret}
            </code>
            <Button
              type="button"
              variant="ghost"
              size="icon-sm"
              aria-label={t('settings.twoFactor.copySecret')}
              onClick={() => void copySecret()}
            >
              <Copy aria-hidden="true" />
            </Button>
          </div>
        </div>
        <CodeForm
          label={t('settings.twoFactor.code')}
          submitLabel={t('settings.twoFactor.confirm')}
          onSubmit={async (code) => {
            const result = await confirm.mutateAsync(code);
            toast.success(t('settings.twoFactor.enabledToast'));
            setStep({ kind: 'codes', codes: result.recovery_codes });
          }}
        />
      </div>
    </div>
  );
}
