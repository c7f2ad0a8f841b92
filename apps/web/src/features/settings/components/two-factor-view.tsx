'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { totpDisableSchema } from '@switchboard/contracts';
import { ShieldCheck, ShieldOff } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import type { z } from 'zod';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormError, FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { PasswordInput } from '@/components/ui/password-input';
import { errorMessage } from '@/lib/api/errors';
import { useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { useRegenerateRecoveryCodes, useTotpDisable } from '../queries';
import { CodeForm } from './code-form';
import { RecoveryCodes } from './recovery-codes';
import { TwoFactorEnroll } from './two-factor-enroll';
import { applyServerFieldErrors } from '@/features/users/server-errors';

export function TwoFactorView() {
  const t = useT();
  const user = useSession();
  return (
    <div className="grid max-w-3xl gap-6">
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-3">
            {t('settings.twoFactor.title')}
            {user.totp_enabled ? (
              <Badge variant="success">
                <ShieldCheck aria-hidden="true" />
                {t('common.enabled')}
              </Badge>
            ) : (
              <Badge variant="secondary">
                <ShieldOff aria-hidden="true" />
                {t('common.disabled')}
              </Badge>
            )}
          </CardTitle>
          <CardDescription>{t('settings.twoFactor.description')}</CardDescription>
        </CardHeader>
        <CardContent>{user.totp_enabled ? <EnabledSummary /> : <TwoFactorEnroll />}</CardContent>
      </Card>
      {user.totp_enabled ? (
        <>
          <RegenerateCodesCard />
          <DisableCard />
        </>
      ) : null}
    </div>
  );
}

function EnabledSummary() {
  const t = useT();
  return <p className="text-sm text-muted-foreground">{t('settings.twoFactor.enabledSummary')}</p>;
}

function RegenerateCodesCard() {
  const t = useT();
  const regenerate = useRegenerateRecoveryCodes();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('settings.twoFactor.regenerateTitle')}</CardTitle>
        <CardDescription>{t('settings.twoFactor.regenerateDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
        ) : (
          <CodeForm
            label={t('settings.twoFactor.code')}
            submitLabel={t('settings.twoFactor.regenerate')}
            onSubmit={async (code) => {
              const result = await regenerate.mutateAsync(code);
              setCodes(result.recovery_codes);
              toast.success(t('settings.twoFactor.regeneratedToast'));
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}

type DisableValues = z.input<typeof totpDisableSchema>;

function DisableCard() {
  const t = useT();
  const disable = useTotpDisable();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DisableValues>({
    resolver: zodResolver(totpDisableSchema),
    defaultValues: { password: '', code: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await disable.mutateAsync(values);
      toast.success(t('settings.twoFactor.disabledToast'));
    } catch (error) {
      if (!applyServerFieldErrors(error, form.setError, ['password', 'code']))
        setFormError(errorMessage(error, t));
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('settings.twoFactor.disableTitle')}</CardTitle>
        <CardDescription>{t('settings.twoFactor.disableDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:max-w-sm">
          <FormField label={t('auth.password')} error={errors.password?.message}>
            <PasswordInput
              autoComplete="current-password"
              disabled={isSubmitting}
              {...form.register('password')}
            />
          </FormField>
          <FormField label={t('settings.twoFactor.code')} error={errors.code?.message}>
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              disabled={isSubmitting}
              className="font-mono tracking-widest"
              {...form.register('code')}
            />
          </FormField>
          <FormError message={formError} />
          <Button type="submit" variant="destructive" loading={isSubmitting} className="w-fit">
            {t('settings.twoFactor.disable')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
