'use client';

import type { CallDetail, CallRecord } from '@switchboard/contracts';
import { Circle, CircleStop, Mic, MicOff, Pause, PhoneForwarded, PhoneOff, Play, Undo2 } from 'lucide-react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { errorMessage } from '@/lib/api/errors';
import { useFeature } from '@/lib/auth';
import { useFormat, useT } from '@/lib/i18n';
import { CallStatusBadge, SimulatedBadge } from '@/features/calls/components/call-badges';
import { CallSegments } from '@/features/calls/components/call-segments';
import { secondsSince, useNow } from '@/features/calls/live-sync';
import { useCallAction, type CallAction } from '@/features/calls/queries';
import { TransferDialog } from './transfer-dialog';

/**
 * The agent's call in progress with its controls (the audio itself is on the agent's phone), and
 * who handled it before them when it was transferred.
 */
export function CurrentCallCard({
  call,
  consulting,
}: {
  call: CallRecord | CallDetail;
  consulting: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  const recordingEnabled = useFeature('recording');
  const action = useCallAction();
  const connected = call.status === 'connected';

  const run = (next: CallAction, done?: string) =>
    action.mutateAsync({ id: call.id, action: next }).then(
      () => (done ? toast.success(done) : undefined),
      (err: unknown) => {
        toast.error(errorMessage(err, t));
        throw err;
      },
    );
  const fire = (next: CallAction, done?: string) => void run(next, done).catch(() => undefined);

  return (
    <Card data-testid="current-call">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle className="text-sm font-medium text-muted-foreground">
            {t('agentConsole.currentCall')}
          </CardTitle>
          <p className="font-mono text-2xl font-semibold tabular-nums">
            {/* The other party: whom the agent dialled on an outbound call, otherwise the caller. */}
            {(call.direction === 'outbound' ? call.callee_number : call.caller_number) ??
              t('calls.unknownCaller')}
          </p>
          <p className="text-sm text-muted-foreground">
            {[call.queue_name, call.did].filter(Boolean).join(' · ') ||
              t(`calls.direction.${call.direction}`)}
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <span
            className="font-mono text-3xl font-semibold tabular-nums"
            aria-label={t('calls.fields.duration')}
          >
            {format.duration(secondsSince(call.answered_at ?? call.entered_at, now))}
          </span>
          <div className="flex flex-wrap justify-end gap-1">
            <CallStatusBadge status={call.status} />
            {call.on_hold ? <Badge variant="warning">{t('calls.flags.onHold')}</Badge> : null}
            {call.muted ? <Badge variant="secondary">{t('calls.flags.muted')}</Badge> : null}
            {call.recording ? <Badge variant="destructive">{t('calls.flags.recording')}</Badge> : null}
            {call.simulated ? <SimulatedBadge /> : null}
          </div>
        </div>
      </CardHeader>
      <CardContent className="grid gap-4">
        {consulting ? (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-primary/40 bg-primary/5 p-3">
            <p className="flex items-center gap-2 text-sm font-medium">
              <PhoneForwarded className="size-4" aria-hidden="true" />
              {t('agentConsole.transfer.consultingNow')}
            </p>
            <div className="flex gap-2">
              <Button
                size="sm"
                disabled={action.isPending}
                onClick={() =>
                  fire({ kind: 'attended', action: 'complete' }, t('agentConsole.transfer.completed'))
                }
              >
                {t('agentConsole.transfer.complete')}
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={action.isPending}
                onClick={() =>
                  fire({ kind: 'attended', action: 'cancel' }, t('agentConsole.transfer.cancelled'))
                }
              >
                <Undo2 aria-hidden="true" />
                {t('agentConsole.transfer.cancel')}
              </Button>
            </div>
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            disabled={!connected || action.isPending}
            aria-pressed={call.on_hold}
            onClick={() => fire({ kind: 'hold', on_hold: !call.on_hold })}
          >
            {call.on_hold ? <Play aria-hidden="true" /> : <Pause aria-hidden="true" />}
            {t(call.on_hold ? 'agentConsole.controls.unhold' : 'agentConsole.controls.hold')}
          </Button>
          <Button
            variant="outline"
            disabled={!connected || action.isPending}
            aria-pressed={call.muted}
            onClick={() => fire({ kind: 'mute', muted: !call.muted })}
          >
            {call.muted ? <Mic aria-hidden="true" /> : <MicOff aria-hidden="true" />}
            {t(call.muted ? 'agentConsole.controls.unmute' : 'agentConsole.controls.mute')}
          </Button>
          <TransferDialog callId={call.id} disabled={!connected || consulting} />
          {recordingEnabled ? (
            <Button
              variant="outline"
              disabled={!connected || action.isPending}
              aria-pressed={call.recording}
              onClick={() => fire({ kind: 'recording', recording: !call.recording })}
            >
              {call.recording ? <CircleStop aria-hidden="true" /> : <Circle aria-hidden="true" />}
              {t(call.recording ? 'agentConsole.controls.stopRecording' : 'agentConsole.controls.record')}
            </Button>
          ) : null}
          <ConfirmDialog
            trigger={
              <Button variant="destructive" disabled={action.isPending}>
                <PhoneOff aria-hidden="true" />
                {t('agentConsole.controls.hangup')}
              </Button>
            }
            title={t('agentConsole.controls.hangupTitle')}
            description={t('agentConsole.controls.hangupDescription')}
            confirmLabel={t('agentConsole.controls.hangup')}
            destructive
            onConfirm={() => run({ kind: 'hangup' })}
          />
        </div>
        {'segments' in call && call.segments.length > 0 ? <CallSegments segments={call.segments} /> : null}
      </CardContent>
    </Card>
  );
}
