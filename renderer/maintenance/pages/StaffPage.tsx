// The staff: who may sign in, with their role and lock-out; unlocking (役席), adding staff, a
// new PIN and removing (管理者, approved by a second staff member). A new PIN is typed by the
// staff member it is for, twice, on the menu's keypad.
import { useState } from 'react';
import { STAFF_ROLES, type StaffForm } from '../../../electron/common/maintenance/maintenance-view.ts';
import type { UiEvent } from '../../../electron/common/ui-events.ts';
import type { MaintenanceMessages } from '../maintenance-messages.ts';
import { Actions, PageHeading, type PageProps } from '../MaintenanceScreen.tsx';
import { PinDots, StaffKeypad } from '../StaffKeypad.tsx';

const PER_PAGE = 6;

function FormView({ form, send, text }: { form: StaffForm; send: (event: UiEvent) => void; text: MaintenanceMessages }) {
  const t = text.staff;
  const prompt =
    form.step === 'number'
      ? t.numberStep
      : form.step === 'role'
        ? t.roleStep
        : form.step === 'pin'
          ? t.pinStep(form.number)
          : t.confirmStep;
  return (
    <div className="m-sign-in">
      {/* The page's one heading, for a screen reader: the form fills the screen. */}
      <h1 className="visually-hidden">{text.pages.staff}</h1>
      <div className="m-sign-in-info">
        <p className="m-prompt">{prompt}</p>
        <p className="m-staff-number">
          {text.signIn.numberLabel}: <strong>{form.number || '—'}</strong>
          {form.step !== 'number' ? ` ${text.roles[form.role]}` : ''}
        </p>
        {form.step === 'pin' || form.step === 'confirm' ? (
          <PinDots count={form.pinDigits} label={text.signIn.digits(form.pinDigits)} />
        ) : null}
        {form.mismatch ? (
          <p className="alert" role="alert">
            {t.mismatch}
          </p>
        ) : null}
        <button type="button" className="m-button" onClick={() => send({ type: 'MENU_CANCEL_FORM' })}>
          {text.cancel}
        </button>
      </div>
      {form.step === 'role' ? (
        <div className="m-roles" role="group" aria-label={t.roleStep}>
          {STAFF_ROLES.map((role) => (
            <button
              key={role}
              type="button"
              aria-pressed={form.role === role}
              className={form.role === role ? 'm-button m-button-chosen' : 'm-button'}
              onClick={() => send({ type: 'MENU_EDIT', edit: { kind: 'role', role } })}
            >
              {text.roles[role]}
            </button>
          ))}
          <button type="button" className="m-button m-button-primary" onClick={() => send({ type: 'MENU_ENTER' })}>
            {t.nextStep}
          </button>
        </div>
      ) : (
        <StaffKeypad send={send} text={text} canSubmit={form.step === 'number' ? form.number.length >= 4 : form.pinDigits >= 6} />
      )}
    </div>
  );
}

export function StaffPage({ view, send, text }: PageProps<'staff'>) {
  const t = text.staff;
  const [page, setPage] = useState(0);
  if (view.form) return <FormView form={view.form} send={send} text={text} />;
  const manage = view.allowed.includes('manage-staff');
  const unlock = view.allowed.includes('unlock-staff');
  const pages = Math.max(1, Math.ceil(view.members.length / PER_PAGE));
  const shown = view.members.slice(page * PER_PAGE, (page + 1) * PER_PAGE);
  return (
    <>
      <PageHeading title={text.pages.staff} text={text} send={send} />
      <ul className="m-list m-staff">
        {shown.map((member) => (
          <li key={member.number} data-staff={member.number}>
            <span>
              {t.member(member.number, text.roles[member.role])}
              {member.locked ? ` ${t.locked}` : member.failedAttempts > 0 ? ` ${t.failures(member.failedAttempts)}` : ''}
            </span>
            <span className="m-row-buttons">
              {unlock && member.locked ? (
                <button type="button" className="m-button" onClick={() => send({ type: 'MENU_UNLOCK', number: member.number })}>
                  {t.unlock}
                </button>
              ) : null}
              {manage ? (
                <>
                  <button
                    type="button"
                    className="m-button"
                    onClick={() => send({ type: 'MENU_FORM', form: { form: 'reset-pin', number: member.number } })}
                  >
                    {t.resetPin}
                  </button>
                  {member.number !== view.staff?.number ? (
                    <button type="button" className="m-button" onClick={() => send({ type: 'MENU_REMOVE_STAFF', number: member.number })}>
                      {t.remove}
                    </button>
                  ) : null}
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <Actions>
        {pages > 1 ? (
          <>
            <button type="button" className="m-button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              ◀
            </button>
            <span className="m-detail">{text.configuration.page(page + 1, pages)}</span>
            <button type="button" className="m-button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              ▶
            </button>
          </>
        ) : null}
        {manage ? (
          <button
            type="button"
            className="m-button m-button-primary"
            onClick={() => send({ type: 'MENU_FORM', form: { form: 'add-staff' } })}
          >
            {t.add}
          </button>
        ) : null}
      </Actions>
    </>
  );
}
