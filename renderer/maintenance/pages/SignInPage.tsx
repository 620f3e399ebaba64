// Staff sign-in, and a second staff member's approval (二人制): the staff number, then the PIN,
// on the menu's keypad. What went wrong is said without telling a wrong number from a wrong PIN.
import { PinDots, StaffKeypad } from '../StaffKeypad.tsx';
import { PageHeading, type PageProps } from '../MaintenanceScreen.tsx';

export function SignInPage({ view, send, text }: PageProps<'sign-in'>) {
  const t = text.signIn;
  const approving = view.purpose === 'approve';
  const problem =
    view.problem === 'throttled' ? t.throttled(view.waitSeconds ?? 0) : view.problem === undefined ? undefined : t[view.problem];
  const canSubmit = view.step === 'number' ? view.staffNumber.length >= 4 : view.step === 'pin' && view.pinDigits >= 6;
  return (
    <>
      <PageHeading title={approving ? t.approveTitle : t.title} text={text} send={send} back={false} />
      <div className="m-sign-in">
        <div className="m-sign-in-info">
          {approving && view.approving ? <p className="lead">{t.approveLead(text.actions[view.approving])}</p> : null}
          {approving && (view.approvingWhat?.subject ?? view.approvingWhat?.detail) ? (
            <p className="m-detail" data-approving-what>
              {t.approveWhat([view.approvingWhat.subject, view.approvingWhat.detail].filter(Boolean).join(' · '))}
            </p>
          ) : null}
          <p className="m-prompt">{view.step === 'number' ? t.number : view.step === 'pin' ? t.pin : t.checking}</p>
          <p className="m-staff-number" aria-label={t.numberLabel}>
            {t.numberLabel}: <strong>{view.staffNumber || '—'}</strong>
          </p>
          {view.step === 'pin' ? <PinDots count={view.pinDigits} label={t.digits(view.pinDigits)} /> : null}
          {problem ? (
            <p className="alert" role="alert">
              {problem}
            </p>
          ) : null}
          {approving ? (
            <button type="button" className="m-button" onClick={() => send({ type: 'MENU_DISMISS' })}>
              {t.cancelApproval}
            </button>
          ) : null}
        </div>
        {view.step === 'checking' ? (
          <span className="spinner" aria-hidden="true" />
        ) : (
          <StaffKeypad send={send} text={text} canSubmit={canSubmit} />
        )}
      </div>
    </>
  );
}
